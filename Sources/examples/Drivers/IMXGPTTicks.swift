import CLinux
import DeviceTree
import DriverModel
import Peripherals
import PlatformCore
import ProgramSupport

/// Periodic compare interrupts of an i.MX GPT as a driver of the host: `--period-us N` (the
/// period, rounded to the 32 kHz clock), `--count N` ticks (0: until SIGTERM). Prints one
/// `GPT: tick` line per compare with the time since start, then a summary with the mean
/// interval. A compare that does not come within the period and two seconds is the instance's
/// failure.
public final class IMXGPTTicks<Device: PlatformDevice>: PlatformDriver {
    /// "imx-gpt".
    public static var name: String { "imx-gpt" }

    /// The timer.
    public let gpt: IMXGPTTimer<Device>
    private let periodMicroseconds: Int
    private let limit: Int
    private var ticks = 0
    private var started: UInt64 = 0
    private var previous: UInt64 = 0
    private var watchdog: EventToken?

    private init(gpt: IMXGPTTimer<Device>, periodMicroseconds: Int, limit: Int) {
        self.gpt = gpt
        self.periodMicroseconds = periodMicroseconds
        self.limit = limit
    }

    /// The period and the count, before the device is opened.
    public static func check(config: IMXGPTConfig, context: DriverContext) throws(ProgramError) {
        _ = try periodMicroseconds(context.arguments)
    }

    /// Starts the periods and watches the interrupt.
    public static func probe(device: Device, config: IMXGPTConfig, context: DriverContext) throws(ProgramError) -> IMXGPTTicks {
        let microseconds = try periodMicroseconds(context.arguments)
        let gpt = try IMXGPTTimer(device: device)
        let driver = IMXGPTTicks(gpt: gpt, periodMicroseconds: microseconds, limit: context.arguments.integer("--count", default: 5))
        _ = try context.watch(gpt.interrupt)
        let ticks = IMXGPTTimer<Device>.ticks(microseconds: microseconds)
        Output.line("GPT: \(driver.limit) compares of \(ticks) ticks at \(IMXGPTTimer<Device>.lowFrequencyHz) Hz (\(microseconds) us) on \(context.node.path)")
        driver.started = clinux_monotonic_ns()
        driver.previous = driver.started
        gpt.start(period: ticks)
        try driver.restartWatchdog(context)
        return driver
    }

    /// A compare (acknowledged), or a missed one (the watchdog).
    public func handle(_ event: DriverEvent, context: DriverContext) throws(ProgramError) {
        switch event {
        case .timer:
            throw .behaviour("no GPT compare within \(watchdogMilliseconds) ms (\(gpt.stateDescription)): is the 32 kHz clock running, and does the node's interrupt reach this CPU?")
        case .interrupt:
            guard try gpt.serviceCompare() else { return }
            ticks += 1
            let now = clinux_monotonic_ns()
            Output.line("GPT: tick \(ticks) at \((now - started) / 1_000_000) ms, interval \((now - previous) / 1000) us")
            previous = now
            if limit > 0 && ticks >= limit {
                Output.line("GPT: \(ticks) ticks in \((now - started) / 1_000_000) ms, mean interval \((now - started) / 1000 / UInt64(ticks)) us (asked \(periodMicroseconds) us)")
                context.finish()
                return
            }
            try restartWatchdog(context)
        case .readable:
            return
        }
    }

    /// The timer stopped.
    public func remove() { gpt.stop() }

    private var watchdogMilliseconds: UInt64 { UInt64(periodMicroseconds) / 1000 + 2000 }

    private func restartWatchdog(_ context: DriverContext) throws(ProgramError) {
        try context.armTimer(&watchdog, firstNanoseconds: watchdogMilliseconds * 1_000_000)
    }

    private static func periodMicroseconds(_ arguments: ParsedArguments) throws(ProgramError) -> Int {
        let microseconds = arguments.integer("--period-us", default: 100_000)
        guard microseconds >= 100 && microseconds <= 60_000_000 && arguments.integer("--count", default: 5) >= 0 else {
            throw .usage("--period-us must be 100 to 60000000 and --count 0 (no limit) or more")
        }
        return microseconds
    }
}
