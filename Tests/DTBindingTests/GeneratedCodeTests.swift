import DeviceConfig
import DeviceTree
import Foundation
import Peripherals
import Registers
import XCTest

/// The generated Peripherals module (built by DTBindingPlugin): config structs decoded from
/// device trees, and register blocks driving a recording bus.
final class GeneratedConfigTests: ScratchFolderTestCase {
    func decodeError<T>(_ body: () throws(BindingConfigError) -> T) -> BindingConfigError? {
        do {
            _ = try body()
            return nil
        } catch {
            return error
        }
    }

    func testVirtBoardNodesDecode() throws {
        let dtb = try TestEnvironment.compileDTSFile(TestEnvironment.root.appendingPathComponent("dts/qemu-virt.dts").path, in: directory, name: "virt")
        let tree = try DeviceTree(contentsOfFile: dtb)

        let uart = try PL011Config(node: XCTUnwrap(tree.node(atPath: "/pl011@9000000")))
        XCTAssertEqual(uart.reg, [MemoryRange(address: 0x900_0000, size: 0x1000)])
        XCTAssertEqual(uart.interrupts.count, 1)
        XCTAssertEqual(uart.interrupts.first?.gic?.number, 1)
        XCTAssertEqual(uart.clockNames, ["uartclk", "apb_pclk"])
        XCTAssertEqual(uart.pollRateMs, 100, "default")
        XCTAssertEqual(uart.regIoWidth, 4, "default")
        XCTAssertNil(uart.currentSpeed)
        XCTAssertFalse(uart.autoPoll)
        XCTAssertEqual(PL011Config.compatibles, ["arm,pl011"])
        XCTAssertFalse(PL011Config.isBusMaster)

        let rtc = try PL031Config(node: XCTUnwrap(tree.node(atPath: "/pl031@9010000")))
        XCTAssertEqual(rtc.clockNames, ["apb_pclk"])
        let gpio = try PL061Config(node: XCTUnwrap(tree.node(atPath: "/pl061@9030000")))
        XCTAssertEqual(gpio.gpioCells, 2)
        XCTAssertTrue(gpio.gpioController)
        XCTAssertFalse(gpio.interruptController)
        let fwcfg = try FwCfgConfig(node: XCTUnwrap(tree.node(atPath: "/fw-cfg@9020000")))
        XCTAssertEqual(fwcfg.reg.first?.size, 0x18)
        XCTAssertTrue(fwcfg.dmaCoherent)
        XCTAssertTrue(FwCfgConfig.isBusMaster)
    }

