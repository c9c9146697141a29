import Drivers
import DriverModel
import PlatformBackends

/// `fwcfg`: reads QEMU's fw-cfg through vfio-platform's pread/pwrite path (the region is too
/// small for vfio to map), or through UIO's mapping of its page (`--backend uio`), on the host.
///   fwcfg signature     prints item 0, which QEMU fills with "QEMU"
/// fw-cfg can DMA, so its binding says bus-master: without an IOMMU it needs --allow-dma-master
/// as well as --allow-noiommu (this program never starts a DMA transfer).
@main
struct FwCfgExample {
    static func main() {
        DriverProgram.run("fwcfg") { host in
            host.register(FwCfgSignature<BackendDevice>.self)
        }
    }
}
