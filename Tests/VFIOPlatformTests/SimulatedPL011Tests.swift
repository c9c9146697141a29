import XCTest
import DeviceModels
import PlatformSimulation
import PlatformCore
@testable import VFIOPlatform

/// A simulated PL011 driven through the public device API: transmit, and receive by level
/// interrupt with unmask, exactly as a driver does on vfio-amba.
final class SimulatedPL011Tests: XCTestCase {
    private enum Offset {
        static let data = 0x000, flags = 0x018, lineControl = 0x02C, control = 0x030
        static let interruptMask = 0x038, maskedStatus = 0x040, interruptClear = 0x044
    }

    private func makeDevice() -> (SimulatedDevice<SimulatedPL011>, SimulatedPL011) {
        let uart = SimulatedPL011()
        return (SimulatedDevice(name: "9000000.pl011", models: [uart], levelInterrupts: [true]), uart)
    }

    func testTransmitReachesTheLine() throws {
        let (device, uart) = makeDevice()
        let bus = try device.registerBus(region: 0)
        for byte in Array("hello".utf8) {
            while bus.read32(at: Offset.flags) & (1 << 5) != 0 {} // TXFF
            bus.write32(UInt32(byte), at: Offset.data)
        }
        XCTAssertEqual(String(decoding: uart.transmitted, as: UTF8.self), "hello")
    }

    func testReceiveByLevelInterruptWithUnmask() throws {
        let (device, uart) = makeDevice()
        let bus = try device.registerBus(region: 0)
        bus.write32(1 << 4, at: Offset.lineControl) // FIFOs on
        bus.write32(1 << 4 | 1 << 6, at: Offset.interruptMask) // RX, RT
        let line = try device.interrupt(0)
        XCTAssertTrue(line.info.isAutomasked)
        XCTAssertEqual(try line.wait(milliseconds: 0), 0, "nothing received yet")

        uart.receive(Array("abc".utf8))
        XCTAssertEqual(try line.wait(milliseconds: 1000), 1)
        XCTAssertTrue(device.interrupts.isMasked(line: 0), "automasked before signalling")
        uart.receive(Array("d".utf8))
        XCTAssertEqual(line.take(), 0, "a masked line does not signal again")

        var received: [UInt8] = []
        while bus.read32(at: Offset.flags) & (1 << 4) == 0 { received.append(UInt8(truncatingIfNeeded: bus.read32(at: Offset.data))) }
        bus.write32(1 << 4 | 1 << 6, at: Offset.interruptClear)
        try line.unmask()
        XCTAssertEqual(received, Array("abcd".utf8))
        XCTAssertEqual(line.take(), 0, "cause cleared before unmask: no new interrupt")

        uart.receive([0x7A])
        XCTAssertEqual(try line.wait(milliseconds: 1000), 1, "the next byte interrupts again after unmask")
    }

    func testUnclearedLevelCauseFiresAgainOnUnmaskButNeverStorms() throws {
        let (device, uart) = makeDevice()
        let bus = try device.registerBus(region: 0)
        bus.write32(1 << 4, at: Offset.interruptMask)
        let line = try device.interrupt(0)
        uart.receive([1])
        XCTAssertEqual(try line.wait(milliseconds: 1000), 1)
        XCTAssertEqual(bus.read32(at: Offset.maskedStatus) & (1 << 4), 1 << 4)
        try line.unmask() // cause still set
        XCTAssertEqual(line.take(), 1, "an uncleared level cause fires once per unmask")
        XCTAssertEqual(line.take(), 0)
        XCTAssertEqual(device.interrupts.signalCount[0], 2)
    }

    func testDisabledTriggerStopsSignalling() throws {
        let (device, uart) = makeDevice()
        try device.registerBus(region: 0).write32(1 << 4, at: Offset.interruptMask)
        let line = try device.interrupt(0)
        line.disable()
        uart.receive([1])
        XCTAssertEqual(line.take(), 0)
        XCTAssertEqual(device.interrupts.signalCount[0], 0)
    }

    func testPrimeCellIdentificationReadsLikeQEMUs() throws {
        let (device, _) = makeDevice()
        let bus = try device.registerBus(region: 0)
        let identification = stride(from: 0xFE0, through: 0xFFC, by: 4).map { bus.read32(at: $0) }
        XCTAssertEqual(identification, [0x11, 0x10, 0x14, 0x00, 0x0D, 0xF0, 0x05, 0xB1], "what the kernel read from QEMU's PL011")
    }

    func testIndexesAreChecked() throws {
        let (device, _) = makeDevice()
        XCTAssertThrowsError(try device.interrupt(1)) { XCTAssertEqual($0 as? DeviceError, .noSuchInterrupt(index: 1, count: 1)) }
        XCTAssertThrowsError(try device.registerBus(region: 1)) { XCTAssertEqual($0 as? DeviceError, .noSuchRegion(index: 1, count: 1)) }
        XCTAssertThrowsError(try device.registerBus(region: 0, offset: 0xFFC, size: 8)) {
            XCTAssertEqual($0 as? DeviceError, .blockOutsideRegion(offset: 0xFFC, size: 8, region: 0, regionSize: 0x1000))
        }
    }

    func testInterruptSetReportsWhichLinesFired() throws {
        let (first, firstUART) = makeDevice()
        let (second, secondUART) = makeDevice()
        try first.registerBus(region: 0).write32(1 << 4, at: Offset.interruptMask)
        try second.registerBus(region: 0).write32(1 << 4, at: Offset.interruptMask)
        let set = try InterruptSet<InterruptLine>()
        try set.add(first.interrupt(0))
        try set.add(second.interrupt(0))
        XCTAssertEqual(try set.wait(milliseconds: 0), [])
        secondUART.receive([9])
        XCTAssertEqual(try set.wait(milliseconds: 1000), [1])
        firstUART.receive([9])
        XCTAssertEqual(try set.wait(milliseconds: 1000), [0])
    }
}

/// The host-only AsyncSequence view of an interrupt line.
final class InterruptEventsTests: XCTestCase {
    func testEventsDeliverEachInterruptAndStopWhenCancelled() async throws {
        let uart = SimulatedPL011()
        let device = SimulatedDevice(name: "uart", models: [uart], levelInterrupts: [true])
        try device.registerBus(region: 0).write32(1 << 4, at: 0x038)
        let line = try device.interrupt(0)
        uart.receive([1])
        var iterator = line.events(pollMilliseconds: 20).makeAsyncIterator()
        let first = try await iterator.next()
        XCTAssertEqual(first, 1)
        _ = try device.registerBus(region: 0).read32(at: 0) // drain the byte: cause gone
        try line.unmask()
        uart.receive([2])
        let second = try await iterator.next()
        XCTAssertEqual(second, 1)
    }
}
