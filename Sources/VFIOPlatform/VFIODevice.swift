import CLinux

/// A platform or amba device opened through VFIO: its descriptor, regions and interrupts.
///
/// Open it with `VFIODevice.open(linuxName:...)` or, from a device-tree node, `open(node:...)`.
/// The device, its group and its container stay open as long as this object lives.
public final class VFIODevice: PlatformDevice, InterruptControl {
    /// The Linux device name, e.g. "9000000.pl011".
    public let name: String
    /// The device's state in sysfs when it was opened.
    public let linuxDevice: LinuxDevice
    /// The group the device belongs to.
    public let group: VFIOGroup
    /// The device descriptor.
    public let descriptor: OwnedDescriptor
    /// Raw VFIO_DEVICE_FLAGS_* bits.
    public let flags: UInt32
    /// The regions, one per `reg` entry.
    public let regions: [Region]
    /// The interrupts, one per `interrupts` entry.
    public let interruptInfos: [InterruptInfo]

    /// Whether the kernel reported this as an AMBA (PrimeCell) device.
    public var isAMBA: Bool { flags & 8 != 0 }
    /// Whether the kernel reported this as a platform device.
    public var isPlatform: Bool { flags & 4 != 0 }
    /// Whether the device can be reset (VFIO_DEVICE_FLAGS_RESET).
    public var canReset: Bool { flags & 2 != 0 }
    /// Whether the device is driven without an IOMMU (the kernel is tainted).
    public var isNoIOMMU: Bool { group.isNoIOMMU }
    /// How many regions the device has.
    public var regionCount: Int { regions.count }
    /// How many interrupts the device has.
    public var interruptCount: Int { interruptInfos.count }

    /// Opens the Linux device `linuxName`: binds it to vfio when asked, applies the safety rules
    /// of `options`, opens container, group and device, and sets up every region.
    public static func open(
        linuxName: String,
        expectedNodePath: String? = nil,
        regionNames: [String] = [],
        options: VFIOOptions = VFIOOptions(),
        paths: SystemPaths = SystemPaths()
    ) throws(VFIOError) -> VFIODevice {
        let locator = DeviceLocator(paths: paths)
        var device: LinuxDevice
        if let expectedNodePath {
            device = try locator.device(named: linuxName, nodePath: expectedNodePath)
        } else {
            device = try locator.device(named: linuxName)
        }
        guard SysfsFiles.exists(paths.vfioContainer) else { throw .vfioUnavailable(path: paths.vfioContainer) }
        // A device with no IOMMU group before binding has no IOMMU: decide on safety first.
        let willBeNoIOMMU = device.iommuGroup == nil || VFIOGroup.locate(number: device.iommuGroup ?? "", paths: paths)?.isNoIOMMU == true
        if willBeNoIOMMU {
            if options.isBusMaster && !options.allowDMAMasterWithoutIOMMU { throw .dmaMasterRefused(device: linuxName) }
            if !options.allowNoIOMMU { throw .noIOMMUNotAcknowledged(device: linuxName) }
        }
        if !device.isBoundToVFIO {
            guard options.bindIfNeeded else {
                throw .boundToOtherDriver(device: linuxName, driver: device.driver ?? "no driver", unbindPath: device.sysfsPath + "/driver/unbind")
            }
            device = try DriverBinder(paths: paths).bindToVFIO(device)
        }
        guard let groupNumber = device.iommuGroup else { throw .noIOMMUGroup(device: linuxName) }
        guard VFIOGroup.locate(number: groupNumber, paths: paths) != nil else { throw .noIOMMUModeOff(device: linuxName) }
        let container = try VFIOContainer(paths: paths)
        let group = try VFIOGroup(number: groupNumber, paths: paths)
        if group.isNoIOMMU && !options.allowNoIOMMU { throw .noIOMMUNotAcknowledged(device: linuxName) }
        try group.attach(to: container)
        let descriptor = try group.deviceDescriptor(name: linuxName)
        return try VFIODevice(name: linuxName, linuxDevice: device, group: group, descriptor: descriptor, regionNames: regionNames, preferMapping: options.preferMapping)
    }

