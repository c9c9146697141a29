import DeviceTree
import XCTest

/// Expected values derived by hand from dts/nested-bus.dts.
///
/// Address spaces (child -> parent, per `ranges` entry):
///   root: #address-cells 2, #size-cells 2; interrupt-parent = <&gic>.
///   /soc@0 (1/1):    E1 0x00000000 +0x01000000 -> 0x0_1000_0000
///                    E2 0x40000000 +0x10000000 -> 0x1_0000_0000
///   bridge@40000000 (2/1, children address <cs offset>):
///                    R1 <0 0> +0x10000  -> soc 0x40010000
///                    R2 <1 0> +0x100000 -> soc 0x40100000
///   localbus@1,40000 (1/1):
///                    L1 0x0000 +0x1000 -> bridge <1 0x40000>
///                    L2 0x8000 +0x800  -> bridge <1 0x48000>
///   interrupt-nexus@140000: `ranges;` (identity). /ebus: no ranges at all.
final class NestedBusTests: XCTestCase {
    var tree: DeviceTree!

    override func setUpWithError() throws {
        tree = try Fixtures.tree("nested-bus.dts")
    }

    private func node(_ path: String, file: StaticString = #filePath, line: UInt = #line) throws -> DeviceTreeNode {
        try requireNode(tree, path, file: file, line: line)
    }

    // MARK: Address translation

    /// serial@100000: 0x100000 lies in E1 -> 0x10000000 + 0x100000 = 0x10100000.
    func testOneLevelTranslation() throws {
        let uart = try node("/soc@0/serial@100000")
        XCTAssertEqual(try uart.busRegisters(), [MemoryRange(address: 0x10_0000, size: 0x1000)])
        XCTAssertEqual(try uart.registers(), [MemoryRange(address: 0x1010_0000, size: 0x1000)])
        XCTAssertEqual(try uart.register(named: "regs"), MemoryRange(address: 0x1010_0000, size: 0x1000))
        XCTAssertNil(try uart.register(named: "other"))
        XCTAssertEqual(try uart.linuxDeviceName(), "10100000.serial")
    }

    /// bridge@40000000's own reg 0x40000000 lies in E2 (second ranges entry) -> 0x1_0000_0000.
    func testSecondRangesEntry() throws {
        let bridge = try node("/soc@0/bridge@40000000")
        XCTAssertEqual(try bridge.registers(), [MemoryRange(address: 0x1_0000_0000, size: 0x1000)])
        XCTAssertEqual(try bridge.linuxDeviceName(), "100000000.bridge")
    }

    /// gpio@0,1000: reg <0 0x1000 0x100> is bus address 0x1000 (two cells) -> R1: soc
    /// 0x40010000 + 0x1000 = 0x40011000 -> E2: 0x1_0000_0000 + 0x11000 = 0x1_0001_1000.
    /// uart@1,2000: <1 0x2000> = 0x1_0000_2000 -> R2: soc 0x40100000 + 0x2000 = 0x40102000
    /// -> E2: 0x1_0010_2000.
    func testTwoLevelsWithTwoCellAddresses() throws {
        let gpio = try node("/soc@0/bridge@40000000/gpio@0,1000")
        XCTAssertEqual(try gpio.busRegisters(), [MemoryRange(address: 0x1000, size: 0x100)])
        XCTAssertEqual(try gpio.registers(), [MemoryRange(address: 0x1_0001_1000, size: 0x100)])
        XCTAssertEqual(try gpio.linuxDeviceName(), "100011000.gpio")
        let uart = try node("/soc@0/bridge@40000000/uart@1,2000")
        XCTAssertEqual(try uart.busRegisters(), [MemoryRange(address: 0x1_0000_2000, size: 0x1000)])
        XCTAssertEqual(try uart.registers(), [MemoryRange(address: 0x1_0010_2000, size: 0x1000)])
        XCTAssertEqual(try uart.linuxDeviceName(), "100102000.uart")
    }

    /// timer@8100, three levels: 0x8100 -> L2: bridge <1 0x48100> = 0x1_0004_8100 -> R2: soc
    /// 0x40100000 + 0x48100 = 0x40148100 -> E2: 0x1_0014_8100 (size 0x100). Second entry
    /// 0x0 -> L1: <1 0x40000> -> R2: soc 0x40140000 -> E2: 0x1_0014_0000 (size 0x10).
    func testThreeLevels() throws {
        let timer = try node("/soc@0/bridge@40000000/localbus@1,40000/timer@8100")
        XCTAssertEqual(try timer.registers(), [
            MemoryRange(address: 0x1_0014_8100, size: 0x100),
            MemoryRange(address: 0x1_0014_0000, size: 0x10),
        ])
        XCTAssertEqual(try timer.linuxDeviceName(), "100148100.timer")
    }

