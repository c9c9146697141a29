import ProgramSupport
import Peripherals
import Registers
import PlatformCore
import VFIOPlatform

/// Reads items from QEMU's fw-cfg device through its MMIO interface (selector, then the data
/// register byte by byte). The region is 0x18 bytes, so on vfio-platform it goes through
/// pread/pwrite, never a mapping. The DMA interface is not used.
public struct FwCfgReader<Device: PlatformDevice> {
    /// The device's registers.
    public let fwcfg: FwCfg<Device.Bus>

    /// Binds to the fw-cfg registers of `device`.
    public init(device: Device) throws(ProgramError) {
        do {
            fwcfg = try device.registerBlock()
        } catch {
            throw .device(error)
        }
    }

    /// The first `count` bytes of item `key` (0 = the "QEMU" signature).
    public func read(key: UInt16, count: Int) -> [UInt8] {
        fwcfg.selector.write { $0.key = key }
        var bytes: [UInt8] = []
        for _ in 0..<count { bytes.append(fwcfg.data.read().data) }
        return bytes
    }
}
