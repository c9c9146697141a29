import PlatformCore
import ByteText

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
    /// The system calls the group is driven through.
    public let system: any VFIOSystemCalls

    /// The group file for `number`: /dev/vfio/N when it exists, else /dev/vfio/noiommu-N.
    public static func locate(number: String, paths: SystemPaths = SystemPaths()) -> (path: String, isNoIOMMU: Bool)? {
        let plain = paths.dev + "/vfio/" + number
        if SysfsFiles.exists(plain) { return (plain, false) }
        let noIOMMU = paths.dev + "/vfio/noiommu-" + number
        if SysfsFiles.exists(noIOMMU) { return (noIOMMU, true) }
        return nil
    }

    /// Opens group `number`; a group another process holds gives `groupBusy`.
    public init(number: String, paths: SystemPaths = SystemPaths(), system: any VFIOSystemCalls = LinuxVFIOSystemCalls()) throws(DeviceError) {
        guard let located = Self.locate(number: number, paths: paths) else {
            throw .noIOMMUModeOff(device: "group \(number)")
        }
        self.number = number
        self.path = located.path
        self.isNoIOMMU = located.isNoIOMMU
        self.system = system
        let fd: Int32
        do { fd = try system.openReadWrite(located.path, nonBlocking: false) } catch {
            if error == .busy { throw .groupBusy(group: number) }
            if error.isPermissionDenial { throw .permissionDenied(path: located.path, noIOMMU: located.isNoIOMMU && error == .notPermitted) }
            throw .systemCall(operation: "open \(located.path)", errno: error)
        }
        descriptor = OwnedDescriptor(fd)
        let flags: VFIOGroupFlags
        do { flags = try system.groupStatus(group: fd) } catch {
            throw .systemCall(operation: "VFIO_GROUP_GET_STATUS on \(located.path)", errno: error)
        }
        if !flags.contains(.viable) { throw .groupNotViable(group: number) }
    }

    /// Attaches the group to `container` and sets the container's IOMMU model to match.
    public func attach(to container: VFIOContainer) throws(DeviceError) {
        do { try system.setContainer(group: descriptor.rawValue, container: container.descriptor.rawValue) } catch {
            throw .systemCall(operation: "VFIO_GROUP_SET_CONTAINER for group \(number)", errno: error)
        }
        self.container = container
        try container.setIOMMU(isNoIOMMU ? .noIOMMU : .type1)
    }

    /// A descriptor for the device `name` in this group.
    public func deviceDescriptor(name: String) throws(DeviceError) -> OwnedDescriptor {
        do { return OwnedDescriptor(try system.deviceDescriptor(group: descriptor.rawValue, name: name)) } catch {
            if error == .busy { throw .groupBusy(group: number) }
            throw .systemCall(operation: "VFIO_GROUP_GET_DEVICE_FD(\(name))", errno: error)
        }
    }
}
