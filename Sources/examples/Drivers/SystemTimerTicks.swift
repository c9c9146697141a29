import ByteText
import CLinux
import DeviceTree
import DriverModel
import Peripherals
import PlatformCore
import ProgramSupport
import Registers

/// Periodic compare interrupts of one BCM2835 system timer channel (Raspberry Pi) as a driver of
/// the host: `--channel 1|3` (0 and 2 belong to the GPU firmware), `--period-us N`, `--count N`
/// ticks (0: until SIGTERM). Prints one `SYSTIMER: tick` line per match with the time since start
/// and the interval the timer's own counter measured, then a summary. A match that does not come
/// within the period and two seconds is the instance's failure.
public final class SystemTimerTicks<Device: PlatformDevice>: PlatformDriver {
    /// "bcm2835-systimer".
    public static var name: String { "bcm2835-systimer" }

    /// The channel.
    public let channelTimer: SystemTimerChannel<Device>
    private let periodMicroseconds: Int
    private let limit: Int
    private let hertz: UInt64
    private var ticks = 0
    private var total: UInt64 = 0
    private var watchdog: EventToken?
    private var started: UInt64 = 0

    private init(channelTimer: SystemTimerChannel<Device>, periodMicroseconds: Int, limit: Int, hertz: UInt64) {
        self.channelTimer = channelTimer
        self.periodMicroseconds = periodMicroseconds
        self.limit = limit
        self.hertz = hertz
    }

    /// The mode, the channel, the period and the count, before the device is opened: a firmware
    /// channel is refused without binding the timer.
    public static func check(config: BCM2835SystemTimerConfig, context: DriverContext) throws(ProgramError) {
        _ = try periodTicks(config, context.arguments)
        try SystemTimerChannel<Device>.checkChannel(context.arguments.integer("--channel", default: 1))
    }

    /// Arms the channel and watches its interrupt.
    public static func probe(device: Device, config: BCM2835SystemTimerConfig, context: DriverContext) throws(ProgramError) -> SystemTimerTicks {
        let arguments = context.arguments
        let ticks = try periodTicks(config, arguments)
        let channel = arguments.integer("--channel", default: 1)
        let channelTimer = try SystemTimerChannel(device: device, channel: channel, ticksPerSecond: config.clockFrequency)
        let driver = SystemTimerTicks(channelTimer: channelTimer, periodMicroseconds: arguments.integer("--period-us", default: 100_000),
                                      limit: arguments.integer("--count", default: 5), hertz: UInt64(config.clockFrequency))
        _ = try context.watch(channelTimer.interrupt)
        Output.line("SYSTIMER: channel \(channel), counter \(Format.hex(channelTimer.counter)) at \(driver.hertz) Hz, \(driver.limit) ticks of \(driver.periodMicroseconds) us")
        driver.started = clinux_monotonic_ns()
        channelTimer.start(period: ticks)
        try driver.restartWatchdog(context)
        return driver
    }

    /// A match (acknowledged, the next armed), or a missed one (the watchdog).
    public func handle(_ event: DriverEvent, context: DriverContext) throws(ProgramError) {
        switch event {
        case .timer:
            throw .behaviour("no system timer channel \(channelTimer.channel) match within \(watchdogMilliseconds) ms (\(channelTimer.stateDescription)): is the counter running, and does interrupt \(channelTimer.channel) of the node reach this CPU?")
        case .interrupt:
            guard let tick = try channelTimer.serviceMatch() else { return }
            ticks += 1
            let interval = UInt64(tick.interval) * 1_000_000 / hertz
            total += interval
            let elapsed = clinux_monotonic_ns() - started
            Output.line("SYSTIMER: tick \(ticks) at \(elapsed / 1_000_000) ms, counter interval \(interval) us\(tick.late ? " (late: re-armed from the counter)" : "")")
            if limit > 0 && ticks >= limit {
                Output.line("SYSTIMER: \(ticks) ticks in \(elapsed / 1_000_000) ms, mean counter interval \(total / UInt64(ticks)) us (asked \(periodMicroseconds) us), \(channelTimer.lateCount) late, \(channelTimer.repeatedInterrupts) repeated interrupts")
                context.finish()
                return
            }
            try restartWatchdog(context)
        case .readable:
            return
        }
    }

    /// The match bit cleared.
    public func remove() { channelTimer.stop() }

    private var watchdogMilliseconds: UInt64 { UInt64(periodMicroseconds) / 1000 + 2000 }

    private func restartWatchdog(_ context: DriverContext) throws(ProgramError) {
        try context.armTimer(&watchdog, firstNanoseconds: watchdogMilliseconds * 1_000_000)
    }

    /// The period in counter ticks, from `--period-us` and the node's clock; the mode word checked.
    private static func periodTicks(_ config: BCM2835SystemTimerConfig, _ arguments: ParsedArguments) throws(ProgramError) -> UInt32 {
        guard arguments.choice(at: 0, default: SystemTimerMode.periodic) != nil else {
            throw .usage("unknown mode \(arguments.words[0]): use \(ParsedArguments.listing(SystemTimerMode.self))")
        }
        let periodMicroseconds = arguments.integer("--period-us", default: 100_000)
        let count = arguments.integer("--count", default: 5)
        guard periodMicroseconds > 0 && periodMicroseconds <= 60_000_000 && count >= 0 else {
            throw .usage("--period-us must be 1 to 60000000 and --count 0 (no limit) or more")
        }
        let ticks = UInt64(periodMicroseconds) * UInt64(config.clockFrequency) / 1_000_000
        guard ticks > 0 && ticks <= UInt64(UInt32.max / 2) else {
            throw .configuration("a period of \(periodMicroseconds) us is \(ticks) ticks at \(config.clockFrequency) Hz: it must be 1 to \(UInt32.max / 2)")
        }
        return UInt32(ticks)
    }
}

/// The modes of the system timer driver, the first word of its program's command line.
public enum SystemTimerMode: String, CaseIterable, Sendable {
    /// Periodic compare interrupts.
    case periodic
}
