import DeviceTree
import PlatformBackends
import ProgramSupport
import UIOPlatform
import VFIOPlatform

/// `vfioctl bind` (to vfio-platform / vfio-amba, or uio_pdrv_genirq: `--backend`) and
/// `vfioctl release` (from any of them).
enum BindCommand {
    static func run(_ arguments: CommandLineOptions, release: Bool) throws(BackendError) {
        let choice = try arguments.backendChoice()
        let device = try driving { () throws(VFIOError) -> LinuxDevice in
            let (name, node) = try arguments.resolveDevice()
            let locator = DeviceLocator(paths: arguments.paths)
            if let node { return try locator.device(named: name, nodePath: node.path) }
            return try locator.device(named: name)
        }
        let name = device.name
        let binder = DriverBinder(paths: arguments.paths)
        let current = device.driver ?? ""
        if release && !DriverBinder.isUserspaceDriver(current) {
            Output.line("\(name): not bound to \(device.bus.vfioDriver) or \(UIODevice.driverName) (driver: \(device.driver ?? "none")); nothing to release")
        } else if release {
            let after = try driving { () throws(VFIOError) in try binder.release(device) }
            Output.line("\(name): released from \(device.driver ?? "no driver"), now bound to \(after.driver ?? "no driver")")
        } else {
            let availability = BackendAvailability(paths: arguments.paths)
            guard let backend = availability.backend(for: device, choice: choice) else {
                throw .noBackend(device: name, bus: device.bus, availability: availability)
            }
            switch backend {
            case .vfio:
                let after = try driving { () throws(VFIOError) in try binder.bindToVFIO(device) }
                Output.line("\(name): bound to \(after.driver ?? "?") (was \(device.driver ?? "no driver")), group \(after.iommuGroup ?? "-")")
            case .uio:
                if device.bus == .amba { throw .uio(UIODevice.ambaError(device)) }
                if !availability.uioGenIRQ {
                    throw .uio(.genericIRQDriverMissing(path: arguments.paths.bus(.platform) + "/drivers/" + UIODevice.driverName))
                }
                let after: LinuxDevice
                do { after = try binder.bind(device, to: UIODevice.driverName) } catch { throw .uio(UIOError(error)) }
                let instance = UIOInstance.find(for: after, paths: arguments.paths)
                Output.line("\(name): bound to \(after.driver ?? "?") (was \(device.driver ?? "no driver")), \(instance.map { $0.name + " at " + $0.devicePath } ?? "no uio device")")
            }
        }
    }
}
