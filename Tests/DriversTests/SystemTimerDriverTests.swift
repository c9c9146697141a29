import ProgramSupport
import XCTest
import DeviceModels
import Drivers
import PlatformSimulation
import PlatformCore
import VFIOPlatform

/// The BCM2835 system timer channel driver on the simulated timer, with time moved by the test.
final class SystemTimerDriverTests: XCTestCase {
    private func makeDevice(counter: UInt64 = 5000) -> (SimulatedDevice<SimulatedBCM2835SystemTimer>, SimulatedBCM2835SystemTimer) {
        let model = SimulatedBCM2835SystemTimer(counter: counter)
        return (SimulatedDevice(name: "3f003000.timer", models: [model], levelInterrupts: [true, true, true, true]), model)
    }

    func testPeriodicMatchesArriveEveryPeriodOnTheChannelsOwnInterrupt() throws {
        let (device, model) = makeDevice()
        let channel = try SystemTimerChannel(device: device, channel: 1)
        channel.start(period: 1000)
        XCTAssertEqual(model.compares[1], 6000, "C1 = CLO + period")
        model.advance(ticks: 999)
        XCTAssertNil(try channel.waitForTick(milliseconds: 0), "one tick early: no match")
        model.advance(ticks: 1)
        XCTAssertEqual(try channel.waitForTick(milliseconds: 0), .init(counter: 6000, interval: 1000, late: false))
        XCTAssertEqual(model.matched, 0, "M1 cleared by writing 1")
        XCTAssertEqual(model.compares[1], 7000, "re-armed one period after the deadline")
        XCTAssertFalse(device.interrupts.isMasked(line: 1), "line unmasked after the cause was cleared")
        model.advance(ticks: 1000)
        XCTAssertEqual(try channel.waitForTick(milliseconds: 0), .init(counter: 7000, interval: 1000, late: false))
        XCTAssertEqual(device.interrupts.signalCount, [0, 2, 0, 0], "only interrupt 1, channel 1's, fired")
        XCTAssertEqual(channel.lateCount, 0)
    }

    func testAHandlerLatenessDoesNotShiftTheDeadlines() throws {
        let (device, model) = makeDevice()
        let channel = try SystemTimerChannel(device: device, channel: 3)
        channel.start(period: 1000)
        model.advance(ticks: 1300)  // handled 300 ticks after the match at 6000
        XCTAssertEqual(try channel.waitForTick(milliseconds: 0), .init(counter: 6300, interval: 1300, late: false))
        XCTAssertEqual(model.compares[3], 7000, "the next deadline stays on the period grid")
        model.advance(ticks: 700)
        XCTAssertEqual(try channel.waitForTick(milliseconds: 0), .init(counter: 7000, interval: 700, late: false))
    }

    func testAMissedDeadlineIsCountedFromTheCounter() throws {
        let (device, model) = makeDevice()
        let channel = try SystemTimerChannel(device: device, channel: 1)
        channel.start(period: 1000)
        model.advance(ticks: 2500) // the deadline at 7000 has passed by the time 6000 is handled
        XCTAssertEqual(try channel.waitForTick(milliseconds: 0), .init(counter: 7500, interval: 2500, late: true))
        XCTAssertEqual(model.compares[1], 8500, "re-armed one period from the counter, not at the passed 7000")
        XCTAssertEqual(channel.lateCount, 1)
        model.advance(ticks: 1000)
        XCTAssertNotNil(try channel.waitForTick(milliseconds: 0), "and it matches again")
    }

    func testTheCounterWrapsThroughTheCompare() throws {
        let (device, model) = makeDevice(counter: 0x0000_0001_FFFF_FF00)
        let channel = try SystemTimerChannel(device: device, channel: 1)
        XCTAssertEqual(channel.counter, 0x0000_0001_FFFF_FF00)
        channel.start(period: 0x200)
        XCTAssertEqual(model.compares[1], 0x100, "the compare wraps with the low 32 bits")
        model.advance(ticks: 0x1FF)
        XCTAssertNil(try channel.waitForTick(milliseconds: 0))
        model.advance(ticks: 1)
        XCTAssertEqual(try channel.waitForTick(milliseconds: 0), .init(counter: 0x100, interval: 0x200, late: false))
        XCTAssertEqual(channel.counter, 0x0000_0002_0000_0100, "CHI moved on with the wrap")
    }

