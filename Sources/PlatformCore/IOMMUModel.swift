/// The IOMMU model a VFIO container is set up with.
public enum IOMMUModel: Sendable, Equatable {
    /// A real IOMMU (type1 v2, or type1 where v2 is missing) translates the device's DMA.
    case type1
    /// No IOMMU: the kernel is tainted and the device must not be a DMA master.
    case noIOMMU

    /// The kernel option that provides the model.
    public var kernelOption: String {
        switch self {
        case .type1: return "CONFIG_VFIO_IOMMU_TYPE1"
        case .noIOMMU: return VFIOKernelSupport.noIOMMUOption
        }
    }

    /// "type1" or "no-IOMMU", for messages.
    public var name: String {
        switch self {
        case .type1: return "type1"
        case .noIOMMU: return "no-IOMMU"
        }
    }
}