    /// device@141000 sits under the nexus's `ranges;`: 0x141000 stays 0x141000, then E1 ->
    /// 0x10141000.
    func testEmptyRangesIsIdentity() throws {
        let device = try node("/soc@0/interrupt-nexus@140000/device@141000")
        XCTAssertEqual(try device.registers(), [MemoryRange(address: 0x1014_1000, size: 0x100)])
        XCTAssertEqual(try device.linuxDeviceName(), "10141000.device")
    }

    /// sram@2,0 (<2 0> = 0x2_0000_0000) is in neither R1 nor R2: registers() fails at the
    /// bridge; Linux names it after the bridge, the first ancestor whose reg translates:
    /// "100000000.bridge:sram@2,0".
    func testAddressOutsideEveryRange() throws {
        let sram = try node("/soc@0/bridge@40000000/sram@2,0")
        XCTAssertThrows(.untranslatableAddress(
            node: "/soc@0/bridge@40000000/sram@2,0", address: 0x2_0000_0000, bus: "/soc@0/bridge@40000000",
            reason: "no entry of its 'ranges' covers it")) {
            () throws(DeviceTreeError) in try sram.registers()
        }
        XCTAssertEqual(try sram.linuxDeviceName(), "100000000.bridge:sram@2,0")
    }

    /// hole@4000: 0x4000 is in neither L1 (0..0xfff) nor L2 (0x8000..0x87ff). Its name collects
    /// "hole@4000", then "localbus@1,40000" (no reg), then the bridge translates:
    /// "100000000.bridge:localbus@1,40000:hole@4000".
    func testNameWalksUpSeveralLevels() throws {
        let hole = try node("/soc@0/bridge@40000000/localbus@1,40000/hole@4000")
        XCTAssertThrows(.untranslatableAddress(
            node: "/soc@0/bridge@40000000/localbus@1,40000/hole@4000", address: 0x4000,
            bus: "/soc@0/bridge@40000000/localbus@1,40000", reason: "no entry of its 'ranges' covers it")) {
            () throws(DeviceTreeError) in try hole.registers()
        }
        XCTAssertEqual(try hole.linuxDeviceName(), "100000000.bridge:localbus@1,40000:hole@4000")
    }

    /// /ebus has no `ranges`: flash@0 cannot be translated (an error naming /ebus); no ancestor
    /// below the root has a reg, so the Linux name is the joined names "ebus:flash@0".
    func testAbsentRangesIsABoundary() throws {
        let flash = try node("/ebus/flash@0")
        XCTAssertEqual(try flash.busRegisters(), [MemoryRange(address: 0, size: 0x10_0000)])
        XCTAssertThrows(.untranslatableAddress(
            node: "/ebus/flash@0", address: 0, bus: "/ebus",
            reason: "it has no 'ranges' property, so addresses on it are not CPU addresses")) {
            () throws(DeviceTreeError) in try flash.registers()
        }
        XCTAssertEqual(try flash.linuxDeviceName(), "ebus:flash@0")
    }

    /// rtc@68 under i2c (#size-cells 0): reg is a bus address, never a CPU one; Linux's helper
    /// would name it "10130000.i2c:rtc@68" (the I2C core names real I2C clients differently).
    func testSizeCellsZero() throws {
        let rtc = try node("/soc@0/i2c@130000/rtc@68")
        XCTAssertEqual(try rtc.busRegisters(), [MemoryRange(address: 0x68, size: 0)])
        XCTAssertThrows(.untranslatableAddress(
            node: "/soc@0/i2c@130000/rtc@68", address: 0x68, bus: "/soc@0/i2c@130000",
            reason: "#address-cells 1 and #size-cells 0 do not describe a memory-mapped bus (translation needs 1 to 4 address cells and at least one size cell)")) {
            () throws(DeviceTreeError) in try rtc.registers()
        }
        XCTAssertEqual(try rtc.linuxDeviceName(), "10130000.i2c:rtc@68")
    }

    /// watchdog@120000 has mask = <0x30>: ffs(0x30) = 5 (bit 4 is the lowest set), so the name
    /// is "<0x10120000>.<5 - 1>.<watchdog>".
    func testMaskName() throws {
        XCTAssertEqual(try node("/soc@0/watchdog@120000").linuxDeviceName(), "10120000.4.watchdog")
    }

