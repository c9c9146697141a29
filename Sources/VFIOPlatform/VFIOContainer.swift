import PlatformCore
import ByteText
import CLinux

/// The IOMMU model a container was set up with.
public enum IOMMUModel: Sendable, Equatable {
    /// A real IOMMU (type1 v2, or type1 where v2 is missing) translates the device's DMA.
    case type1
    /// No IOMMU: the kernel is tainted and the device must not be a DMA master.
    case noIOMMU
}

/// A VFIO container (/dev/vfio/vfio): the IOMMU context groups are attached to.
public final class VFIOContainer {
    /// The container's descriptor.
    public let descriptor: OwnedDescriptor
    /// The IOMMU model, once `setIOMMU` succeeded.
    public private(set) var model: IOMMUModel?

    /// Opens the container and checks the API version.
    public init(paths: SystemPaths = SystemPaths()) throws(DeviceError) {
        let path = paths.vfioContainer
        guard SysfsFiles.exists(path) else { throw .vfioUnavailable(path: path) }
        descriptor = try OwnedDescriptor.open(path, flags: clinux_o_rdwr())
        let version = clinux_vfio_get_api_version(descriptor.rawValue)
        if version != Int32(clinux_vfio_api_version()) { throw .unsupportedAPIVersion(version) }
    }

    /// Whether the container supports an extension (an IOMMU type number).
    public func supports(extension number: UInt) -> Bool {
        clinux_vfio_check_extension(descriptor.rawValue, number) > 0
    }

    /// Sets the IOMMU model; call after the first group was attached.
    public func setIOMMU(_ wanted: IOMMUModel) throws(DeviceError) {
        if model == wanted { return }
        let type: UInt
        switch wanted {
        case .noIOMMU:
            type = clinux_vfio_noiommu_iommu()
            guard supports(extension: type) else { throw .iommuTypeUnsupported("no-IOMMU (CONFIG_VFIO_NOIOMMU)") }
        case .type1:
            if supports(extension: clinux_vfio_type1v2_iommu()) {
                type = clinux_vfio_type1v2_iommu()
            } else if supports(extension: clinux_vfio_type1_iommu()) {
                type = clinux_vfio_type1_iommu()
            } else {
                throw .iommuTypeUnsupported("type1")
            }
        }
        if clinux_vfio_set_iommu(descriptor.rawValue, type) < 0 {
            throw .systemCall(operation: "VFIO_SET_IOMMU", errno: currentErrno())
        }
        model = wanted
    }
}
