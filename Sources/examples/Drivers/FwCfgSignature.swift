import DeviceTree
import DriverModel
import Peripherals
import PlatformCore
import ProgramSupport
import Registers

/// QEMU's fw-cfg as a driver of the host: prints item 0, which QEMU fills with "QEMU", and
/// finishes. Its binding says bus-master (fw-cfg has a DMA interface, never used here), so
/// without an IOMMU the host opens it only with `--allow-dma-master`.
public final class FwCfgSignature<Device: PlatformDevice>: PlatformDriver {
    /// "fw-cfg-signature".
    public static var name: String { "fw-cfg-signature" }

    /// The four bytes of item 0.
    public let signature: [UInt8]

    private init(signature: [UInt8]) { self.signature = signature }

    /// Reads the signature: 0x18 bytes of registers, which vfio does not map (the bus reads them
    /// through pread/pwrite) and UIO maps with the page they are in.
    public static func probe(device: Device, config: FwCfgConfig, context: DriverContext) throws(ProgramError) -> FwCfgSignature {
        let signature = try FwCfgReader(device: device).read(key: 0, count: 4)
        var hex = ""
        for byte in signature { hex += (hex.isEmpty ? "" : " ") + Format.hex(byte) }
        Output.line("FWCFG: signature \"\(String(decoding: signature, as: UTF8.self))\" (\(hex))")
        context.finish()
        return FwCfgSignature(signature: signature)
    }

    /// fw-cfg asks for no events.
    public func handle(_ event: DriverEvent, context: DriverContext) throws(ProgramError) {}

    /// Nothing runs on the device.
    public func remove() {}
}
