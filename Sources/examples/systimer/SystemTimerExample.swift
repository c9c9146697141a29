import Drivers
import DriverModel
import PlatformBackends

/// `systimer`: periodic compare interrupts on a BCM2835 system timer channel (Raspberry Pi), on
/// the driver host.
///   systimer periodic [--channel 1|3] [--period-us N] [--count N]
/// Flags: --allow-noiommu (required without an IOMMU), --dtb FILE, --backend vfio|uio|auto.
@main
struct SystemTimerExample {
    static func main() {
        DriverProgram.run("systimer", valued: ["--channel", "--period-us", "--count"]) { host in
            host.register(SystemTimerTicks<BackendDevice>.self)
        }
    }
}
