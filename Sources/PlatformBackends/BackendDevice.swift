import ByteText
import Registers
import UIOPlatform
import PlatformCore
import VFIOPlatform

/// A device opened through whichever backend serves it, vfio or UIO, behind one
/// `PlatformDevice` type, so that one driver binary runs on both: a driver specialised for
/// `BackendDevice` is compiled once. Its bus is a `RegionBus`: single loads and stores on every
/// mapped region (all UIO maps, and vfio regions of whole pages), pread/pwrite on a vfio region
/// the kernel does not let map, chosen when the block is bound. Waiting for and re-enabling
/// interrupts switches on the backend.
///
///     let device = try BackendDevice.open(node: node, as: PL011Config.self, backend: .auto,
///                                         options: OpenOptions(allowNoIOMMU: true, bindIfNeeded: true))
///     let uart = try PL011Driver(device: device, settings: settings)
public final class BackendDevice: PlatformDevice {
    /// The device as its backend opened it.
    public enum Opened {
        /// Through vfio-platform or vfio-amba.
        case vfio(VFIODevice)
        /// Through uio_pdrv_genirq.
        case uio(UIODevice)
    }

    /// The device as its backend opened it.
    public let opened: Opened

    /// Wraps an open device.
    public init(_ opened: Opened) { self.opened = opened }

    /// The backend serving the device.
    public var backend: PlatformBackend {
        switch opened {
        case .vfio: return .vfio
        case .uio: return .uio
        }
    }

    /// The VFIO device, when vfio serves it.
    public var vfio: VFIODevice? {
        if case .vfio(let device) = opened { return device }
        return nil
    }

    /// The UIO device, when UIO serves it.
    public var uio: UIODevice? {
        if case .uio(let device) = opened { return device }
        return nil
    }

    /// The Linux device name, e.g. "9000000.pl011".
    public var name: String {
        switch opened {
        case .vfio(let device): return device.name
        case .uio(let device): return device.name
        }
    }

    /// The device's state in sysfs once bound.
    public var linuxDevice: LinuxDevice {
        switch opened {
        case .vfio(let device): return device.linuxDevice
        case .uio(let device): return device.linuxDevice
        }
    }

    /// How many regions the device has.
    public var regionCount: Int {
        switch opened {
        case .vfio(let device): return device.regionCount
        case .uio(let device): return device.regionCount
        }
    }

    /// How many interrupts the device has (at most 1 through UIO).
    public var interruptCount: Int {
        switch opened {
        case .vfio(let device): return device.interruptCount
        case .uio(let device): return device.interruptCount
        }
    }

    /// The size in bytes of region `index`.
    public func regionSize(_ index: Int) throws(DeviceError) -> Int {
        switch opened {
        case .vfio(let device): return try device.regionSize(index)
        case .uio(let device): return try device.regionSize(index)
        }
    }

    /// A bus over part of region `index`, checked once here: volatile loads and stores when the
    /// region is mapped (UIO maps every region), pread/pwrite when vfio could not map it.
    public func registerBus(region index: Int, offset: Int, size: Int) throws(DeviceError) -> RegionBus {
        switch opened {
        case .vfio(let device): return try device.region(index).bus(offset: offset, size: size)
        case .uio(let device): return .mapped(try device.registerBus(region: index, offset: offset, size: size))
        }
    }

    /// Interrupt `index`: a new eventfd line (vfio), or the UIO interrupt, enabled.
    public func interrupt(_ index: Int) throws(DeviceError) -> BackendInterrupt {
        switch opened {
        case .vfio(let device): return .vfio(try device.interrupt(index))
        case .uio(let device): return .uio(try device.interrupt(index))
        }
    }

    /// Reads `T` at `offset` of region `index`, checked (pread/pwrite for unmapped vfio regions).
    public func read<T: RegisterValue>(_ type: T.Type = T.self, region index: Int, at offset: Int) throws(DeviceError) -> T {
        switch opened {
        case .vfio(let device): return try device.region(index).read(T.self, at: offset)
        case .uio(let device): return try device.region(index).read(T.self, at: offset)
        }
    }

    /// Writes `value` at `offset` of region `index`, checked.
    public func write<T: RegisterValue>(_ value: T, region index: Int, at offset: Int) throws(DeviceError) {
        switch opened {
        case .vfio(let device): try device.region(index).write(value, at: offset)
        case .uio(let device): try device.region(index).write(value, at: offset)
        }
    }

    /// One line on how the device is held: "bound to vfio-amba, group 0 (no-IOMMU, kernel
    /// tainted)" or "bound to uio_pdrv_genirq, uio0 (/dev/uio0)".
    public var holding: String {
        let text: Message
        switch opened {
        case .vfio(let device):
            text = "bound to \(device.linuxDevice.bus.vfioDriver), group \(device.group.number)\(device.isNoIOMMU ? " (no-IOMMU, kernel tainted)" : "")"
        case .uio(let device):
            text = "bound to \(UIODevice.driverName), \(device.instance.name) (\(device.instance.devicePath))"
        }
        return text.text
    }

    /// "0x1000 mapped" or "0x18 via pread/pwrite" for region 0, "-" without regions.
    public var firstRegionSummary: String {
        switch opened {
        case .vfio(let device):
            guard let region = device.regions.first else { return "-" }
            return "0x" + String(region.info.size, radix: 16) + (region.isMapped ? " mapped" : " via pread/pwrite")
        case .uio(let device):
            guard let region = device.regions.first else { return "-" }
            return "0x" + String(region.size, radix: 16) + " mapped"
        }
    }
}
