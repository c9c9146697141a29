import PlatformCore
import Registers

/// A VFIO device whose regions are reached through pread/pwrite on the device file rather than a
/// mapping: what regions smaller than a page need (QEMU's 0x18-byte fw-cfg, for one). Drivers
/// generic over `PlatformDevice` take it like any device; its bus is `FileBus`.
///
/// Get one from `VFIODevice.fileAccess`. It holds the device, which stays open while it lives.
public final class VFIOFileAccess: PlatformDevice {
    /// The device.
    public let device: VFIODevice

    /// pread/pwrite access to `device`.
    public init(device: VFIODevice) { self.device = device }

    /// How many regions the device has.
    public var regionCount: Int { device.regionCount }
    /// How many interrupts the device has.
    public var interruptCount: Int { device.interruptCount }

    /// The size in bytes of region `index`.
    public func regionSize(_ index: Int) throws(DeviceError) -> Int { try device.regionSize(index) }

    /// A pread/pwrite bus over `size` bytes at `offset` of region `index`, checked once here.
    public func registerBus(region index: Int, offset: Int, size: Int) throws(DeviceError) -> FileBus {
        try device.region(index).fileBus(offset: offset, size: size)
    }

    /// Connects interrupt `index` to a new eventfd.
    public func interrupt(_ index: Int) throws(DeviceError) -> InterruptLine { try device.interrupt(index) }
}
