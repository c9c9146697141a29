import ProgramSupport
import XCTest
import DeviceModels
import Drivers
import PlatformSimulation
import PlatformCore

/// The i.MX UART driver on the simulated UART.
final class IMXUARTDriverTests: XCTestCase {
    private func makeDriver() throws -> (IMXUARTDriver<SimulatedDevice<SimulatedIMXUART>>, SimulatedIMXUART, SimulatedDevice<SimulatedIMXUART>) {
        let model = SimulatedIMXUART()
        let device = SimulatedDevice(name: "21e8000.serial", models: [model], levelInterrupts: [true])
        let driver = try IMXUARTDriver(device: device, rate: try IMXBaudRate(baud: 115_200, moduleClockHz: 80_000_000))
        return (driver, model, device)
    }

    func testTheBaudRatioIsSixteenTimesTheBaudOverTheReferenceClock() throws {
        let rate = try IMXBaudRate(baud: 115_200, moduleClockHz: 80_000_000)
        XCTAssertEqual(rate.referenceHz, 40_000_000, "RFDIV 2")
        XCTAssertEqual(rate.numerator, 144)
        XCTAssertEqual(rate.denominator, 3125, "144 / 3125 = 16 x 115200 / 40 MHz, reduced")
        XCTAssertEqual(rate.actualBaud, 115_200)
        let odd = try IMXBaudRate(baud: 115_200, moduleClockHz: 79_999_999)
        XCTAssertLessThanOrEqual(odd.denominator, 0x1_0000, "reduced to fit UBMR's 16 bits")
        XCTAssertEqual(Double(odd.actualBaud), 115_200, accuracy: 115_200 * 0.001)
        XCTAssertThrowsError(try IMXBaudRate(baud: 4_000_000, moduleClockHz: 80_000_000), "more than reference / 16") { error in
            XCTAssertTrue((error as? ProgramError)?.description.contains("at most 2500000 baud") ?? false, "\(error)")
        }
    }

    func testProbeResetsTheUARTAndProgramsTheRatio() throws {
        let (_, model, _) = try makeDriver()
        XCTAssertEqual(model.resets, 1, "UCR2.SRST written low once")
        XCTAssertEqual(model.baudRatio.increment, 143)
        XCTAssertEqual(model.baudRatio.modulator, 3124)
    }

    func testReceivedCharactersRaiseTheInterruptAndAreDrainedAndEchoed() throws {
        let (driver, model, device) = try makeDriver()
        XCTAssertEqual(device.interrupts.signalCount[0], 0, "nothing received, no interrupt")
        XCTAssertEqual(model.receive(Array("hello".utf8)), 5)
        XCTAssertEqual(device.interrupts.signalCount[0], 1, "RRDY with RRDYEN raised the line")
        var buffer: [UInt8] = []
        XCTAssertEqual(try driver.serviceInterrupt(into: &buffer), 5)
        XCTAssertEqual(buffer, Array("hello".utf8))
        XCTAssertFalse(device.interrupts.isMasked(line: 0), "re-armed after the FIFO was drained")
        try driver.transmit(buffer)
        XCTAssertEqual(model.transmitted, Array("hello".utf8))
        XCTAssertEqual(driver.receiveErrors, 0)
    }

    func testAQuiescedUARTRaisesNothingAndSendsNothing() throws {
        let (driver, model, device) = try makeDriver()
        driver.quiesce()
        model.receive([0x41])
        XCTAssertEqual(device.interrupts.signalCount[0], 0, "RRDYEN off")
    }
}
