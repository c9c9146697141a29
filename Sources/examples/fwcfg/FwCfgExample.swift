import DeviceConfig
import DeviceTree
import Drivers
import ExampleSupport
import Peripherals
import PlatformBackends
import ProgramSupport
import PlatformCore
import VFIOPlatform

/// `fwcfg`: reads QEMU's fw-cfg through vfio-platform's pread/pwrite path (the region is too
/// small for vfio to map), or through UIO's mapping of its page (`--backend uio`).
///   fwcfg signature     prints item 0, which QEMU fills with "QEMU"
/// fw-cfg can DMA, so its binding says bus-master: without an IOMMU it needs --allow-dma-master
/// as well as --allow-noiommu (this program never starts a DMA transfer).
@main
struct FwCfgExample {
    static func main() {
        let setup = ExampleSetup(valued: ["--dtb"])
        ExampleSetup.run("fwcfg") { () throws(ProgramError) in
            let node = try setup.node(compatibleWith: FwCfgConfig.compatibles)
            _ = try setup.config(of: node, as: FwCfgConfig.self)
            let device = try setup.open(node, as: FwCfgConfig.self)
            // 0x18 bytes: vfio does not map it, so the bus reads it through pread/pwrite;
            // UIO maps the page the registers are in.
            let signature = try FwCfgReader(device: device).read(key: 0, count: 4)
            Output.line("FWCFG: signature \"\(String(decoding: signature, as: UTF8.self))\" (\(signature.map { Format.hex($0) }.joined(separator: " ")))")
        }
    }
}
