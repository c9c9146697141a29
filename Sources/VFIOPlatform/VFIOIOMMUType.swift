import CLinux

/// An IOMMU type number of the VFIO container API (`VFIO_TYPE1_IOMMU`, ...), as
/// VFIO_CHECK_EXTENSION and VFIO_SET_IOMMU take it.
public struct VFIOIOMMUType: RawRepresentable, Sendable, Equatable, Hashable, CustomStringConvertible {
    /// The kernel's number.
    public let rawValue: UInt

    /// The type numbered `rawValue`.
    public init(rawValue: UInt) { self.rawValue = rawValue }

    /// VFIO_TYPE1_IOMMU.
    public static var type1: VFIOIOMMUType { VFIOIOMMUType(rawValue: clinux_vfio_type1_iommu()) }
    /// VFIO_TYPE1v2_IOMMU: type1 with the unmap semantics every current kernel has.
    public static var type1v2: VFIOIOMMUType { VFIOIOMMUType(rawValue: clinux_vfio_type1v2_iommu()) }
    /// VFIO_NOIOMMU_IOMMU: no translation at all (CONFIG_VFIO_NOIOMMU, and it taints the kernel).
    public static var noIOMMU: VFIOIOMMUType { VFIOIOMMUType(rawValue: clinux_vfio_noiommu_iommu()) }

    /// "type1", "type1v2", "no-IOMMU" or the number.
    public var description: String {
        if self == .type1 { return "type1" }
        if self == .type1v2 { return "type1v2" }
        if self == .noIOMMU { return "no-IOMMU" }
        return "IOMMU type \(rawValue)"
    }
}