    func testTwoChannelsTickIndependently() throws {
        let (device, model) = makeDevice()
        let one = try SystemTimerChannel(device: device, channel: 1)
        let three = try SystemTimerChannel(device: device, channel: 3)
        one.start(period: 300)
        three.start(period: 500)
        model.advance(ticks: 300)
        XCTAssertNotNil(try one.waitForTick(milliseconds: 0))
        XCTAssertNil(try three.waitForTick(milliseconds: 0))
        model.advance(ticks: 200)
        XCTAssertNil(try one.waitForTick(milliseconds: 0))
        XCTAssertNotNil(try three.waitForTick(milliseconds: 0), "channel 3's match did not disturb channel 1's bit")
        model.advance(ticks: 100)
        XCTAssertNotNil(try one.waitForTick(milliseconds: 0))
    }

    func testThePeriodicLoopSaysWhatTheTimerHeldWhenNoMatchCame() throws {
        let (device, model) = makeDevice()
        let channel = try SystemTimerChannel(device: device, channel: 1)
        var ticks = 0
        XCTAssertThrowsError(try channel.periodic(period: 250, count: 3, timeout: 20) { _, _, _ in ticks += 1 }) { error in
            guard case .behaviour(let sentence)? = error as? ProgramError else { return XCTFail("unexpected \(error)") }
            let message = sentence.text
            XCTAssertEqual(message, "no system timer channel 1 match within 20 ms (CLO 5000, C1 5250, CS 0x0): is the counter running, and does interrupt 1 of the node reach this CPU?")
        }
        XCTAssertEqual(ticks, 0)
        XCTAssertEqual(model.compares[1], 5250, "armed one period ahead before waiting")
    }

    func testFirmwareChannelsAndMissingInterruptsAreRefused() throws {
        let (device, _) = makeDevice()
        for (channel, expected) in [
            (0, "system timer channel 0 belongs to the GPU firmware (it uses 0 and 2): use channel 1 or 3"),
            (2, "system timer channel 2 belongs to the GPU firmware (it uses 0 and 2): use channel 1 or 3"),
            (4, "the system timer has compare channels 0 to 3, not 4: use channel 1 or 3"),
        ] {
            XCTAssertThrowsError(try SystemTimerChannel(device: device, channel: channel)) { error in
                guard case .configuration(let sentence)? = error as? ProgramError else { return XCTFail("unexpected \(error)") }
                let message = sentence.text
                XCTAssertEqual(message, expected)
            }
        }
        let model = SimulatedBCM2835SystemTimer()
        let twoLines = SimulatedDevice(models: [model], levelInterrupts: [true, true])
        XCTAssertThrowsError(try SystemTimerChannel(device: twoLines, channel: 3)) { error in
            guard case .configuration(let sentence)? = error as? ProgramError else { return XCTFail("unexpected \(error)") }
            let message = sentence.text
            XCTAssertEqual(message, "the device has 2 interrupt(s), but channel 3's match interrupt is entry 3: the node must list one interrupt per channel (interrupts = <1 0>, <1 1>, <1 2>, <1 3> on the Pi)")
        }
    }

    /// The armctrl's edge line delivers a level held until the driver clears it more than once
    /// (seen on raspi2b: a second interrupt 2 ms after each match): a repeat is not a tick, and
    /// the compare stays on the period grid.
    func testAnInterruptWithoutTheMatchBitIsARepeatNotATick() throws {
        let model = SimulatedBCM2835SystemTimer(counter: 5000)
        let device = SimulatedDevice(name: "3f003000.timer", models: [model], levelInterrupts: [false, false, false, false])
        let channel = try SystemTimerChannel(device: device, channel: 1)
        channel.start(period: 1000)
        model.advance(ticks: 1000)
        XCTAssertEqual(try channel.waitForTick(milliseconds: 0), .init(counter: 6000, interval: 1000, late: false))
        device.interrupts.pulse(line: 1)
        XCTAssertNil(try channel.waitForTick(milliseconds: 0), "no match bit: a repeat")
        XCTAssertEqual(channel.repeatedInterrupts, 1)
        XCTAssertEqual(model.compares[1], 7000, "not moved on by the repeat")
        model.advance(ticks: 1000)
        XCTAssertEqual(try channel.waitForTick(milliseconds: 0), .init(counter: 7000, interval: 1000, late: false))
    }
}
