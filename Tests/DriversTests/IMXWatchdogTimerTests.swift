import ProgramSupport
import XCTest
import DeviceModels
import Drivers
import PlatformSimulation
import PlatformCore

/// The i.MX watchdog driver on the simulated watchdog, with time moved by the test.
final class IMXWatchdogTimerTests: XCTestCase {
    private func makeWatchdog(resetStatus: UInt16 = 0x10) throws -> (IMXWatchdogTimer<SimulatedDevice<SimulatedIMXWatchdog>>, SimulatedIMXWatchdog) {
        let model = SimulatedIMXWatchdog(resetStatus: resetStatus)
        return (try IMXWatchdogTimer(device: SimulatedDevice(name: "20bc000.watchdog", models: [model], levelInterrupts: [true])), model)
    }

    func testTheStateNamesTheLastResetAndTakingItStopsThePowerDownCounter() throws {
        let (watchdog, model) = try makeWatchdog(resetStatus: 0x2)
        XCTAssertEqual(model.miscellaneous & 0x1, 0, "WMCR.PDE cleared, as Linux's imx2_wdt does")
        let state = watchdog.state
        XCTAssertFalse(state.enabled)
        XCTAssertEqual(state.lastReset, "timeout")
        XCTAssertFalse(state.powerDownCounter)
        XCTAssertEqual(try makeWatchdog(resetStatus: 0x10).0.state.lastReset, "power-on")
    }

    func testServicingKeepsItFromExpiringAndStoppingServiceResetsTheSoC() throws {
        let (watchdog, model) = try makeWatchdog()
        try watchdog.start(timeoutHalfSeconds: 4)
        XCTAssertTrue(model.enabled)
        XCTAssertEqual(model.control >> 8, 3, "WT = 4 half seconds - 1")
        XCTAssertEqual(model.resets, [], "SRS and WDA kept high: no software reset")
        for _ in 0..<5 {
            model.advance(halfSeconds: 3)
            watchdog.service()
        }
        XCTAssertEqual(model.resets, [], "serviced every 1.5 s of a 2 s timeout")
        XCTAssertEqual(model.services, 6, "the start's service and five more")
        model.advance(halfSeconds: 4)
        XCTAssertEqual(model.resets, ["timeout"])
        XCTAssertEqual(watchdog.state.lastReset, "timeout")
    }

    func testATimeoutOutOfRangeIsRefusedBeforeAnythingIsWritten() throws {
        let (watchdog, model) = try makeWatchdog()
        XCTAssertThrowsError(try watchdog.start(timeoutHalfSeconds: 0))
        XCTAssertThrowsError(try watchdog.start(timeoutHalfSeconds: 257))
        XCTAssertFalse(model.enabled)
    }
}
