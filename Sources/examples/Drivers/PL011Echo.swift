import ByteText
import CLinux
import DeviceTree
import DriverModel
import Peripherals
import PlatformCore
import ProgramSupport
import Registers

/// The PL011 echo as a driver of the host: every byte received is sent back, from the receive
/// interrupts the event loop delivers. `--count N` (0: no limit) ends the instance after N
/// bytes; `--clock-hz HZ` gives the reference clock when the tree names a clock controller
/// instead of a fixed clock. Modes (the first word): `echo` (the default), `hold` (open it and
/// wait; `--pending` first leaves one receive interrupt unacknowledged), `send FILE`.
public final class PL011Echo<Device: PlatformDevice>: PlatformDriver {
    /// "pl011-echo".
    public static var name: String { "pl011-echo" }

    /// The UART.
    public let driver: PL011Driver<Device>
    private let mode: UARTMode
    private let limit: Int
    /// Bytes received and not yet sent back (emptied after each echo, so `--count 0` runs for ever in bounded memory).
    private var received: [UInt8] = []
    private var echoed = 0
    private let started = clinux_monotonic_ns()

    private init(driver: PL011Driver<Device>, mode: UARTMode, limit: Int) {
        self.driver = driver
        self.mode = mode
        self.limit = limit
    }

    /// The mode and the line settings, before the device is opened: a UART whose clock is
    /// unknown is refused without binding it.
    public static func check(config: PL011Config, context: DriverContext) throws(ProgramError) {
        _ = try mode(context.arguments)
        _ = try settings(config, context.arguments)
    }

    /// Programs the UART and watches its interrupt.
    public static func probe(device: Device, config: PL011Config, context: DriverContext) throws(ProgramError) -> PL011Echo {
        let arguments = context.arguments
        let mode = try mode(arguments)
        let settings = try settings(config, arguments)
        let uart = try PL011Driver(device: device, settings: settings)
        let echo = PL011Echo(driver: uart, mode: mode, limit: arguments.integer("--count", default: 64))
        let divisor = settings.divisor
        switch mode {
        case .echo:
            _ = try context.watch(uart.interrupt)
            Output.line("UART: ready (\(settings.baud) baud, IBRD \(divisor.integer), FBRD \(divisor.fraction), clock \(settings.clockHz) Hz) on \(context.node.path)")
        case .hold:
            if arguments.has("--pending") {
                _ = try context.watch(uart.interrupt)
                Output.line("UART: waiting for an interrupt")
            } else {
                Output.line("UART: holding \(context.node.path)")
            }
        case .send:
            guard arguments.words.count > 1 else { throw .usage("uart send needs a FILE") }
            let bytes = try FileBytes.read(arguments.words[1])
            try uart.transmit(bytes)
            Output.line("UART: sent \(bytes.count) bytes")
            context.finish()
        }
        return echo
    }

    /// A receive interrupt: echo what came (echo mode), or leave it pending (hold --pending).
    public func handle(_ event: DriverEvent, context: DriverContext) throws(ProgramError) {
        guard case .interrupt = event else { return }
        if mode == .hold {
            // Take one receive interrupt and never acknowledge it: the line stays automasked
            // with its cause set, as when a driver dies mid-interrupt.
            context.stop(event.token)
            Output.line("UART: holding \(context.node.path) with an interrupt pending (masked, cause set)")
            return
        }
        if try driver.serviceInterrupt(into: &received) == 0 { return }
        try driver.transmit(received)
        echoed += received.count
        received.removeAll(keepingCapacity: true)
        if limit > 0 && echoed >= limit {
            let milliseconds = (clinux_monotonic_ns() - started) / 1_000_000
            Output.line("UART: echoed \(echoed) bytes in \(milliseconds) ms, \(driver.interruptCount) interrupts, \(driver.transmitWaits) transmit waits")
            context.finish()
        }
    }

    /// The mode word of the command line.
    @inline(never)
    private static func mode(_ arguments: ParsedArguments) throws(ProgramError) -> UARTMode {
        guard let mode = arguments.choice(at: 0, default: UARTMode.echo) else {
            throw .usage("unknown mode \(arguments.words[0]): use \(ParsedArguments.listing(UARTMode.self))")
        }
        return mode
    }

    /// The baud rate and reference clock: the node's, or `--clock-hz HZ`'s.
    @inline(never)
    private static func settings(_ config: PL011Config, _ arguments: ParsedArguments) throws(ProgramError) -> UARTSettings {
        let clock = arguments.integer("--clock-hz", default: -1)
        do throws(ProgramError) {
            return try UARTSettings(config: config, clockHz: clock > 0 ? UInt32(truncatingIfNeeded: clock) : nil)
        } catch {
            guard case .configuration(let message) = error else { throw error }
            throw .configuration("\(message) (command line: --clock-hz HZ)")
        }
    }

    /// Interrupts off, UART disabled.
    public func remove() {
        driver.quiesce()
        Output.line("UART: removed after \(echoed) bytes echoed")
    }
}

/// The modes of the PL011 echo driver, the first word of its program's command line.
public enum UARTMode: String, CaseIterable, Sendable {
    /// Echo every byte back.
    case echo
    /// Hold the device and wait (for fault tests).
    case hold
    /// Transmit a file.
    case send
}
