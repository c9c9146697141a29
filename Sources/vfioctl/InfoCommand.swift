import DeviceTree
import ProgramSupport
import VFIOPlatform

/// `vfioctl info`: opens the device and prints what VFIO reports.
enum InfoCommand {
    static func run(_ arguments: CommandLineOptions) throws(VFIOError) {
        let (name, node) = try arguments.resolveDevice()
        let device = try arguments.openDevice(name: name, node: node)
        var kind = device.isAMBA ? "amba" : (device.isPlatform ? "platform" : "other")
        if device.isNoIOMMU { kind += ", no-IOMMU (kernel tainted)" }
        Output.line("\(name): \(kind), flags \(device.flags), \(device.regionCount) region(s), \(device.interruptCount) interrupt(s)")
        Output.line("  group \(device.group.number) at \(device.group.path)")
        for region in device.regions {
            let info = region.info
            let access = (info.canRead ? "r" : "-") + (info.canWrite ? "w" : "-") + (info.canMap ? "m" : "-")
            Output.line("  region \(info.index)\(info.name.map { " (\($0))" } ?? ""): size \(Format.hex(info.size)) offset \(Format.hex(info.fileOffset)) \(access) \(region.isMapped ? "mapped" : "pread/pwrite")")
        }
        for interrupt in device.interruptInfos {
            Output.line("  irq \(interrupt.index): count \(interrupt.count) flags \(interrupt.flags) \(interrupt.trigger)\(interrupt.isMaskable ? ", maskable" : "")")
        }
        Output.line(device.canReset ? "  reset: available" : "  reset: not offered (reinitialise registers instead)")
        Output.line("  bus mastering: \(arguments.busMastering(of: node))")
    }
}