    /// GIC: two reg entries, named by reg-names.
    func testRegNames() throws {
        let gic = try node("/interrupt-controller@8000000")
        XCTAssertEqual(gic.regNames, ["distributor", "cpu"])
        XCTAssertEqual(try gic.register(named: "cpu"), MemoryRange(address: 0x800_2000, size: 0x2000))
        XCTAssertEqual(try gic.linuxDeviceName(), "8000000.interrupt-controller")
    }

    // MARK: Interrupts

    /// serial@100000 has no interrupt-parent; neither has /soc@0, and neither has
    /// #interrupt-cells; the root's interrupt-parent is the GIC. <0 10 4> = SPI 10 level high.
    func testInheritedInterruptParent() throws {
        let uart = try node("/soc@0/serial@100000")
        XCTAssertEqual(try uart.interruptParent()?.path, "/interrupt-controller@8000000")
        let interrupts = try uart.interrupts()
        XCTAssertEqual(interrupts.map(\.controllerPath), ["/interrupt-controller@8000000"])
        XCTAssertEqual(interrupts.map(\.gic), [GICInterrupt(kind: .spi, number: 10, trigger: .levelHigh)])
        XCTAssertEqual(uart.interruptNames, ["rx-tx"])
        XCTAssertEqual(try uart.interrupt(named: "rx-tx")?.cells, [0, 10, 4])
    }

    /// uart@1,2000: interrupts-extended = <&gic 0 21 1>, <&gpio0 5 2>: SPI 21 edge rising, and
    /// pin 5 of the GPIO controller (its #interrupt-cells 2) edge falling — not a GIC, so no
    /// decoded form.
    func testInterruptsExtended() throws {
        let uart = try node("/soc@0/bridge@40000000/uart@1,2000")
        let interrupts = try uart.interrupts()
        XCTAssertEqual(interrupts.count, 2)
        XCTAssertEqual(interrupts[0].gic, GICInterrupt(kind: .spi, number: 21, trigger: .edgeRising))
        XCTAssertEqual(interrupts[1].controllerPath, "/soc@0/bridge@40000000/gpio@0,1000")
        XCTAssertEqual(interrupts[1].cells, [5, 2])
        XCTAssertNil(interrupts[1].gic)
    }

    /// device@141000's interrupt parent is its tree parent, the nexus (#interrupt-cells 1,
    /// #address-cells 1). Key = <0x141000 1>; mask <0xff000 7> keeps it; entry 1
    /// <0x141000 1 &gic 0 30 4> matches -> SPI 30 level high. Key <0x141000 2> matches entry 2
    /// -> <0 31 1> SPI 31 edge rising.
    func testInterruptMap() throws {
        let device = try node("/soc@0/interrupt-nexus@140000/device@141000")
        XCTAssertEqual(try device.interruptParent()?.path, "/soc@0/interrupt-nexus@140000")
        XCTAssertEqual(try device.interrupts().map(\.gic), [
            GICInterrupt(kind: .spi, number: 30, trigger: .levelHigh),
            GICInterrupt(kind: .spi, number: 31, trigger: .edgeRising),
        ])
    }

    /// device@142000, <1>: key <0x142000 1> misses entries 1-2 (0x142000 ^ 0x141000 = 0x3000
    /// survives the mask), hits entry 3 -> &chained (#address-cells 0) with specifier <3>.
    /// At chained: mask <0xf>; entry <3 &offintc 9> matches but offintc is disabled, so Linux
    /// skips it; <3 &gic 0 40 4> -> SPI 40 level high.
    /// <2>: key <0x142000 2> hits entry 4 -> &gpio0 (#address-cells 0) specifier <7 8>.
    func testChainedNexusSkipsDisabledParent() throws {
        let device = try node("/soc@0/interrupt-nexus@140000/device@142000")
        let interrupts = try device.interrupts()
        XCTAssertEqual(interrupts.map(\.controllerPath), [
            "/interrupt-controller@8000000", "/soc@0/bridge@40000000/gpio@0,1000",
        ])
        XCTAssertEqual(interrupts.map(\.cells), [[0, 40, 4], [7, 8]])
        XCTAssertEqual(interrupts[0].gic, GICInterrupt(kind: .spi, number: 40, trigger: .levelHigh))
    }

    /// device@143000: key <0x143000 1> matches no entry of the nexus's map.
    func testNoInterruptMapMatch() throws {
        let device = try node("/soc@0/interrupt-nexus@140000/device@143000")
        XCTAssertThrows(.noInterruptMapMatch(
            node: "/soc@0/interrupt-nexus@140000/device@143000",
            nexus: "/soc@0/interrupt-nexus@140000", key: [0x14_3000, 1])) {
            () throws(DeviceTreeError) in try device.interrupts()
        }
    }

