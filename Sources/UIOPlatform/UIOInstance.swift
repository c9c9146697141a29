import PlatformCore

/// The UIO device (uioN) a driver registered for a platform device: found through the
/// device's own sysfs directory (`<device>/uio/uioN`), described in /sys/class/uio/uioN, opened
/// as /dev/uioN.
public struct UIOInstance: Sendable, Equatable {
    /// "uio0".
    public var name: String
    /// The class directory, /sys/class/uio/uio0: name, version, event, maps/.
    public var classPath: String
    /// The device file, /dev/uio0.
    public var devicePath: String
    /// What the driver called it (uio_pdrv_genirq: the node's `linux,uio-name`, else its name).
    public var label: String
    /// The driver's version string ("devicetree" for uio_pdrv_genirq on a device-tree node).
    public var version: String
    /// The device file's "major:minor", from sysfs.
    public var numbers: String?

    /// The instance registered for `device`, or nil when it has none (not bound to a UIO driver).
    public static func find(for device: LinuxDevice, paths: SystemPaths = SystemPaths()) -> UIOInstance? {
        for entry in SysfsFiles.list(device.sysfsPath + "/uio") where isInstanceName(entry) {
            let classPath = paths.sysfs + "/class/uio/" + entry
            return UIOInstance(
                name: entry,
                classPath: classPath,
                devicePath: paths.dev + "/" + entry,
                label: SysfsFiles.read(classPath + "/name") ?? "",
                version: SysfsFiles.read(classPath + "/version") ?? "",
                numbers: SysfsFiles.read(classPath + "/dev")
            )
        }
        return nil
    }

    /// The instance of `device`; throws `noUIOInstance` when the driver registered none.
    public static func of(_ device: LinuxDevice, paths: SystemPaths = SystemPaths()) throws(DeviceError) -> UIOInstance {
        guard let instance = find(for: device, paths: paths) else {
            throw .noUIOInstance(device: device.name, searched: device.sysfsPath + "/uio")
        }
        return instance
    }

    /// The interrupts counted so far (the `event` attribute), or nil when unreadable.
    public func eventCount() -> UInt32? {
        guard let text = SysfsFiles.read(classPath + "/event"), let value = parseSysfsNumber(text) else { return nil }
        return UInt32(truncatingIfNeeded: value)
    }

    /// The instance's maps, in order.
    public func maps() throws(DeviceError) -> [UIOMap] { try UIOMap.all(inInstance: classPath) }

    /// "uio" followed by digits.
    static func isInstanceName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard bytes.count > 3, bytes[0] == UInt8(ascii: "u"), bytes[1] == UInt8(ascii: "i"), bytes[2] == UInt8(ascii: "o") else { return false }
        return bytes[3...].allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }
}
