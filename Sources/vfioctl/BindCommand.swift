import DeviceTree
import ProgramSupport
import VFIOPlatform

/// `vfioctl bind` and `vfioctl release`.
enum BindCommand {
    static func run(_ arguments: CommandLineOptions, release: Bool) throws(VFIOError) {
        let (name, node) = try arguments.resolveDevice()
        let locator = DeviceLocator(paths: arguments.paths)
        let device: LinuxDevice
        if let node {
            device = try locator.device(named: name, nodePath: node.path)
        } else {
            device = try locator.device(named: name)
        }
        let binder = DriverBinder(paths: arguments.paths)
        if release && !device.isBoundToVFIO {
            Output.line("\(name): not bound to \(device.bus.vfioDriver) (driver: \(device.driver ?? "none")); nothing to release")
        } else if release {
            let after = try binder.release(device)
            Output.line("\(name): released from \(device.driver ?? "no driver"), now bound to \(after.driver ?? "no driver")")
        } else {
            let after = try binder.bindToVFIO(device)
            Output.line("\(name): bound to \(after.driver ?? "?") (was \(device.driver ?? "no driver")), group \(after.iommuGroup ?? "-")")
        }
    }
}
