import ProgramSupport
import XCTest
import DeviceModels
import Drivers
import PlatformSimulation
import PlatformCore

/// The i.MX GPIO driver on the simulated bank.
final class IMXGPIOBankTests: XCTestCase {
    private func makeBank() throws -> (IMXGPIOBank<SimulatedDevice<SimulatedIMXGPIO>>, SimulatedIMXGPIO, SimulatedDevice<SimulatedIMXGPIO>) {
        let model = SimulatedIMXGPIO()
        let device = SimulatedDevice(name: "209c000.gpio", models: [model], levelInterrupts: [true, true])
        return (try IMXGPIOBank(device: device), model, device)
    }

    func testARisingEdgeInterruptsOnTheLowerLinesInterrupt() throws {
        let (bank, model, device) = try makeBank()
        bank.setDirection(line: 3, output: false)
        bank.enableInterrupt(line: 3, on: .rising)
        model.drive(line: 3, high: true)
        XCTAssertEqual(device.interrupts.signalCount, [1, 0], "lines 0-15: interrupt 0")
        XCTAssertEqual(try bank.acknowledge(bank.interrupts[0]), 1 << 3)
        XCTAssertEqual(model.status & 1 << 3, 0, "line 3's bit cleared (the other inputs, configured low-level by reset, keep theirs: masked)")
        model.drive(line: 3, high: false)
        XCTAssertEqual(device.interrupts.signalCount, [1, 0], "no falling-edge interrupt")
    }

    func testUpperLinesUseTheSecondInterruptAndBothEdgesUseEdgeSelect() throws {
        let (bank, model, device) = try makeBank()
        bank.enableInterrupt(line: 20, on: .both)
        model.drive(line: 20, high: true)
        XCTAssertEqual(try bank.acknowledge(bank.interrupts[1]), 1 << 20)
        model.drive(line: 20, high: false)
        XCTAssertEqual(try bank.acknowledge(bank.interrupts[1]), 1 << 20, "the falling edge too")
        XCTAssertEqual(device.interrupts.signalCount, [0, 2])
    }

    func testALevelKeepsInterruptingUntilItIsMasked() throws {
        let (bank, model, device) = try makeBank()
        bank.enableInterrupt(line: 5, on: .low)
        XCTAssertEqual(device.interrupts.signalCount[0], 1, "an input at 0 is low at once")
        XCTAssertEqual(try bank.acknowledge(bank.interrupts[0]), 1 << 5)
        XCTAssertEqual(device.interrupts.signalCount[0], 2, "still low: set again after the clear")
        bank.disableInterrupt(line: 5)
        XCTAssertEqual(try bank.acknowledge(bank.interrupts[0]), 0, "masked")
        model.drive(line: 5, high: true)
        XCTAssertEqual(device.interrupts.signalCount[0], 2)
    }

    func testOutputsDriveDataAndReadBack() throws {
        let (bank, model, _) = try makeBank()
        bank.setDirection(line: 4, output: true)
        bank.set(line: 4, high: true)
        XCTAssertEqual(model.data, 1 << 4)
        XCTAssertTrue(bank.level(line: 4))
        bank.set(line: 4, high: false)
        XCTAssertFalse(bank.level(line: 4))
    }
}
