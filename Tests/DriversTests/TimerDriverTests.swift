import ProgramSupport
import XCTest
import DeviceModels
import Drivers
import PlatformSimulation
import PlatformCore
import VFIOPlatform

/// The timer drivers on simulated PL031 and SP804, with time moved by the test.
final class TimerDriverTests: XCTestCase {
    func testPL031OneShotFiresAtTheMatchAndNotBefore() throws {
        let rtc = SimulatedPL031(seconds: 1000)
        let timer = try PL031Timer(device: SimulatedDevice(models: [rtc], levelInterrupts: [true]))
        XCTAssertEqual(timer.seconds, 1000)
        timer.start(after: 2)
        rtc.advance(seconds: 1)
        XCTAssertFalse(try timer.waitForExpiry(milliseconds: 0))
        rtc.advance(seconds: 1)
        XCTAssertTrue(try timer.waitForExpiry(milliseconds: 0))
        rtc.advance(seconds: 5)
        XCTAssertFalse(try timer.waitForExpiry(milliseconds: 0), "acknowledged: the match does not fire again")
    }

    func testSP804PeriodicExpiresEveryLoadTicks() throws {
        let model = SimulatedSP804()
        let timer = try SP804Timer(device: SimulatedDevice(models: [model], levelInterrupts: [true, true]), counter: 1, interruptIndex: 1)
        timer.startPeriodic(ticks: 1000)
        XCTAssertEqual(timer.value, 1000)
        model.advance(ticks: 999)
        XCTAssertEqual(timer.value, 1)
        XCTAssertFalse(try timer.waitForExpiry(milliseconds: 0))
        model.advance(ticks: 1)
        XCTAssertTrue(try timer.waitForExpiry(milliseconds: 0))
        XCTAssertEqual(timer.value, 1000, "reloaded")
        model.advance(ticks: 1000)
        XCTAssertTrue(try timer.waitForExpiry(milliseconds: 0), "and again one period later")
        XCTAssertFalse(model.isInterruptPending(timer: 0), "counter 0 untouched")
    }

    func testSP804OneShotStopsAtZero() throws {
        let model = SimulatedSP804()
        let timer = try SP804Timer(device: SimulatedDevice(models: [model], levelInterrupts: [true, true]), counter: 0, interruptIndex: 0)
        timer.startOneShot(ticks: 500)
        model.advance(ticks: 500)
        XCTAssertTrue(try timer.waitForExpiry(milliseconds: 0))
        XCTAssertEqual(timer.value, 0)
        model.advance(ticks: 5000)
        XCTAssertFalse(try timer.waitForExpiry(milliseconds: 0), "one-shot: no second expiry")
    }

    func testSP804RejectsAThirdCounter() {
        let model = SimulatedSP804()
        XCTAssertThrowsError(try SP804Timer(device: SimulatedDevice(models: [model], levelInterrupts: [true]), counter: 2, interruptIndex: 0)) { error in
            // ProgramError is not Equatable: match the case and compare its message exactly.
            guard case .configuration(let sentence)? = error as? ProgramError else { return XCTFail("unexpected \(error)") }
            let message = sentence.text
            XCTAssertEqual(message, "an SP804 has counters 0 and 1, not 2")
        }
    }
}
