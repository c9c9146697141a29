import CFIFlash
import DriverModel
import PlatformBackends

/// `flashid [--allow-noiommu] [--backend vfio|uio|auto]`: identifies the CFI NOR flash of the
/// running board, bank by bank. The driver host finds every enabled cfi-flash node, binds its
/// device for the run (vfio-platform, or uio_pdrv_genirq), and gives it back after.
@main
struct FlashID {
    static func main() {
        DriverProgram.run("flashid") { host in
            host.register(FlashIdentifier<BackendDevice>.self)
        }
    }
}
