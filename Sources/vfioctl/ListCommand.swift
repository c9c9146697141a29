import DeviceTree
import ProgramSupport
import VFIOPlatform

/// `vfioctl list`: each enabled device-tree node with `reg` and its Linux state.
enum ListCommand {
    static func run(_ arguments: CommandLineOptions) throws(VFIOError) {
        let tree = try arguments.deviceTree()
        let locator = DeviceLocator(paths: arguments.paths)
        Output.line(Format.pad("LINUX NAME", 24) + Format.pad("BUS", 10) + Format.pad("DRIVER", 16) + Format.pad("GROUP", 7) + "NODE")
        for node in tree.allNodes() where node.isEnabled && node.hasProperty("reg") && !node.compatible.isEmpty {
            guard let name = try? node.linuxDeviceName() else { continue }
            if let device = try? locator.device(named: name) {
                Output.line(Format.pad(name, 24) + Format.pad(device.bus.rawValue, 10) + Format.pad(device.driver ?? "-", 16)
                    + Format.pad(device.iommuGroup ?? "-", 7) + node.path)
            } else if arguments.flags.contains("--all") {
                Output.line(Format.pad(name, 24) + Format.pad("-", 10) + Format.pad("(no device)", 16) + Format.pad("-", 7) + node.path)
            }
        }
    }
}
