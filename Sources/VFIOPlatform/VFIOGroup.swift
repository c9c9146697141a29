import PlatformCore
import ByteText
import CLinux

/// A VFIO group: /dev/vfio/N behind a real IOMMU, or /dev/vfio/noiommu-N without one.
public final class VFIOGroup {
    /// The group number (the name of its /sys/kernel/iommu_groups entry).
    public let number: String
    /// Whether this is a no-IOMMU group.
    public let isNoIOMMU: Bool
    /// The group file's path.
    public let path: String
    /// The group's descriptor.
    public let descriptor: OwnedDescriptor
    /// The container the group is attached to, kept alive as long as the group.
    public private(set) var container: VFIOContainer?

    /// The group file for `number`: /dev/vfio/N when it exists, else /dev/vfio/noiommu-N.
    public static func locate(number: String, paths: SystemPaths = SystemPaths()) -> (path: String, isNoIOMMU: Bool)? {
        let plain = paths.dev + "/vfio/" + number
        if SysfsFiles.exists(plain) { return (plain, false) }
        let noIOMMU = paths.dev + "/vfio/noiommu-" + number
        if SysfsFiles.exists(noIOMMU) { return (noIOMMU, true) }
        return nil
    }

    /// Opens group `number`; a group another process holds gives `groupBusy`.
    public init(number: String, paths: SystemPaths = SystemPaths()) throws(DeviceError) {
        guard let located = Self.locate(number: number, paths: paths) else {
            throw .noIOMMUModeOff(device: "group \(number)")
        }
        self.number = number
        self.path = located.path
        self.isNoIOMMU = located.isNoIOMMU
        let fd = clinux_open(located.path, clinux_o_rdwr(), 0)
        if fd < 0 {
            let code = currentErrno()
            if code == .busy { throw .groupBusy(group: number) }
            if code.isPermissionDenial { throw .permissionDenied(path: located.path, noIOMMU: located.isNoIOMMU) }
            throw .systemCall(operation: "open \(located.path)", errno: code)
        }
        descriptor = OwnedDescriptor(fd)
        var flags: UInt32 = 0
        if clinux_vfio_group_get_status(fd, &flags) < 0 {
            throw .systemCall(operation: "VFIO_GROUP_GET_STATUS on \(located.path)", errno: currentErrno())
        }
        if !VFIOGroupFlags(rawValue: flags).contains(.viable) { throw .groupNotViable(group: number) }
    }

    /// Attaches the group to `container` and sets the container's IOMMU model to match.
    public func attach(to container: VFIOContainer) throws(DeviceError) {
        if clinux_vfio_group_set_container(descriptor.rawValue, container.descriptor.rawValue) < 0 {
            throw .systemCall(operation: "VFIO_GROUP_SET_CONTAINER for group \(number)", errno: currentErrno())
        }
        self.container = container
        try container.setIOMMU(isNoIOMMU ? .noIOMMU : .type1)
    }

    /// A descriptor for the device `name` in this group.
    public func deviceDescriptor(name: String) throws(DeviceError) -> OwnedDescriptor {
        let fd = clinux_vfio_group_get_device_fd(descriptor.rawValue, name)
        if fd < 0 {
            let code = currentErrno()
            if code == .busy { throw .groupBusy(group: number) }
            throw .systemCall(operation: "VFIO_GROUP_GET_DEVICE_FD(\(name))", errno: code)
        }
        return OwnedDescriptor(fd)
    }
}
