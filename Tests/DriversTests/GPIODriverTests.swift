import XCTest
import DeviceModels
import Drivers
import PlatformSimulation
import PlatformCore
import VFIOPlatform

/// The PL061 example driver on the simulated controller.
final class GPIODriverTests: XCTestCase {
    private func makeDriver() throws -> (PL061GPIO<SimulatedDevice<SimulatedPL061>>, SimulatedPL061) {
        let model = SimulatedPL061()
        return (try PL061GPIO(device: SimulatedDevice(models: [model], levelInterrupts: [true])), model)
    }

    func testOutputsDriveOnlyTheirPin() throws {
        let (gpio, model) = try makeDriver()
        gpio.setDirection(pin: 5, output: true)
        gpio.setDirection(pin: 2, output: true)
        gpio.set(pin: 5, high: true)
        XCTAssertTrue(model.outputLevel(pin: 5))
        XCTAssertFalse(model.outputLevel(pin: 2), "the address mask keeps other pins untouched")
        XCTAssertTrue(gpio.level(pin: 5))
        XCTAssertTrue(gpio.isOutput(pin: 5) && gpio.isOutput(pin: 2) && !gpio.isOutput(pin: 3))
        gpio.set(pin: 5, high: false)
        XCTAssertFalse(model.outputLevel(pin: 5))
    }

    func testRisingEdgeInterruptsOnceAndFallingEdgeDoesNot() throws {
        let (gpio, model) = try makeDriver()
        gpio.setDirection(pin: 3, output: false)
        gpio.enableInterrupt(pin: 3, on: .rising)
        XCTAssertEqual(try gpio.waitForEdges(milliseconds: 0), 0)
        model.drive(pin: 3, high: true)
        XCTAssertEqual(try gpio.waitForEdges(milliseconds: 0), 1 << 3)
        XCTAssertTrue(gpio.level(pin: 3))
        model.drive(pin: 3, high: false)
        XCTAssertEqual(try gpio.waitForEdges(milliseconds: 0), 0, "falling edge not enabled")
        model.drive(pin: 4, high: true)
        XCTAssertEqual(try gpio.waitForEdges(milliseconds: 0), 0, "pin 4 interrupt not enabled")
    }

    func testBothEdges() throws {
        let (gpio, model) = try makeDriver()
        gpio.enableInterrupt(pin: 1, on: .both)
        model.drive(pin: 1, high: true)
        XCTAssertEqual(try gpio.waitForEdges(milliseconds: 0), 1 << 1)
        model.drive(pin: 1, high: false)
        XCTAssertEqual(try gpio.waitForEdges(milliseconds: 0), 1 << 1)
    }
}
