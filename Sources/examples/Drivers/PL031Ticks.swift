import ByteText
import CLinux
import DeviceTree
import DriverModel
import Peripherals
import PlatformCore
import ProgramSupport
import Registers

/// The PL031 RTC's match interrupt as a driver of the host: ticks of `--period S` seconds
/// (`periodic`, the default mode; `--ticks N`, 0 for no limit), or one timeout of `--after S`
/// (`oneshot`). A host timer watches each wait: a match that does not come within its period
/// and two seconds is reported as the instance's failure.
public final class PL031Ticks<Device: PlatformDevice>: PlatformDriver {
    /// "pl031-ticks".
    public static var name: String { "pl031-ticks" }

    /// The RTC.
    public let timer: PL031Timer<Device>
    private let mode: TimerMode
    private let period: UInt32
    private let limit: Int
    private var ticks = 0
    private var watchdog: EventToken?
    private let started = clinux_monotonic_ns()

    private init(timer: PL031Timer<Device>, mode: TimerMode, period: UInt32, limit: Int) {
        self.timer = timer
        self.mode = mode
        self.period = period
        self.limit = limit
    }

    /// Arms the first match and watches the interrupt.
    public static func probe(device: Device, config: PL031Config, context: DriverContext) throws(ProgramError) -> PL031Ticks {
        let arguments = context.arguments
        guard let mode = arguments.choice(at: 0, default: TimerMode.periodic) else {
            throw .usage("unknown mode \(arguments.words[0]): use \(ParsedArguments.listing(TimerMode.self))")
        }
        let seconds = arguments.integer(mode == .periodic ? "--period" : "--after", default: mode == .periodic ? 1 : 2)
        guard seconds > 0, seconds < 86_400 else { throw .usage("the PL031 counts whole seconds: give 1 to 86399") }
        let timer = try PL031Timer(device: device)
        let ticks = PL031Ticks(timer: timer, mode: mode, period: UInt32(seconds), limit: mode == .periodic ? arguments.integer("--ticks", default: 3) : 1)
        _ = try context.watch(timer.interrupt)
        timer.start(after: ticks.period)
        try ticks.restartWatchdog(context)
        switch mode {
        case .periodic:
            Output.line("TIMER: periodic, \(ticks.limit) ticks of \(seconds) s, RTC at \(timer.seconds) s on \(context.node.path)")
        case .oneshot:
            Output.line("TIMER: oneshot in \(seconds) s, RTC at \(timer.seconds) s on \(context.node.path)")
        }
        return ticks
    }

    /// A match (acknowledged, the next one armed) or a missed one (the watchdog).
    public func handle(_ event: DriverEvent, context: DriverContext) throws(ProgramError) {
        switch event {
        case .timer:
            throw .behaviour("no PL031 match interrupt within \(period + 2) s (DR \(timer.seconds), MR \(timer.rtc.mr.read().match))")
        case .interrupt:
            try timer.acknowledge()
            ticks += 1
            let milliseconds = (clinux_monotonic_ns() - started) / 1_000_000
            if mode == .oneshot {
                Output.line("TIMER: oneshot fired after \(milliseconds) ms (asked \(period) s on a 1 s clock)")
                context.finish()
                return
            }
            Output.line("TIMER: tick \(ticks) at \(milliseconds) ms")
            if limit > 0 && ticks >= limit {
                context.finish()
                return
            }
            timer.start(after: period)
            try restartWatchdog(context)
        case .readable:
            return
        }
    }

    /// Match interrupt off.
    public func remove() {
        timer.quiesce()
        Output.line("TIMER: removed after \(ticks) tick(s)")
    }

    private func restartWatchdog(_ context: DriverContext) throws(ProgramError) {
        try context.armTimer(&watchdog, firstNanoseconds: UInt64(period + 2) * 1_000_000_000)
    }
}

/// The modes of the PL031 ticks driver, the first word of its program's command line.
public enum TimerMode: String, CaseIterable, Sendable {
    /// Ticks, `--period` seconds apart.
    case periodic
    /// One timeout `--after` seconds from now.
    case oneshot
}
