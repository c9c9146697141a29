import DeviceConfig
import DeviceTree
import Drivers
import Peripherals
import PlatformBackends
import ProgramSupport
import PlatformCore
import VFIOPlatform

/// `timer`: timeouts on the PL031 RTC's match interrupt.
///   timer periodic [--period S] [--count N]   N ticks, S seconds apart
///   timer oneshot [--after S]                 one timeout S seconds from now
/// Flags: --allow-noiommu (required without an IOMMU), --dtb FILE.
@main
struct TimerExample {
    static func main() {
        let setup = ExampleSetup(valued: ["--period", "--count", "--after", "--dtb"])
        ExampleSetup.run("timer") { () throws(DriverError) in
            let node = try setup.node(compatibleWith: PL031Config.compatibles)
            _ = try setup.config(of: node, as: PL031Config.self)
            let device = try setup.open(node, as: PL031Config.self)
            let timer = try PL031Timer(device: device)
            switch try setup.mode(default: TimerMode.periodic) {
            case .periodic:
                let period = UInt32(setup.integer("--period", default: 1))
                let count = setup.integer("--count", default: 3)
                Output.line("TIMER: periodic, \(count) ticks of \(period) s, RTC at \(timer.seconds) s")
                try timer.periodic(period: period, count: count) { index, nanoseconds in
                    Output.line("TIMER: tick \(index) at \(nanoseconds / 1_000_000) ms")
                }
            case .oneshot:
                let after = UInt32(setup.integer("--after", default: 2))
                let nanoseconds = try timer.oneShot(after: after)
                Output.line("TIMER: oneshot fired after \(nanoseconds / 1_000_000) ms (asked \(after) s on a 1 s clock)")
            }
        }
    }
}

/// The modes of `timer`, the first word of its command line.
enum TimerMode: String, CaseIterable {
    case periodic, oneshot
}
