import DeviceTree
import PlatformBackends
import ProgramSupport
import UIOPlatform
import PlatformCore
import VFIOPlatform

/// `vfioctl info`: opens the device through the backend that serves it and prints what that
/// backend reports (VFIO's flags, regions and interrupts, or UIO's instance and maps).
enum InfoCommand {
    static func run(_ arguments: CommandLineOptions) throws(ProgramError) {
        let (name, node) = try arguments.resolveDevice()
        let opened = try arguments.openDevice(name: name, node: node)
        switch opened.opened {
        case .vfio(let device): describe(device, name: name)
        case .uio(let device): describe(device, name: name)
        }
        Output.line("  bus mastering: \(arguments.busMastering(of: node))")
    }

    private static func describe(_ device: VFIODevice, name: String) {
        var kind = device.isAMBA ? "amba" : (device.isPlatform ? "platform" : "other")
        if device.isNoIOMMU { kind += ", no-IOMMU (kernel tainted)" }
        Output.line("\(name): \(kind), flags \(device.flags), \(device.regionCount) region(s), \(device.interruptCount) interrupt(s)")
        Output.line("  backend: vfio (\(device.linuxDevice.bus.vfioDriver)), group \(device.group.number) at \(device.group.path)")
        for region in device.regions {
            let info = region.info
            let access = (info.canRead ? "r" : "-") + (info.canWrite ? "w" : "-") + (info.canMap ? "m" : "-")
            Output.line("  region \(info.index)\(info.name.map { " (\($0))" } ?? ""): size \(Format.hex(info.size)) offset \(Format.hex(info.fileOffset)) \(access) \(region.isMapped ? "mapped" : "pread/pwrite")")
        }
        for interrupt in device.interruptInfos {
            Output.line("  irq \(interrupt.index): count \(interrupt.count) flags \(interrupt.flags) \(interrupt.delivery)\(interrupt.isMaskable ? ", maskable" : "")")
        }
        Output.line(device.canReset ? "  reset: available" : "  reset: not offered (reinitialise registers instead)")
    }

    private static func describe(_ device: UIODevice, name: String) {
        let instance = device.instance
        Output.line("\(name): \(device.linuxDevice.bus.rawValue), \(device.regionCount) region(s), \(device.interruptCount) interrupt(s)")
        Output.line("  backend: uio (\(UIODevice.driverName)), \(instance.name) at \(instance.devicePath), name \(instance.label), version \(instance.version)")
        for region in device.regions {
            let map = region.map
            let label = region.map.index < device.regionNames.count ? " (\(device.regionNames[map.index]))" : ""
            Output.line("  region \(map.index)\(label): size \(Format.hex(region.size)) at \(Format.hex(map.registerAddress)), map\(map.index) \(Format.hex(map.address)) size \(Format.hex(map.size)) offset \(Format.hex(map.offset)) mapped")
        }
        if device.interruptCount > 0 {
            Output.line("  irq 0: read() of \(instance.devicePath) returns the event count (\(instance.eventCount().map { String($0) } ?? "?") so far); disabled at each interrupt until write(1) re-enables it")
        } else {
            Output.line("  irq: none (the node has no interrupt)")
        }
        Output.line("  reset: not offered by UIO (reinitialise registers instead); DMA: not isolated")
    }
}