    /// timer@8100: <1 9 0xf08>: PPI 9 (INTID 25), flags 8 = level low, CPU mask 0xf.
    func testPPIWithCPUMask() throws {
        let timer = try node("/soc@0/bridge@40000000/localbus@1,40000/timer@8100")
        let gic = try XCTUnwrap(try timer.interrupts().first?.gic)
        XCTAssertEqual(gic, GICInterrupt(kind: .ppi, number: 9, trigger: .levelLow, cpuMask: 0xf))
        XCTAssertEqual(gic.intid, 25)
        XCTAssertEqual(gic.description, "PPI 9 level-low")
    }

    /// Nodes without interrupts have none.
    func testNoInterrupts() throws {
        XCTAssertEqual(try node("/soc@0/watchdog@120000").interrupts(), [])
    }

    // MARK: Status, aliases, labels

    /// serial@110000 "disabled", watchdog "reserved", uart@1,2000 "fail-sss", others absent.
    func testStatus() throws {
        XCTAssertEqual(try node("/soc@0/serial@110000").status, .disabled)
        XCTAssertEqual(try node("/soc@0/watchdog@120000").status, .reserved)
        XCTAssertEqual(try node("/soc@0/bridge@40000000/uart@1,2000").status, .fail("sss"))
        XCTAssertEqual(try node("/soc@0/serial@100000").status, .okay)
        XCTAssertFalse(try node("/soc@0/serial@110000").isEnabled)
        XCTAssertTrue(try node("/soc@0/serial@100000").isEnabled)
        // Disabled nodes are still found and still translate.
        XCTAssertEqual(try node("/soc@0/serial@110000").registers(), [MemoryRange(address: 0x1011_0000, size: 0x1000)])
        XCTAssertEqual(tree.nodes(compatibleWith: "arm,pl011").map(\.path), [
            "/soc@0/serial@100000", "/soc@0/serial@110000", "/soc@0/bridge@40000000/uart@1,2000",
        ])
        XCTAssertEqual(tree.nodes(compatibleWith: "arm,pl011").filter(\.isEnabled).count, 1)
    }

    /// aliases: serial0 = &uart0, serial1 = &uart_cs1, gpio0 = &gpio0 (dtc writes paths).
    func testAliasesAndLabels() throws {
        XCTAssertEqual(tree.aliases.map(\.name), ["serial0", "serial1", "gpio0"])
        XCTAssertEqual(tree.aliases.map(\.path), [
            "/soc@0/serial@100000", "/soc@0/bridge@40000000/uart@1,2000", "/soc@0/bridge@40000000/gpio@0,1000",
        ])
        XCTAssertEqual(tree.node(alias: "serial1")?.name, "uart@1,2000")
        XCTAssertNil(tree.node(alias: "serial9"))
        XCTAssertEqual(tree.node(label: "chained")?.path, "/soc@0/interrupt-nexus@150000")
        XCTAssertEqual(tree.node(label: "offintc")?.status, .disabled)
        XCTAssertNil(tree.node(label: "nope"))
        // stdout-path "serial0:115200n8": the part before ':' is an alias, which path lookup
        // resolves (libfdt treats a path without a leading '/' as alias-relative).
        XCTAssertEqual(try tree.chosen?.string("stdout-path"), "serial0:115200n8")
        XCTAssertEqual(tree.node(atPath: "serial0")?.path, "/soc@0/serial@100000")
    }

    /// vendor,soc-uart is uart0's first (most specific) compatible, arm,pl011 its second.
    func testCompatibilityRank() throws {
        let uart = try node("/soc@0/serial@100000")
        XCTAssertEqual(uart.compatibilityRank(preferring: ["arm,pl011"]), 1)
        XCTAssertEqual(uart.compatibilityRank(preferring: ["arm,primecell", "vendor,soc-uart"]), 0)
        XCTAssertNil(uart.compatibilityRank(preferring: ["ns16550a"]))
        XCTAssertTrue(uart.isCompatible(with: "arm,primecell"))
    }

    /// 26 nodes: root, aliases, chosen, 2 interrupt controllers, soc@0, its 3 serial/watchdog
    /// children, i2c + rtc, the nexus + 3 devices, chained, bridge + gpio + uart + sram,
    /// localbus + timer + hole, ebus + flash, __symbols__.
    func testNodeCount() {
        XCTAssertEqual(tree.allNodes().count, 26)
    }
}
