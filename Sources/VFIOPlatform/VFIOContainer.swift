import PlatformCore
import ByteText

/// A VFIO container (/dev/vfio/vfio): the IOMMU context groups are attached to.
public final class VFIOContainer {
    /// The container's descriptor.
    public let descriptor: OwnedDescriptor
    /// The IOMMU model, once `setIOMMU` succeeded.
    public private(set) var model: IOMMUModel?
    /// The system calls the container is driven through.
    public let system: any VFIOSystemCalls

    /// Opens the container and checks the API version.
    public init(paths: SystemPaths = SystemPaths(), system: any VFIOSystemCalls = LinuxVFIOSystemCalls()) throws(DeviceError) {
        let path = paths.vfioContainer
        guard SysfsFiles.exists(path) else { throw .vfioUnavailable(path: path) }
        let fd: Int32
        do { fd = try system.openReadWrite(path, nonBlocking: false) } catch {
            if error.isPermissionDenial { throw .permissionDenied(path: path, noIOMMU: false) }
            throw .systemCall(operation: "open \(path)", errno: error)
        }
        descriptor = OwnedDescriptor(fd)
        self.system = system
        let version = system.apiVersion(container: fd)
        if version != Int32(VFIOSystemConstants.apiVersion) { throw .unsupportedAPIVersion(version) }
    }

    /// Whether the container offers the IOMMU type.
    public func supports(_ type: VFIOIOMMUType) -> Bool {
        system.supports(container: descriptor.rawValue, type: type)
    }

    /// Sets the IOMMU model; call after the first group was attached.
    public func setIOMMU(_ wanted: IOMMUModel) throws(DeviceError) {
        if model == wanted { return }
        let type: VFIOIOMMUType
        switch wanted {
        case .noIOMMU:
            type = .noIOMMU
            guard supports(type) else { throw .iommuTypeUnsupported(.noIOMMU) }
        case .type1:
            if supports(.type1v2) {
                type = .type1v2
            } else if supports(.type1) {
                type = .type1
            } else {
                throw .iommuTypeUnsupported(.type1)
            }
        }
        do { try system.setIOMMU(container: descriptor.rawValue, type: type) } catch {
            throw .systemCall(operation: "VFIO_SET_IOMMU(\(type.description))", errno: error)
        }
        model = wanted
    }
}