    func testAMissingRequiredPropertyNamesNodeAndProperty() throws {
        let uart = try node(#"serial@1000 { compatible = "arm,pl011", "arm,primecell"; reg = <0x1000 0x1000>; };"#, "/serial@1000")
        let error = decodeError { () throws(BindingConfigError) in try PL011Config(node: uart) }
        XCTAssertEqual(error, .invalidNode(path: "/serial@1000", problems: [.missing(property: "interrupts")]))
        XCTAssertEqual(error?.description, "/serial@1000: property 'interrupts' is required but missing")
    }

    func testAWrongTypeNamesNodeAndPropertyOnce() throws {
        let uart = try node(#"serial@1000 { compatible = "arm,pl011"; reg = <0x1000 0x1000>; interrupts = <0 1 4>; poll-rate-ms = "fast"; };"#, "/serial@1000")
        let error = decodeError { () throws(BindingConfigError) in try PL011Config(node: uart) }
        XCTAssertEqual(error, .invalidNode(path: "/serial@1000", problems: [
            .wrongType(property: "poll-rate-ms", .wrongLength(expected: .u32, length: 5, text: "fast")),
        ]))
        XCTAssertEqual(error?.description, "/serial@1000: property 'poll-rate-ms' must be one cell (u32), but is 5 bytes (the string \"fast\")")
    }

    func testAValueOutsideTheEnumOrConstNamesNodeAndProperty() throws {
        let uart = try node(#"serial@1000 { compatible = "arm,pl011"; reg = <0x1000 0x1000>; interrupts = <0 1 4>; reg-io-width = <2>; };"#, "/serial@1000")
        XCTAssertEqual(decodeError { () throws(BindingConfigError) in try PL011Config(node: uart) },
                       .invalidNode(path: "/serial@1000", problems: [.notInEnum(property: "reg-io-width", values: ["2"], allowed: ["1", "4"])]))
        let gpio = try node(#"gpio@2000 { compatible = "arm,pl061"; reg = <0x2000 0x1000>; interrupts = <0 3 4>; gpio-controller; #gpio-cells = <3>; };"#, "/gpio@2000")
        XCTAssertEqual(decodeError { () throws(BindingConfigError) in try PL061Config(node: gpio) },
                       .invalidNode(path: "/gpio@2000", problems: [.notConst(property: "#gpio-cells", value: "3", expected: "2")]))
    }

    func testACountOutsideTheLimitsIsAnError() throws {
        let timer = try node(#"timer@3000 { compatible = "arm,sp804"; reg = <0x3000 0x1000>; interrupts = <0 1 4>, <0 2 4>, <0 3 4>; };"#, "/timer@3000")
        let error = decodeError { () throws(BindingConfigError) in try SP804Config(node: timer) }
        XCTAssertEqual(error, .invalidNode(path: "/timer@3000", problems: [.wrongCount(property: "interrupts", type: .interrupts, count: 3, minimum: 1, maximum: 2)]))
        XCTAssertEqual(error?.description, "/timer@3000: property 'interrupts' has 3 interrupt specifiers, but the binding allows 1 to 2")
    }

    /// Decoding does not stop at the first bad property: one error lists every problem, in the
    /// binding's order, each property once (a bad `reg-io-width` is not also reported by its enum).
    func testEveryProblemOfTheNodeIsReportedOnce() throws {
        let uart = try node(#"serial@1000 { compatible = "arm,pl011"; reg = <0x1000 0x1000>; clock-names = "uartclk", "bogus", "extra"; auto-poll = <1>; reg-io-width = <1 2>; };"#, "/serial@1000")
        let error = decodeError { () throws(BindingConfigError) in try PL011Config(node: uart) }
        XCTAssertEqual(error?.problems.map(\.rule), ["missing-required", "wrong-count", "not-in-enum", "wrong-type", "wrong-type"])
        XCTAssertEqual(error?.description, """
            /serial@1000: 5 problems
              property 'interrupts' is required but missing
              property 'clock-names' has 3 strings, but the binding allows 1 to 2
              property 'clock-names' has "bogus", "extra", which are not among "uartclk", "apb_pclk"
              property 'auto-poll' must be a boolean (no value), but has a 4-byte value; write it as `name;` to set it
              property 'reg-io-width' must be one cell (u32), but is 8 bytes (2 cells)
            """)
    }

    func testErrorsReadAsSentences() {
        XCTAssertEqual(BindingConfigError.invalidNode(path: "/a", problems: [.missing(property: "reg")]).description, "/a: property 'reg' is required but missing")
        XCTAssertEqual(PropertyProblem.notInEnum(property: "x", values: ["2"], allowed: ["1", "4"]).description, "property 'x' is 2, not one of 1, 4")
        XCTAssertEqual(PropertyProblem.wrongCount(property: "x", type: .cells, count: 1, minimum: 2, maximum: nil).message, "has 1 cell, but the binding allows at least 2")
        XCTAssertEqual(PropertyProblem.wrongCount(property: "x", type: .cells, count: 3, minimum: 0, maximum: 2).message, "has 3 cells, but the binding allows at most 2")
        XCTAssertEqual(PropertyProblem.wrongCount(property: "x", type: .reg, count: 2, minimum: 1, maximum: 1).message, "has 2 entries, but the binding allows exactly 1")
    }
}

final class GeneratedRegisterTests: XCTestCase {
    func testPL011Accessors() {
        let bus = RecordingBus()
        let uart = PL011(bus: bus)
        bus.values[0x18] = 0x20
        XCTAssertTrue(uart.fr.read().txff)
        XCTAssertFalse(uart.fr.read().rxfe)
        uart.cr.write { $0.uarten = true }
        uart.lcrH.modify { $0.wlen = .eight; $0.fen = true }
        uart.dr.write { $0.data = 0x41 }
        uart.icr.write { $0.rx = true; $0.rt = true }
        XCTAssertEqual(bus.log, [
            .read(0x18, width: 32), .read(0x18, width: 32),
            .write(0x30, width: 32, value: 0x301),
            .read(0x2C, width: 32), .write(0x2C, width: 32, value: 0x70),
            .write(0x00, width: 32, value: 0x41),
            .write(0x44, width: 32, value: 0x50),
        ])
        bus.values[0x00] = 0x841
        let received = uart.dr.read()
        XCTAssertEqual(received.data, 0x41)
        XCTAssertTrue(received.oe)
        XCTAssertEqual(PL011Registers.LCR_H(rawValue: 0x60).wlen, .eight)
        XCTAssertEqual(PL011Registers.IFLS.resetValue, 0x12)
        XCTAssertEqual(PL011Registers.IFLS(rawValue: 0x12).rxiflsel, .half)
        // The UART registers end with DMACR at 0x48: a window of 0x200 (the Raspberry Pi's
        // uart0) holds them; the PrimeCell ID registers are not part of the PL011 block.
        XCTAssertEqual(PL011<RecordingBus>.extent, 0x4C)
    }

    func testArraysAndClusters() {
        let bus = RecordingBus()
        bus.values[0xFE0] = 0x11
        XCTAssertEqual(PL031(bus: bus).periphID(0).read().id, 0x11)
        _ = PL031(bus: bus).pCellID(3).read()
        let gpio = PL061(bus: bus)
        gpio.data(0xFF).write { $0.lines = 0xA5 }
        gpio.dir.modify { $0.lines |= 1 << 3 }
        _ = gpio.interruptSense.read()
        let timer = SP804(bus: bus)
        timer.timer(1).load.write { $0.value = 1_000_000 }
        timer.timer(1).control.write { $0.timeren = true; $0.timermode = true; $0.timersize = true; $0.timerpre = .div16 }
        timer.timer(0).intClr.write { $0.clear = 1 }
        XCTAssertEqual(Array(bus.log.dropFirst(2)), [
            .write(0x3FC, width: 32, value: 0xA5),
            .read(0x400, width: 32), .write(0x400, width: 32, value: 0x08),
            .read(0x404, width: 32),
            .write(0x20, width: 32, value: 1_000_000),
            .write(0x28, width: 32, value: 0xE6),
            .write(0x0C, width: 32, value: 1),
        ])
        XCTAssertEqual(SP804Registers.Timer.Control.resetValue, 0x20)
        XCTAssertEqual(SP804Registers.Timer.Value(rawValue: 0xFFFF_FFFF).value, 0xFFFF_FFFF)
    }

    func testFwCfgBigEndianSelectorAndAliasedDMA() {
        let bus = RecordingBus()
        let fwcfg = FwCfg(bus: bus)
        fwcfg.selector.write { $0.key = 0x19 }
        bus.values[0x10] = UInt64(0x5145_4D55_2043_4647 as UInt64).bigEndian
        XCTAssertEqual(fwcfg.dma.read().signature, 0x5145_4D55_2043_4647)
        fwcfg.dma.write { $0.address = 0x4000_1000 }
        _ = fwcfg.data.read().data
        XCTAssertEqual(bus.log, [
            .write(0x08, width: 16, value: UInt64(UInt16(0x19).bigEndian)),
            .read(0x10, width: 64),
            .write(0x10, width: 64, value: UInt64(0x4000_1000 as UInt64).bigEndian),
            .read(0x00, width: 8),
        ])
        XCTAssertEqual(FwCfg<RecordingBus>.extent, 0x18)
    }

    func testNS16550BanksAndReadClearRegisters() {
        let bus = RecordingBus()
        let uart = NS16550(bus: bus)
        uart.lcr.write { $0.dlab = true }
        uart.dll.write { $0.dll = 1 }
        uart.dlm.write { $0.dlm = 0 }
        uart.lcr.write { $0.wls = .eight }
        uart.fcr.write { $0.fifoe = true; $0.rxtrig = .fourteen }
        uart.thr.write { $0.data = 0x41 }
        bus.values[5] = 0x61
        let status = uart.lsr.read()
        XCTAssertTrue(status.dr && status.thre)
        bus.values[2] = 0x04
        XCTAssertEqual(uart.iir.read().id, .rxData)
        XCTAssertEqual(bus.log.prefix(6), [
            .write(3, width: 8, value: 0x80), .write(0, width: 8, value: 1), .write(1, width: 8, value: 0),
            .write(3, width: 8, value: 0x03), .write(2, width: 8, value: 0xC1), .write(0, width: 8, value: 0x41),
        ])
    }
}
