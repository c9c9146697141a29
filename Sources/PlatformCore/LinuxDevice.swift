import ByteText
/// A device as the running kernel sees it: its name, bus, current driver and IOMMU group.
public struct LinuxDevice: Sendable, Equatable {
    /// The kernel's device name, e.g. "9000000.pl011".
    public var name: String
    /// The bus it sits on.
    public var bus: PlatformBus
    /// Its sysfs directory, e.g. /sys/bus/amba/devices/9000000.pl011.
    public var sysfsPath: String
    /// The driver bound to it now, or nil.
    public var driver: String?
    /// Its IOMMU group number, or nil while it has none (no-IOMMU devices get one when bound to vfio).
    public var iommuGroup: String?
    /// The device-tree path its of_node link points at, e.g. "/pl011@9000000".
    public var ofNodePath: String?
    /// What the kernel's driver_override holds, or nil when empty.
    public var driverOverride: String?

    /// Whether a vfio driver owns the device.
    public var isBoundToVFIO: Bool { driver?.sameBytes(as: bus.vfioDriver) ?? false }
}

/// Finds devices in sysfs and reads their state.
public struct DeviceLocator: Sendable {
    /// The system paths searched.
    public var paths: SystemPaths

    /// A locator over `paths`.
    public init(paths: SystemPaths = SystemPaths()) { self.paths = paths }

    /// The device called `name` on the platform or amba bus.
    public func device(named name: String) throws(DeviceError) -> LinuxDevice {
        var searched: [String] = []
        for bus in PlatformBus.allCases {
            let directory = paths.bus(bus) + "/devices/" + name
            searched.append(paths.bus(bus) + "/devices")
            if SysfsFiles.exists(directory) {
                return describe(name: name, bus: bus, directory: directory)
            }
        }
        throw .deviceNotFound(name: name, searched: searched)
    }

    /// The device made from the device-tree node at `nodePath` and named `linuxName`, confirmed
    /// through its of_node link when the kernel exposes one.
    /// (A nil `nodePath` checks nothing.)
    public func device(named linuxName: String, nodePath: String?) throws(DeviceError) -> LinuxDevice {
        let device = try device(named: linuxName)
        if let nodePath, let found = device.ofNodePath, !found.sameBytes(as: nodePath) {
            throw .ofNodeMismatch(device: linuxName, expected: nodePath, found: found)
        }
        return device
    }

    /// Every device on both buses, platform first, in name order.
    public func allDevices() -> [LinuxDevice] {
        var devices: [LinuxDevice] = []
        for bus in PlatformBus.allCases {
            let directory = paths.bus(bus) + "/devices"
            for name in SysfsFiles.list(directory) {
                devices.append(describe(name: name, bus: bus, directory: directory + "/" + name))
            }
        }
        return devices
    }

    /// Reads the current state of a device again.
    public func refresh(_ device: LinuxDevice) -> LinuxDevice {
        describe(name: device.name, bus: device.bus, directory: device.sysfsPath)
    }

    private func describe(name: String, bus: PlatformBus, directory: String) -> LinuxDevice {
        let override = SysfsFiles.read(directory + "/driver_override")
        return LinuxDevice(
            name: name,
            bus: bus,
            sysfsPath: directory,
            driver: SysfsFiles.linkTargetName(directory + "/driver"),
            iommuGroup: SysfsFiles.linkTargetName(directory + "/iommu_group"),
            ofNodePath: SysfsFiles.linkTarget(directory + "/of_node").map(Self.deviceTreePath(ofLinkTarget:)),
            driverOverride: override.flatMap { $0.isEmpty || $0.sameBytes(as: "(null)") ? nil : $0 }
        )
    }

    /// "../../../firmware/devicetree/base/soc/uart@1000" -> "/soc/uart@1000".
    static func deviceTreePath(ofLinkTarget target: String) -> String {
        let marker = Array("devicetree/base".utf8)
        let bytes = Array(target.utf8)
        var index = 0
        while index + marker.count <= bytes.count {
            if Array(bytes[index..<index + marker.count]) == marker {
                let rest = bytes[(index + marker.count)...]
                return rest.isEmpty ? "/" : String(decoding: rest, as: UTF8.self)
            }
            index += 1
        }
        return target
    }
}
