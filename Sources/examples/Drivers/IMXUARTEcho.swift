import CLinux
import DeviceTree
import DriverModel
import Peripherals
import PlatformCore
import ProgramSupport

/// The i.MX UART echo as a driver of the host: every character received is sent back, from the
/// receiver-ready interrupts the event loop delivers. `--count N` (0: no limit) ends the
/// instance after N characters. The baud rate is the node's `current-speed` (115200 without
/// one); the module clock is `--clock-hz HZ`, 80 MHz by default (the UART clock root of
/// i.MX6UL and i.MX7 as Linux sets it up: the tree names a clock controller, not a rate).
public final class IMXUARTEcho<Device: PlatformDevice>: PlatformDriver {
    /// "imx-uart-echo".
    public static var name: String { "imx-uart-echo" }

    /// The module clock assumed without `--clock-hz`.
    public static var defaultModuleClockHz: UInt32 { 80_000_000 }

    /// The UART.
    public let driver: IMXUARTDriver<Device>
    private let limit: Int
    private var received: [UInt8] = []
    private var echoed = 0
    private let started = clinux_monotonic_ns()

    private init(driver: IMXUARTDriver<Device>, limit: Int) {
        self.driver = driver
        self.limit = limit
    }

    /// The baud rate, before the device is opened: a rate the clock cannot reach is refused
    /// without binding the UART.
    public static func check(config: IMXUARTConfig, context: DriverContext) throws(ProgramError) {
        _ = try rate(config, context.arguments)
    }

    /// Resets and programs the UART and watches its interrupt.
    public static func probe(device: Device, config: IMXUARTConfig, context: DriverContext) throws(ProgramError) -> IMXUARTEcho {
        let rate = try rate(config, context.arguments)
        let uart = try IMXUARTDriver(device: device, rate: rate)
        let echo = IMXUARTEcho(driver: uart, limit: context.arguments.integer("--count", default: 64))
        _ = try context.watch(uart.interrupt)
        Output.line("UART: ready (\(rate.baud) baud, UBIR \(rate.numerator - 1), UBMR \(rate.denominator - 1), reference \(rate.referenceHz) Hz) on \(context.node.path)")
        return echo
    }

    /// A receiver-ready interrupt: echo what came.
    public func handle(_ event: DriverEvent, context: DriverContext) throws(ProgramError) {
        guard case .interrupt = event else { return }
        if try driver.serviceInterrupt(into: &received) == 0 { return }
        try driver.transmit(received)
        echoed += received.count
        received.removeAll(keepingCapacity: true)
        if limit > 0 && echoed >= limit {
            let milliseconds = (clinux_monotonic_ns() - started) / 1_000_000
            Output.line("UART: echoed \(echoed) bytes in \(milliseconds) ms, \(driver.interruptCount) interrupts, \(driver.receiveErrors) receive errors")
            context.finish()
        }
    }

    /// Interrupts off, UART disabled.
    public func remove() {
        driver.quiesce()
        Output.line("UART: removed after \(echoed) bytes echoed")
    }

    /// The node's baud rate and the module clock (`--clock-hz`, else the default).
    private static func rate(_ config: IMXUARTConfig, _ arguments: ParsedArguments) throws(ProgramError) -> IMXBaudRate {
        let clock = arguments.integer("--clock-hz", default: Int(defaultModuleClockHz))
        guard clock > 0, let hertz = UInt32(exactly: clock) else { throw .usage("--clock-hz must be 1 to \(UInt32.max)") }
        return try IMXBaudRate(baud: config.currentSpeed, moduleClockHz: hertz)
    }
}
