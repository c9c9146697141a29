import DeviceTree
import PlatformBackends
import ProgramSupport
import UIOPlatform
import PlatformCore
import VFIOPlatform

/// `vfioctl bind` (to vfio-platform / vfio-amba, or uio_pdrv_genirq: `--backend`) and
/// `vfioctl release` (from any of them).
enum BindCommand {
    static func run(_ arguments: CommandLineOptions, release: Bool) throws(ProgramError) {
        let choice = try arguments.backendChoice()
        let (linuxName, node) = try arguments.resolveDevice()
        let device = try driving { () throws(DeviceError) -> LinuxDevice in
            try DeviceLocator(paths: arguments.paths).device(named: linuxName, nodePath: node?.path)
        }
        let name = device.name
        let binder = DriverBinder(paths: arguments.paths)
        let current = device.driver ?? ""
        if release && !DriverBinder.isUserspaceDriver(current) {
            Output.line("\(name): not bound to \(device.bus.vfioDriver) or \(UIODevice.driverName) (driver: \(device.driver ?? "none")); nothing to release")
        } else if release {
            let after = try driving { () throws(DeviceError) in try binder.release(device) }
            Output.line("\(name): released from \(device.driver ?? "no driver"), now bound to \(after.driver ?? "no driver")")
        } else {
            let backend = try driving { () throws(DeviceError) in
                try BackendDevice.choose(for: device, choice: choice, paths: arguments.paths)
            }
            switch backend {
            case .vfio:
                let after = try driving { () throws(DeviceError) in try binder.bindToVFIO(device) }
                Output.line("\(name): bound to \(after.driver ?? "?") (was \(device.driver ?? "no driver")), group \(after.iommuGroup ?? "-")")
            case .uio:
                if device.bus == .amba { throw .device(UIODevice.ambaError(device)) }
                let after = try driving { () throws(DeviceError) in try binder.bind(device, to: UIODevice.driverName) }
                let instance = UIOInstance.find(for: after, paths: arguments.paths)
                Output.line("\(name): bound to \(after.driver ?? "?") (was \(device.driver ?? "no driver")), \(instance.map { $0.name + " at " + $0.devicePath } ?? "no uio device")")
            }
        }
    }
}
