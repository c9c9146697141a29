import ProgramSupport
import Foundation
import XCTest
import DeviceModels
import DeviceTree
import Drivers
import PlatformSimulation
import Peripherals
import PlatformCore
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

    /// The Raspberry Pi's uart0: the PL011's level output reaches userspace as an edge line,
    /// neither automasked nor maskable (the BCM2835 armctrl records no trigger type). The driver
    /// clears the cause and re-arms, which on such a line unmasks nothing.
    func testEchoOnALineTheKernelOffersAsEdge() throws {
        let uart = SimulatedPL011()
        let device = SimulatedDevice(name: "3f201000.serial", models: [uart], levelInterrupts: [false])
        let driver = try PL011Driver(device: device, settings: UARTSettings(baud: 115_200, clockHz: 48_000_000))
        XCTAssertFalse(driver.interrupt.info.isMaskable)
        XCTAssertThrowsError(try driver.interrupt.unmask(), "an edge line cannot be unmasked")
        var buffer: [UInt8] = []
        for byte: UInt8 in [0x41, 0x42, 0x43] {
            // The byte arrives while the driver waits on the empty FIFO's interrupt.
            let model = UncheckedSendable(value: uart)  // touched by one thread at a time
            DispatchQueue.global().asyncAfter(deadline: .now() + 0.05) { model.value.receive([byte]) }
            XCTAssertEqual(try driver.receive(into: &buffer, milliseconds: 5000), 1)
        }
        XCTAssertEqual(buffer, [0x41, 0x42, 0x43])
        XCTAssertEqual(driver.interruptCount, 3, "each byte raised the line anew once its cause was cleared")
        uart.receive([0x44, 0x45])
        XCTAssertEqual(try driver.echo(count: 2, idleMilliseconds: 1000), [0x44, 0x45])
        XCTAssertEqual(uart.transmitted, [0x44, 0x45])
    }

    /// A reference clock from a clock controller (the Pi's CPRMAN) has no rate in the tree:
    /// settings ask for it, naming the controller, and take it when given.
    func testSettingsOfTheRaspberryPiUART0NeedTheClockGiven() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        let tree = try DeviceTree(contentsOfFile: root.appendingPathComponent("DeviceTreeTests/Fixtures/bcm2837-rpi-3-b.dtb").path)
        let node = try XCTUnwrap(tree.nodes(compatibleWith: "arm,pl011").first)
        let config = try PL011Config(node: node)
        XCTAssertThrowsError(try UARTSettings(config: config)) { error in
            guard case .configuration(let sentence)? = error as? ProgramError else { return XCTFail("unexpected \(error)") }
            let message = sentence.text
            XCTAssertTrue(message.hasPrefix("the reference clock of /soc/serial@7e201000 is an output of /soc/cprman@7e101000 (brcm,bcm2835-cprman)"), message)
        }
        let settings = try UARTSettings(config: config, clockHz: 48_000_000)
        XCTAssertEqual(settings, UARTSettings(baud: 115_200, clockHz: 48_000_000))
        XCTAssertTrue(settings.divisor == (26, 3), "48 MHz * 4 / 115200 = 1666.7 -> 1667 = 26 * 64 + 3")
    }

    func testEchoGivesUpWhenTheLineStaysIdle() throws {
        let (driver, _) = try makeDriver()
        XCTAssertThrowsError(try driver.echo(count: 1, idleMilliseconds: 10)) { error in
            // ProgramError is not Equatable: match the case and compare its message exactly.
            guard case .behaviour(let sentence)? = error as? ProgramError else { return XCTFail("unexpected \(error)") }
            let message = sentence.text
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

/// Hands a value to another thread when the test orders the accesses itself.
struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
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
