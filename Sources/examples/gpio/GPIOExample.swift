import Drivers
import DriverModel
import PlatformBackends

/// `gpio`: the PL061 example driver, run by the driver host.
///   gpio watch [--pin P] [--edges N] [--timeout S]   wait for N rising edges on input pin P
///   gpio set --pin P --level 0|1                      drive pin P as an output
/// Flags: --allow-noiommu (required without an IOMMU), --dtb FILE, --backend vfio|uio|auto.
@main
struct GPIOExample {
    static func main() {
        DriverProgram.run("gpio", valued: ["--pin", "--edges", "--timeout", "--level"]) { host in
            host.register(PL061Edges<BackendDevice>.self)
        }
    }
}
