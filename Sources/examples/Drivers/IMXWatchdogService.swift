import CLinux
import DeviceTree
import DriverModel
import Peripherals
import PlatformCore
import ProgramSupport

/// The i.MX watchdog as a driver of the host. Without `--start` it prints the watchdog's state
/// and finishes without touching it (beyond stopping the power-down counter). With `--start` it
/// starts it with `--timeout-ms N` (rounded up to half seconds; default: the node's
/// `timeout-sec`) and services it every `--interval-ms N` (default: a third of the timeout) from
/// the event loop's timer: `--services N` times, then it finishes and leaves the watchdog
/// running (it cannot be stopped: the SoC resets when it expires), or until SIGTERM with
/// `--services 0`.
public final class IMXWatchdogService<Device: PlatformDevice>: PlatformDriver {
    /// "imx-wdt".
    public static var name: String { "imx-wdt" }

    /// The watchdog.
    public let timer: IMXWatchdogTimer<Device>
    private let limit: Int
    private let started = clinux_monotonic_ns()

    private init(timer: IMXWatchdogTimer<Device>, limit: Int) {
        self.timer = timer
        self.limit = limit
    }

    /// The timeout, before the device is opened.
    public static func check(config: IMXWatchdogConfig, context: DriverContext) throws(ProgramError) {
        _ = try halfSeconds(config, context.arguments)
        if config.bigEndian { throw .configuration("\(context.node.path) is big-endian (an LS1021A watchdog): this driver knows little-endian ones only") }
    }

    /// Prints the state; in `service` mode starts the watchdog and its service timer.
    public static func probe(device: Device, config: IMXWatchdogConfig, context: DriverContext) throws(ProgramError) -> IMXWatchdogService {
        let arguments = context.arguments
        let mode: WatchdogMode = arguments.has("--start") ? .service : .status
        let timer = try IMXWatchdogTimer(device: device)
        let driver = IMXWatchdogService(timer: timer, limit: arguments.integer("--services", default: 5))
        driver.report("state")
        switch mode {
        case .status:
            context.finish()
        case .service:
            let halves = try halfSeconds(config, arguments)
            let interval = arguments.integer("--interval-ms", default: halves * 500 / 3)
            guard interval > 0 && interval < halves * 500 else {
                throw .usage("--interval-ms must be 1 to \(halves * 500 - 1): the watchdog expires after \(halves * 500) ms")
            }
            try timer.start(timeoutHalfSeconds: halves)
            let nanoseconds = UInt64(interval) * 1_000_000
            _ = try context.startTimer(firstNanoseconds: nanoseconds, periodNanoseconds: nanoseconds)
            Output.line("WATCHDOG: started on \(context.node.path): expires \(halves * 500) ms after a service, serviced every \(interval) ms")
        }
        return driver
    }

    /// The service timer: one service per expiry.
    public func handle(_ event: DriverEvent, context: DriverContext) throws(ProgramError) {
        guard case .timer = event else { return }
        timer.service()
        let elapsed = (clinux_monotonic_ns() - started) / 1_000_000
        Output.line("WATCHDOG: service \(timer.services) at \(elapsed) ms")
        if limit > 0 && timer.services >= limit {
            let state = timer.state
            Output.line("WATCHDOG: \(timer.services) services; left running (it cannot be stopped): the SoC resets \(state.timeoutHalfSeconds * 500) ms after the last one unless someone services it")
            context.finish()
        }
    }

    /// Nothing to undo: a started watchdog runs until reset.
    public func remove() {}

    private func report(_ what: String) {
        let state = timer.state
        Output.line("WATCHDOG: \(what): \(state.enabled ? "running" : "stopped"), timeout \(state.timeoutHalfSeconds * 500) ms, last reset \(state.lastReset), power-down counter \(state.powerDownCounter ? "running" : "stopped"), pre-timeout interrupt \(state.preTimeoutInterrupt ? "on" : "off")")
    }

    /// The timeout in half seconds: `--timeout-ms`, else the node's `timeout-sec`.
    private static func halfSeconds(_ config: IMXWatchdogConfig, _ arguments: ParsedArguments) throws(ProgramError) -> Int {
        let milliseconds = arguments.integer("--timeout-ms", default: Int(min(config.timeoutSec, 128)) * 1000)
        let halves = (milliseconds + 499) / 500
        guard halves >= 1 && halves <= IMXWatchdogTimer<Device>.longestHalfSeconds else {
            throw .usage("an i.MX watchdog timeout is 500 to 128000 ms, not \(milliseconds)")
        }
        return halves
    }
}

/// What the i.MX watchdog driver does (`--start`: service).
public enum WatchdogMode: Sendable {
    /// Print the state; touch nothing.
    case status
    /// Start it and service it.
    case service
}
