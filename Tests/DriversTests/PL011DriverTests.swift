import XCTest
import DeviceModels
import DeviceTree
import Drivers
import PlatformSimulation
import Peripherals
import VFIOPlatform

/// The PL011 example driver on the simulated UART: programming, echo through level
/// interrupts, and the divisor taken from the device tree.
final class PL011DriverTests: XCTestCase {
    private func makeDriver() throws -> (PL011Driver<SimulatedDevice<SimulatedPL011>>, SimulatedPL011) {
        let uart = SimulatedPL011()
        let device = SimulatedDevice(name: "9000000.pl011", models: [uart], levelInterrupts: [true])
        return (try PL011Driver(device: device, settings: UARTSettings(baud: 115_200, clockHz: 24_000_000)), uart)
    }

    func testConfigurationProgramsDivisorFormatAndInterrupts() throws {
        let (driver, uart) = try makeDriver()
        // 24 MHz * 4 / 115200 = 833.3 -> 833 = 13 * 64 + 1.
        XCTAssertEqual(uart.divisor.integer, 13)
        XCTAssertEqual(uart.divisor.fraction, 1)
        XCTAssertEqual(uart.receiveCapacity, 32, "FIFOs enabled")
        let control = driver.uart.cr.read()
        XCTAssertTrue(control.uarten && control.txe && control.rxe)
        XCTAssertEqual(driver.uart.lcrH.read().wlen, .eight)
        let mask = driver.uart.imsc.read()
        XCTAssertTrue(mask.rx && mask.rt)
        XCTAssertFalse(mask.tx)
    }

    func testEchoReturnsWhatArrivedAndTransmitsIt() throws {
        let (driver, uart) = try makeDriver()
        let burst = Array((0..<40).map { UInt8($0 * 7 & 0xFF) })
        XCTAssertEqual(uart.receive(burst), 32, "a 32-entry FIFO takes 32 bytes of a 40-byte burst")
        let echoed = try driver.echo(count: 32, idleMilliseconds: 1000)
        XCTAssertEqual(echoed, Array(burst[0..<32]))
        XCTAssertEqual(uart.transmitted, Array(burst[0..<32]))
        XCTAssertEqual(driver.interruptCount, 0, "data already waiting is drained without waiting for the interrupt")
        uart.receive(Array(burst[32...]))
        XCTAssertEqual(try driver.echo(count: 8, idleMilliseconds: 1000), Array(burst[32...]))
        XCTAssertEqual(driver.interruptCount, 0)
    }

    func testReceiveWaitsForTheInterruptAndReArmsIt() throws {
        let (driver, uart) = try makeDriver()
        var buffer: [UInt8] = []
        XCTAssertEqual(try driver.receive(into: &buffer, milliseconds: 0), 0, "nothing yet")
        uart.receive([0x41])
        // The byte raised the level interrupt; a driver that found the FIFO empty before waits for it.
        XCTAssertEqual(try driver.receive(into: &buffer, milliseconds: 1000), 1)
        XCTAssertEqual(buffer, [0x41])
        uart.receive([0x42])
        XCTAssertEqual(try driver.receive(into: &buffer, milliseconds: 1000), 1)
        XCTAssertEqual(buffer, [0x41, 0x42])
    }

    func testEchoGivesUpWhenTheLineStaysIdle() throws {
        let (driver, _) = try makeDriver()
        XCTAssertThrowsError(try driver.echo(count: 1, idleMilliseconds: 10)) { error in
            // DriverError is not Equatable: match the case and compare its message exactly.
            guard case .behaviour(let message)? = error as? DriverError else { return XCTFail("unexpected \(error)") }
            XCTAssertEqual(message, "no input for 10 ms after 0 of 1 bytes")
        }
    }

    func testSettingsComeFromTheVirtDeviceTree() throws {
        let tree = try DeviceTree(bytes: compiledDTB("qemu-virt"))
        let node = try XCTUnwrap(tree.nodes(compatibleWith: "arm,pl011").first)
        let settings = try UARTSettings(config: PL011Config(node: node))
        XCTAssertEqual(settings, UARTSettings(baud: 115_200, clockHz: 24_000_000), "apb-pclk is a 24 MHz fixed clock; no current-speed")
        XCTAssertTrue(settings.divisor == (13, 1))
    }
}

/// Compiles dts/NAME.dts with dtc and returns the blob; dtc failing is a failure with its stderr.
func compiledDTB(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws -> [UInt8] {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let output = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString).dtb")
    defer { try? FileManager.default.removeItem(at: output) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try requireTool("dtc", file: file, line: line))
    process.arguments = ["-q", "-I", "dts", "-O", "dtb", "-o", output.path, root.appendingPathComponent("dts/\(name).dts").path]
    let errors = Pipe()
    process.standardError = errors
    try process.run()
    let message = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw ToolFailure(description: "dtc failed on dts/\(name).dts (exit status \(process.terminationStatus)): \(String(decoding: message, as: UTF8.self))")
    }
    return [UInt8](try Data(contentsOf: output))
}
