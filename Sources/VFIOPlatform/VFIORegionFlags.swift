import PlatformCore
/// What VFIO_DEVICE_GET_REGION_INFO says a region allows (`VFIO_REGION_INFO_FLAG_*`).
public struct VFIORegionFlags: OptionSet, Sendable, CustomStringConvertible {
    /// The raw `flags` word of `struct vfio_region_info`.
    public let rawValue: UInt32

    /// Flags from the kernel's raw word.
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// VFIO_REGION_INFO_FLAG_READ: pread works.
    public static let read = VFIORegionFlags(rawValue: 1 << 0)
    /// VFIO_REGION_INFO_FLAG_WRITE: pwrite works.
    public static let write = VFIORegionFlags(rawValue: 1 << 1)
    /// VFIO_REGION_INFO_FLAG_MMAP: the region can be mapped (page-aligned, at least one page).
    public static let mmap = VFIORegionFlags(rawValue: 1 << 2)
    /// VFIO_REGION_INFO_FLAG_CAPS: the info carries a capability chain.
    public static let capabilities = VFIORegionFlags(rawValue: 1 << 3)

    /// Every flag with its name, in bit order.
    public static var named: [(flag: VFIORegionFlags, name: String)] { [
        (.read, "read"), (.write, "write"), (.mmap, "mmap"), (.capabilities, "caps"),
    ] }

    /// The set flags by name, e.g. "read|write|mmap".
    public var description: String { FlagNames.describe(rawValue, Self.named.map { ($0.flag.rawValue, $0.name) }) }
}
