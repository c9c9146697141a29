import Drivers
import DriverModel
import PlatformBackends

/// `timer`: timeouts on the PL031 RTC's match interrupt, run by the driver host.
///   timer periodic [--period S] [--ticks N]   N ticks, S seconds apart (0: until SIGTERM)
///   timer oneshot [--after S]                 one timeout S seconds from now
/// Flags: --allow-noiommu (required without an IOMMU), --dtb FILE, --backend vfio|uio|auto.
@main
struct TimerExample {
    static func main() {
        DriverProgram.run("timer", valued: ["--period", "--ticks", "--after"]) { host in
            host.register(PL031Ticks<BackendDevice>.self)
        }
    }
}
