import DeviceTree
import PlatformBackends
import ProgramSupport
import Privileges
import UIOPlatform
import PlatformCore
import VFIOPlatform

/// `vfioctl bind` (to vfio-platform / vfio-amba, or uio_pdrv_genirq: `--backend`) and
/// `vfioctl release` (from any of them, undoing a grant first).
enum BindCommand {
    static func run(_ arguments: CommandLineOptions, release: Bool) throws(ProgramError) {
        let device = try locate(arguments)
        if release {
            try releaseDevice(device, arguments)
        } else {
            let bound = try bind(device, arguments)
            Output.line("\(device.name): bound to \(bound.device.driver ?? "?") (was \(device.driver ?? "no driver")), \(bound.summary)")
        }
    }

    /// The device the command line names, as sysfs has it now.
    static func locate(_ arguments: CommandLineOptions) throws(ProgramError) -> LinuxDevice {
        let (linuxName, node) = try arguments.resolveDevice()
        return try driving { () throws(DeviceError) -> LinuxDevice in
            try DeviceLocator(paths: arguments.paths).device(named: linuxName, nodePath: node?.path)
        }
    }

    /// A device bound to a backend's driver, and the file a driver then opens.
    struct Bound {
        /// The device after binding.
        let device: LinuxDevice
        /// The backend.
        let backend: PlatformBackend
        /// The node a driver opens: /dev/uioN, or the group's /dev/vfio/[noiommu-]N.
        let deviceFile: String?
        /// Whether the vfio group is a no-IOMMU one.
        let noIOMMU: Bool

        /// "group 0" or "uio0 at /dev/uio0".
        var summary: String {
            switch backend {
            case .vfio: return "group \(device.iommuGroup ?? "-")"
            case .uio: return deviceFile.map { "uio at " + $0 } ?? "no uio device"
            }
        }
    }

    /// Binds `device` to the backend the command line chose (auto: the one the kernel has).
    static func bind(_ device: LinuxDevice, _ arguments: CommandLineOptions) throws(ProgramError) -> Bound {
        let binder = DriverBinder(paths: arguments.paths)
        let choice = try arguments.backendChoice()
        let backend = try driving { () throws(DeviceError) in
            try BackendDevice.choose(for: device, choice: choice, paths: arguments.paths)
        }
        switch backend {
        case .vfio:
            let after = try driving { () throws(DeviceError) in try binder.bindToVFIO(device) }
            let group = after.iommuGroup.flatMap { VFIOGroup.locate(number: $0, paths: arguments.paths) }
            return Bound(device: after, backend: .vfio, deviceFile: group?.path, noIOMMU: group?.isNoIOMMU ?? false)
        case .uio:
            if device.bus == .amba { throw .device(UIODevice.ambaError(device)) }
            let after = try driving { () throws(DeviceError) in try binder.bind(device, to: UIODevice.driverName) }
            let instance = UIOInstance.find(for: after, paths: arguments.paths)
            return Bound(device: after, backend: .uio, deviceFile: instance?.devicePath, noIOMMU: false)
        }
    }

    /// Undoes a grant of `device` (when there is one), then unbinds it from its userspace
    /// driver and gives it back to the driver it had.
    static func releaseDevice(_ device: LinuxDevice, _ arguments: CommandLineOptions) throws(ProgramError) {
        let grants = DeviceGrant(paths: arguments.paths)
        if grants.isGranted(device.name) {
            let restored = try privileged { () throws(PrivilegeError) in try grants.revoke(device.name) }
            Output.line("\(device.name): grant revoked (\(restored.isEmpty ? "no file left to restore" : restored.joined(separator: ", ") + " restored"))")
        }
        guard let current = device.driver, DriverBinder.isUserspaceDriver(current) else {
            Output.line("\(device.name): not bound to \(device.bus.vfioDriver) or \(UIODevice.driverName) (driver: \(device.driver ?? "none")); nothing to release")
            return
        }
        let after = try driving { () throws(DeviceError) in try DriverBinder(paths: arguments.paths).release(device) }
        Output.line("\(device.name): released from \(current), now bound to \(after.driver ?? "no driver")")
    }
}

/// Runs `body`, turning a `PrivilegeError` into the program's error.
func privileged<Value>(_ body: () throws(PrivilegeError) -> Value) throws(ProgramError) -> Value {
    do { return try body() } catch { throw .behaviour(Message(error.description)) }
}
