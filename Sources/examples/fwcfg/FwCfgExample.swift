import DeviceConfig
import DeviceTree
import Drivers
import Peripherals
import ProgramSupport
import VFIOPlatform

/// `fwcfg`: reads QEMU's fw-cfg through vfio-platform's pread/pwrite path.
///   fwcfg signature     prints item 0, which QEMU fills with "QEMU"
/// fw-cfg can DMA, so its binding says bus-master: without an IOMMU it needs --allow-dma-master
/// as well as --allow-noiommu (this program never starts a DMA transfer).
@main
struct FwCfgExample {
    static func main() {
        let setup = ExampleSetup(valued: ["--dtb"])
        ExampleSetup.run("fwcfg") { () throws(DriverError) in
            let node = try setup.node(compatibleWith: FwCfgConfig.compatibles)
            _ = try setup.config(of: node, as: FwCfgConfig.self)
            let device = try setup.open(node, as: FwCfgConfig.self)
            let reader = try FwCfgReader(device: device.fileAccess)  // 0x18 bytes: not mappable
            let signature = reader.read(key: 0, count: 4)
            Output.line("FWCFG: signature \"\(String(decoding: signature, as: UTF8.self))\" (\(signature.map { Format.hex($0) }.joined(separator: " ")))")
        }
    }
}
