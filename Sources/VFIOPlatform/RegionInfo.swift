import PlatformCore
/// What VFIO_DEVICE_GET_REGION_INFO says of one region (one `reg` entry of the node).
public struct RegionInfo: Sendable, Equatable {
    /// The region index (the position of its `reg` entry).
    public var index: Int
    /// The region's size in bytes.
    public var size: Int
    /// The offset of the region in the device file (index << 40 for vfio-platform).
    public var fileOffset: Int64
    /// What the region allows.
    public var flags: VFIORegionFlags
    /// The name from the node's `reg-names`, when it has one.
    public var name: String?

    /// A region description.
    public init(index: Int, size: Int, fileOffset: Int64, flags: VFIORegionFlags, name: String? = nil) {
        self.index = index
        self.size = size
        self.fileOffset = fileOffset
        self.flags = flags
        self.name = name
    }

    /// Whether the region can be read (VFIO_REGION_INFO_FLAG_READ).
    public var canRead: Bool { flags.contains(.read) }
    /// Whether the region can be written (VFIO_REGION_INFO_FLAG_WRITE).
    public var canWrite: Bool { flags.contains(.write) }
    /// Whether the region can be mapped (VFIO_REGION_INFO_FLAG_MMAP: page-aligned regions of at
    /// least one page).
    public var canMap: Bool { flags.contains(.mmap) }
}
