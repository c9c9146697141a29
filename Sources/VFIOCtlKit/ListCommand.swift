import DeviceTree
import PlatformBackends
import ProgramSupport
import PlatformCore
import VFIOPlatform

/// `vfioctl list`: each enabled device-tree node with `reg`, its Linux state, and the backend
/// that serves it when opened with `--backend auto` (`vfio`, `uio`, or `-` when neither can: an
/// amba device without vfio-amba). A device a kernel driver holds shows `kernel`: the kernel is
/// using it (the console's transport, a PCIe host), and only naming it to `bind` takes it away.
enum ListCommand {
    static func run(_ arguments: CommandLineOptions) throws(ProgramError) {
        let tree = try arguments.deviceTree()
        let locator = DeviceLocator(paths: arguments.paths)
        let availability = BackendAvailability(paths: arguments.paths)
        Output.line(Format.pad("LINUX NAME", 24) + Format.pad("BUS", 10) + Format.pad("DRIVER", 16) + Format.pad("GROUP", 7) + Format.pad("BACKEND", 9) + "NODE")
        for node in tree.allNodes() where node.isEnabled && node.hasProperty("reg") && !node.compatible.isEmpty {
            guard let name = try? node.linuxDeviceName() else { continue }
            if let device = try? locator.device(named: name) {
                let backend: String
                if let driver = device.driver, !DriverBinder.isUserspaceDriver(driver) {
                    backend = "kernel"
                } else {
                    backend = availability.backend(for: device).map { $0.description } ?? "-"
                }
                Output.line(Format.pad(name, 24) + Format.pad(device.bus.rawValue, 10) + Format.pad(device.driver ?? "-", 16)
                    + Format.pad(device.iommuGroup ?? "-", 7) + Format.pad(backend, 9) + node.path)
            } else if arguments.flags.contains("--all") {
                Output.line(Format.pad(name, 24) + Format.pad("-", 10) + Format.pad("(no device)", 16) + Format.pad("-", 7) + Format.pad("-", 9) + node.path)
            }
        }
    }
}