    private init(name: String, linuxDevice: LinuxDevice, group: VFIOGroup, descriptor: OwnedDescriptor, regionNames: [String], preferMapping: Bool) throws(VFIOError) {
        var flags: UInt32 = 0
        var regionCount: UInt32 = 0
        var irqCount: UInt32 = 0
        if clinux_vfio_device_get_info(descriptor.rawValue, &flags, &regionCount, &irqCount) < 0 {
            throw .systemCall(operation: "VFIO_DEVICE_GET_INFO on \(name)", errno: currentErrno())
        }
        var regions: [Region] = []
        for index in 0..<Int(regionCount) {
            var regionFlags: UInt32 = 0
            var size: UInt64 = 0
            var offset: UInt64 = 0
            if clinux_vfio_device_get_region_info(descriptor.rawValue, UInt32(index), &regionFlags, &size, &offset) < 0 {
                throw .systemCall(operation: "VFIO_DEVICE_GET_REGION_INFO(\(index)) on \(name)", errno: currentErrno())
            }
            let info = RegionInfo(index: index, size: Int(size), fileOffset: Int64(offset), flags: regionFlags, name: index < regionNames.count ? regionNames[index] : nil)
            regions.append(try Region(info: info, device: descriptor, preferMapping: preferMapping))
        }
        var interrupts: [InterruptInfo] = []
        for index in 0..<Int(irqCount) {
            var irqFlags: UInt32 = 0
            var count: UInt32 = 0
            if clinux_vfio_device_get_irq_info(descriptor.rawValue, UInt32(index), &irqFlags, &count) < 0 {
                throw .systemCall(operation: "VFIO_DEVICE_GET_IRQ_INFO(\(index)) on \(name)", errno: currentErrno())
            }
            interrupts.append(InterruptInfo(index: index, count: Int(count), flags: irqFlags))
        }
        self.name = name
        self.linuxDevice = linuxDevice
        self.group = group
        self.descriptor = descriptor
        self.flags = flags
        self.regions = regions
        self.interruptInfos = interrupts
    }

    /// Region `index`, checked.
    public func region(_ index: Int) throws(VFIOError) -> Region {
        guard index >= 0 && index < regions.count else { throw .noSuchRegion(index: index, count: regions.count) }
        return regions[index]
    }

    /// The region named `name` in the node's `reg-names`.
    public func region(named name: String) throws(VFIOError) -> Region {
        for region in regions where region.info.name == name { return region }
        var names: [String] = []
        for region in regions { if let name = region.info.name { names.append(name) } }
        throw .noSuchRegionName(name, available: names)
    }

    /// The size in bytes of region `index`.
    public func regionSize(_ index: Int) throws(VFIOError) -> Int { try region(index).info.size }

    /// A register bus over part of region `index`.
    public func registerBus(region index: Int, offset: Int, size: Int) throws(VFIOError) -> RegionBus {
        try region(index).registerBus(offset: offset, size: size)
    }

    /// Connects interrupt `index` to a new eventfd.
    public func interrupt(_ index: Int) throws(VFIOError) -> InterruptLine {
        guard index >= 0 && index < interruptInfos.count else { throw .noSuchInterrupt(index: index, count: interruptInfos.count) }
        return try InterruptLine(info: interruptInfos[index], control: self)
    }

    /// Resets the device when it can be; otherwise throws `resetUnsupported` (reinitialise instead).
    public func reset() throws(VFIOError) {
        guard canReset else { throw .resetUnsupported(device: name) }
        if clinux_vfio_device_reset(descriptor.rawValue) < 0 {
            throw .systemCall(operation: "VFIO_DEVICE_RESET on \(name)", errno: currentErrno())
        }
    }

    /// Masks or unmasks interrupt `index` (VFIO_DEVICE_SET_IRQS, DATA_NONE).
    public func setMasked(_ masked: Bool, interrupt index: Int) throws(VFIOError) {
        let action = masked ? clinux_vfio_irq_action_mask() : clinux_vfio_irq_action_unmask()
        if clinux_vfio_device_set_irq_none(descriptor.rawValue, UInt32(index), action) < 0 {
            throw .systemCall(operation: "VFIO_DEVICE_SET_IRQS(\(masked ? "MASK" : "UNMASK"), \(index)) on \(name)", errno: currentErrno())
        }
    }

    /// Connects interrupt `index` to `eventfd`, or tears its trigger down when -1.
    public func setTrigger(interrupt index: Int, eventfd: Int32) throws(VFIOError) {
        if clinux_vfio_device_set_irq_eventfd(descriptor.rawValue, UInt32(index), clinux_vfio_irq_action_trigger(), eventfd) < 0 {
            throw .systemCall(operation: "VFIO_DEVICE_SET_IRQS(TRIGGER, \(index)) on \(name)", errno: currentErrno())
        }
    }
}
