import DeviceConfig
import DeviceTree
import Drivers
import ExampleSupport
import Peripherals
import PlatformBackends
import ProgramSupport
import PlatformCore
import VFIOPlatform

/// `systimer`: periodic compare interrupts on a BCM2835 system timer channel (Raspberry Pi).
///   systimer periodic [--channel 1|3] [--period-us N] [--count N]
/// Prints one `SYSTIMER: tick` line per match with the time since start and the interval the
/// timer's own counter measured, then a summary. Flags: --allow-noiommu (required without an
/// IOMMU), --dtb FILE.
@main
struct SystemTimerExample {
    static func main() {
        let setup = ExampleSetup(valued: ["--channel", "--period-us", "--count", "--dtb"])
        ExampleSetup.run("systimer") { () throws(ProgramError) in
            _ = try setup.mode(default: SystemTimerMode.periodic)
            let channel = setup.integer("--channel", default: 1)
            let periodMicroseconds = setup.integer("--period-us", default: 100_000)
            let count = setup.integer("--count", default: 5)
            guard periodMicroseconds > 0 && periodMicroseconds <= 60_000_000 && count > 0 else {
                throw .configuration("--period-us must be 1 to 60000000 and --count at least 1")
            }
            let node = try setup.node(compatibleWith: BCM2835SystemTimerConfig.compatibles)
            let config = try setup.config(of: node, as: BCM2835SystemTimerConfig.self)
            let device = try setup.open(node, as: BCM2835SystemTimerConfig.self)
            let hertz = UInt64(config.clockFrequency)
            let channelTimer = try SystemTimerChannel(device: device, channel: channel, ticksPerSecond: config.clockFrequency)
            let ticks = UInt64(periodMicroseconds) * hertz / 1_000_000
            guard ticks > 0 && ticks <= UInt64(UInt32.max / 2) else {
                throw .configuration("a period of \(periodMicroseconds) us is \(ticks) ticks at \(hertz) Hz: it must be 1 to \(UInt32.max / 2)")
            }
            Output.line("SYSTIMER: channel \(channel), counter \(Format.hex(channelTimer.counter)) at \(hertz) Hz, \(count) ticks of \(periodMicroseconds) us")
            var total: UInt64 = 0
            var elapsed: UInt64 = 0
            try channelTimer.periodic(period: UInt32(ticks), count: count) { index, tick, nanoseconds in
                let interval = UInt64(tick.interval) * 1_000_000 / hertz
                total += interval
                elapsed = nanoseconds
                Output.line("SYSTIMER: tick \(index) at \(nanoseconds / 1_000_000) ms, counter interval \(interval) us\(tick.late ? " (late: re-armed from the counter)" : "")")
            }
            Output.line("SYSTIMER: \(count) ticks in \(elapsed / 1_000_000) ms, mean counter interval \(total / UInt64(count)) us (asked \(periodMicroseconds) us), \(channelTimer.lateCount) late")
        }
    }
}

/// The modes of `systimer`, the first word of its command line.
enum SystemTimerMode: String, CaseIterable {
    case periodic
}
