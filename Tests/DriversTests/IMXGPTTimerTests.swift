import ProgramSupport
import XCTest
import DeviceModels
import Drivers
import PlatformSimulation
import PlatformCore

/// The i.MX GPT driver on the simulated timer, with time moved by the test.
final class IMXGPTTimerTests: XCTestCase {
    private func makeTimer() throws -> (IMXGPTTimer<SimulatedDevice<SimulatedIMXGPT>>, SimulatedIMXGPT, SimulatedDevice<SimulatedIMXGPT>) {
        let model = SimulatedIMXGPT()
        let device = SimulatedDevice(name: "2098000.timer", models: [model], levelInterrupts: [true])
        return (try IMXGPTTimer(device: device), model, device)
    }

    func testAPeriodIsRoundedToTheThirtyTwoKilohertzClock() {
        XCTAssertEqual(IMXGPTTimer<SimulatedDevice<SimulatedIMXGPT>>.ticks(microseconds: 100_000), 3277)
        XCTAssertEqual(IMXGPTTimer<SimulatedDevice<SimulatedIMXGPT>>.ticks(microseconds: 1), 1, "at least one tick")
    }

    func testRestartModeGivesACompareEveryPeriodWithoutRearming() throws {
        let (timer, model, device) = try makeTimer()
        timer.start(period: 100)
        XCTAssertEqual(model.control & 0x1C3, 0x103, "EN, ENMOD, CLKSRC 4 (32 kHz), restart mode (FRR clear)")
        XCTAssertEqual(model.compares[0], 99, "OCR1 = period - 1: the counter counts 0 to 99")
        model.advance(ticks: 98)
        XCTAssertEqual(device.interrupts.signalCount[0], 0, "one tick early: no compare")
        model.advance(ticks: 1)
        XCTAssertEqual(device.interrupts.signalCount[0], 1)
        XCTAssertTrue(try timer.serviceCompare())
        XCTAssertEqual(model.status, 0, "OF1 cleared by writing 1")
        XCTAssertFalse(device.interrupts.isMasked(line: 0))
        model.advance(ticks: 100)
        XCTAssertEqual(device.interrupts.signalCount[0], 2, "the counter restarted after the compare: one period later, the next")
        XCTAssertTrue(try timer.serviceCompare())
        XCTAssertEqual(timer.compares, 2)
    }

    func testAnInterruptWithoutACompareIsNotCounted() throws {
        let (timer, _, _) = try makeTimer()
        timer.start(period: 50)
        XCTAssertFalse(try timer.serviceCompare(), "nothing matched yet")
        XCTAssertEqual(timer.compares, 0)
    }

    func testStopDisablesTheTimerAndItsInterrupt() throws {
        let (timer, model, device) = try makeTimer()
        timer.start(period: 10)
        timer.stop()
        model.advance(ticks: 1000)
        XCTAssertEqual(device.interrupts.signalCount[0], 0)
        XCTAssertEqual(model.control, 0)
    }
}
