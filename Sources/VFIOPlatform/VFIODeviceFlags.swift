import PlatformCore
/// What VFIO_DEVICE_GET_INFO says a device is and offers (`VFIO_DEVICE_FLAGS_*` in linux/vfio.h).
public struct VFIODeviceFlags: OptionSet, Sendable, CustomStringConvertible {
    /// The raw `flags` word of `struct vfio_device_info`.
    public let rawValue: UInt32

    /// Flags from the kernel's raw word.
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// VFIO_DEVICE_FLAGS_RESET: the device supports VFIO_DEVICE_RESET.
    public static let reset = VFIODeviceFlags(rawValue: 1 << 0)
    /// VFIO_DEVICE_FLAGS_PCI: a PCI device.
    public static let pci = VFIODeviceFlags(rawValue: 1 << 1)
    /// VFIO_DEVICE_FLAGS_PLATFORM: a platform device (vfio-platform).
    public static let platform = VFIODeviceFlags(rawValue: 1 << 2)
    /// VFIO_DEVICE_FLAGS_AMBA: an AMBA (PrimeCell) device (vfio-amba).
    public static let amba = VFIODeviceFlags(rawValue: 1 << 3)
    /// VFIO_DEVICE_FLAGS_CCW: an s390 channel I/O device.
    public static let ccw = VFIODeviceFlags(rawValue: 1 << 4)
    /// VFIO_DEVICE_FLAGS_AP: an s390 crypto adjunct processor.
    public static let ap = VFIODeviceFlags(rawValue: 1 << 5)
    /// VFIO_DEVICE_FLAGS_FSL_MC: a Freescale fsl-mc bus device.
    public static let fslMC = VFIODeviceFlags(rawValue: 1 << 6)
    /// VFIO_DEVICE_FLAGS_CAPS: the info carries a capability chain.
    public static let capabilities = VFIODeviceFlags(rawValue: 1 << 7)
    /// VFIO_DEVICE_FLAGS_CDX: a CDX bus device.
    public static let cdx = VFIODeviceFlags(rawValue: 1 << 8)

    /// Every flag with its name, in bit order.
    public static var named: [(flag: VFIODeviceFlags, name: String)] { [
        (.reset, "reset"), (.pci, "pci"), (.platform, "platform"), (.amba, "amba"), (.ccw, "ccw"),
        (.ap, "ap"), (.fslMC, "fsl-mc"), (.capabilities, "caps"), (.cdx, "cdx"),
    ] }

    /// The set flags by name, e.g. "amba" or "reset|platform"; bits this library does not know
    /// are shown in hex.
    public var description: String { FlagNames.describe(rawValue, Self.named.map { ($0.flag.rawValue, $0.name) }) }
}
