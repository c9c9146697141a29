import XCTest
import DeviceModels
import Peripherals
import PlatformSimulation
import Registers
import PlatformCore
import VFIOPlatform

/// What `vfioctl dump` does to a device, on simulated ones: the generated register maps found by
/// compatible, every readable register read through the device's bus and decoded, and registers
/// whose reads have side effects left alone unless asked.
final class RegisterDumpTests: XCTestCase {
    private func lines<Model: RegisterModel>(_ map: RegisterMap, _ device: SimulatedDevice<Model>, includeSideEffects: Bool = false) throws -> [String] {
        let readings = RegisterMapReader(includeSideEffects: includeSideEffects)
            .read(map, from: try device.registerBus(region: 0), regionSize: try device.regionSize(0))
        return readings.flatMap { $0.lines(offsetDigits: map.offsetDigits) }
    }

    func testTheCatalogFindsEachShippedBindingsMapsByCompatible() throws {
        let pl011 = try XCTUnwrap(BindingCatalog.registerMaps(compatible: "arm,pl011"))
        XCTAssertEqual(staticText(pl011.binding), "PL011")
        XCTAssertEqual(pl011.regions.map { staticText($0.name) }, ["PL011"])
        XCTAssertEqual(BindingCatalog.registerMaps(compatible: "ns16550").map { staticText($0.binding) }, "NS16550", "every compatible of a binding")
        XCTAssertEqual(BindingCatalog.registerMaps(compatible: "brcm,bcm2835-system-timer").map { staticText($0.binding) }, "BCM2835SystemTimer")
        XCTAssertNil(BindingCatalog.registerMaps(compatible: "arm,primecell"), "fallback compatibles never select")
        XCTAssertNil(BindingCatalog.registerMaps(compatible: "virtio,mmio"))
        XCTAssertEqual(BindingCatalog.registerMaps.count, BindingCatalog.all.count, "every shipped binding has registers")
        XCTAssertEqual(PL011Registers.map.extent, PL011<MemoryRegisterBus>.extent)
    }

    func testAPL011DumpLeavesTheReceiveFIFOAloneUnlessAsked() throws {
        let uart = SimulatedPL011()
        let device = SimulatedDevice(name: "9000000.pl011", models: [uart], levelInterrupts: [true])
        let block: PL011<SimulatedBus<SimulatedPL011>> = try device.registerBlock()
        block.ibrd.write { $0.baudDivint = 13 }
        block.fbrd.write { $0.baudDivfrac = 1 }
        block.lcrH.write { $0.wlen = .eight; $0.fen = true }
        block.imsc.write { $0.rx = true }
        block.cr.write { $0.uarten = true; $0.txe = true; $0.rxe = true }
        uart.receive(Array("A".utf8))

        let dump = try lines(PL011Registers.map, device)
        XCTAssertEqual(uart.receiveCount, 1, "DR was not read: the received byte is still there")
        XCTAssertEqual(Array(dump.prefix(8)), [
            "0x000 DR: not read (reading it has side effects)",
            "0x004 RSR = 0x00000000",
            "  FE = 0",
            "  PE = 0",
            "  BE = 0",
            "  OE = 0",
            "0x018 FR = 0x00000080",
            "  CTS = 0",
        ])
        XCTAssertTrue(dump.contains("0x024 IBRD = 0x0000000d"))
        XCTAssertTrue(dump.contains("  BAUD_DIVINT = 0xd"))
        XCTAssertTrue(dump.contains("0x02c LCR_H = 0x00000070"))
        XCTAssertTrue(dump.contains("  WLEN = 3 (EIGHT)"))
        XCTAssertTrue(dump.contains("  RXIFLSEL = 2 (HALF)"), "IFLS reset 0x12")
        XCTAssertTrue(dump.contains("0x03c RIS = 0x00000010"))
        XCTAssertTrue(dump.contains("0x044 ICR: not read (write-only)"))
        XCTAssertFalse(dump.contains { $0.contains("PeriphID") }, "the PL011 block ends at 0x4C: its ID is in arm,primecell-periphid")
        XCTAssertEqual(dump.last, "  DMAONERR = 0", "DMACR, the last register of the block")

        let withSideEffects = try lines(PL011Registers.map, device, includeSideEffects: true)
        XCTAssertEqual(uart.receiveCount, 0, "asked to: DR was read, and popped the byte")
        XCTAssertEqual(Array(withSideEffects.prefix(2)), ["0x000 DR = 0x00000041", "  DATA = 0x41"])
    }

    func testASystemTimerDumpReadsEveryRegisterOnceAndNothingBeyondThem() throws {
        let timer = SimulatedBCM2835SystemTimer(counter: 0x0000_0002_FFFF_FF00)
        let device = SimulatedDevice(name: "3f003000.timer", models: [timer], levelInterrupts: [true, true, true, true])
        let block: BCM2835SystemTimer<SimulatedBus<SimulatedBCM2835SystemTimer>> = try device.registerBlock()
        block.compare(0).write { $0.value = 0x1234 }
        block.compare(1).write { $0.value = 0xFFFF_FF80 }
        block.compare(2).write { $0.value = 0x5678 }
        block.compare(3).write { $0.value = 0x0000_0100 }
        timer.advance(ticks: 0x100)

        XCTAssertEqual(try lines(BCM2835SystemTimerRegisters.map, device), [
            "0x000 CS = 0x00000002",
            "  M0 = 0",
            "  M1 = 1",
            "  M2 = 0",
            "  M3 = 0",
            "0x004 CLO = 0x00000000",
            "  COUNT = 0",
            "0x008 CHI = 0x00000003",
            "  COUNT = 3",
            "0x00c C[0] = 0x00001234",
            "  VALUE = 0x1234",
            "0x010 C[1] = 0xffffff80",
            "  VALUE = 0xffffff80",
            "0x014 C[2] = 0x00005678",
            "  VALUE = 0x5678",
            "0x018 C[3] = 0x00000100",
            "  VALUE = 0x100",
        ])
        XCTAssertEqual(timer.readCounts, [0x00: 1, 0x04: 1, 0x08: 1, 0x0C: 1, 0x10: 1, 0x14: 1, 0x18: 1])
        XCTAssertEqual(timer.matched, 0b0010, "reading CS does not clear a match (it is write-1-to-clear)")
    }

    func testClusterElementsAreNamedByIndex() throws {
        let model = SimulatedSP804()
        let device = SimulatedDevice(name: "sp804", models: [model], levelInterrupts: [true, true])
        let block: SP804<SimulatedBus<SimulatedSP804>> = try device.registerBlock()
        block.timer(1).load.write { $0.value = 1000 }
        block.timer(1).control.write { $0.timersize = true; $0.timerpre = .div16; $0.timermode = true; $0.timeren = true }
        let dump = try lines(SP804Registers.map, device)
        XCTAssertTrue(dump.contains("0x020 Timer[1].Load = 0x000003e8"), dump.joined(separator: "\n"))
        XCTAssertTrue(dump.contains("0x028 Timer[1].Control = 0x000000e6"))
        XCTAssertTrue(dump.contains("  TIMERPRE = 1 (DIV16)"))
        XCTAssertTrue(dump.contains("0x00c Timer[0].IntClr: not read (write-only)"))
        XCTAssertTrue(dump.contains("0xf04 ITOP: not read (write-only)"))
    }
}
