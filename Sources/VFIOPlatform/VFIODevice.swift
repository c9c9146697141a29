import PlatformCore
import Registers
import ByteText

/// A platform or amba device opened through VFIO: its descriptor, regions and interrupts.
///
/// Programs open it through the front door, `BackendDevice.open(config, backend: .vfio, ...)`,
/// and reach it as `backendDevice.vfio`. The device, its group and its container stay open as
/// long as this object lives; register blocks bound to its regions keep their region mapped.
///
/// Its `Bus` is `MappedRegisterBus`: every register access is one volatile load or store.
public final class VFIODevice: PlatformDevice, InterruptControl {
    /// The Linux device name, e.g. "9000000.pl011".
    public let name: String
    /// The device's state in sysfs when it was opened.
    public let linuxDevice: LinuxDevice
    /// The group the device belongs to.
    public let group: VFIOGroup
    /// The device descriptor.
    public let descriptor: OwnedDescriptor
    /// What the kernel says the device is and offers.
    public let flags: VFIODeviceFlags
    /// The regions, one per `reg` entry.
    public let regions: [Region]
    /// The interrupts, one per `interrupts` entry.
    public let interruptInfos: [InterruptInfo]
    /// The system calls the device is driven through.
    public let system: any VFIOSystemCalls

    /// Whether the kernel reported this as an AMBA (PrimeCell) device.
    public var isAMBA: Bool { flags.contains(.amba) }
    /// Whether the kernel reported this as a platform device.
    public var isPlatform: Bool { flags.contains(.platform) }
    /// Whether the device can be reset (VFIO_DEVICE_FLAGS_RESET): a vfio-platform device with a
    /// reset module or ACPI _RST; never a vfio-amba device.
    public var canReset: Bool { flags.contains(.reset) }
    /// Whether the device is driven without an IOMMU (the kernel is tainted).
    public var isNoIOMMU: Bool { group.isNoIOMMU }
    /// How many regions the device has.
    public var regionCount: Int { regions.count }
    /// How many interrupts the device has.
    public var interruptCount: Int { interruptInfos.count }

    /// Opens `device` (located in sysfs by the caller) with what is known of its bus mastering:
    /// applies the safety rules of `options`, binds the device to vfio when
    /// `options.bindIfNeeded` allows, opens container, group and device, and sets up every
    /// region. Programs open devices through `BackendDevice.open`, which locates the device once
    /// and picks the backend; this is the VFIO half of it. Every kernel call goes through
    /// `system` (host tests pass their own).
    package static func open(
        _ located: LinuxDevice,
        busMastering: BusMastering,
        regionNames: [String] = [],
        options: OpenOptions = OpenOptions(),
        paths: SystemPaths = SystemPaths(),
        system: any VFIOSystemCalls = LinuxVFIOSystemCalls()
    ) throws(DeviceError) -> VFIODevice {
        var device = located
        let linuxName = device.name
        guard SysfsFiles.exists(paths.vfioContainer) else { throw .vfioUnavailable(path: paths.vfioContainer) }
        // A device with no IOMMU group before binding has no IOMMU: decide on safety first.
        let willBeNoIOMMU = device.iommuGroup == nil || VFIOGroup.locate(number: device.iommuGroup ?? "", paths: paths)?.isNoIOMMU == true
        if willBeNoIOMMU {
            try checkSafety(of: linuxName, busMastering: busMastering, options: options)
        }
        if !device.isBoundToVFIO {
            guard options.bindIfNeeded else {
                throw .notBound(device: linuxName, driver: device.driver, wanted: device.bus.vfio)
            }
            device = try DriverBinder(paths: paths).bindToVFIO(device)
        }
        guard let groupNumber = device.iommuGroup else { throw .noIOMMUGroup(device: linuxName) }
        guard VFIOGroup.locate(number: groupNumber, paths: paths) != nil else { throw .noIOMMUModeOff(device: linuxName) }
        let container = try VFIOContainer(paths: paths, system: system)
        let group = try VFIOGroup(number: groupNumber, paths: paths, system: system)
        if group.isNoIOMMU { try checkSafety(of: linuxName, busMastering: busMastering, options: options) }
        try group.attach(to: container)
        let descriptor = try group.deviceDescriptor(name: linuxName)
        return try VFIODevice(name: linuxName, linuxDevice: device, group: group, descriptor: descriptor, regionNames: regionNames, system: system)
    }

    /// Locates the Linux device `linuxName` (and checks it is `expectedNodePath`'s), then opens
    /// it: the VFIO half of `BackendDevice.open(linuxName:)`, for tools and tests of this package.
    package static func open(
        linuxName: String,
        busMastering: BusMastering,
        expectedNodePath: String? = nil,
        regionNames: [String] = [],
        options: OpenOptions = OpenOptions(),
        paths: SystemPaths = SystemPaths(),
        system: any VFIOSystemCalls = LinuxVFIOSystemCalls()
    ) throws(DeviceError) -> VFIODevice {
        let device = try DeviceLocator(paths: paths).device(named: linuxName, nodePath: expectedNodePath)
        return try open(device, busMastering: busMastering, regionNames: regionNames, options: options, paths: paths, system: system)
    }

    /// The no-IOMMU rules: a possible DMA master needs its own opt-in, and no-IOMMU mode needs
    /// acknowledging. The DMA rule comes first: it is the one a caller must not miss.
    static func checkSafety(of device: String, busMastering: BusMastering, options: OpenOptions) throws(DeviceError) {
        if busMastering.mayMasterTheBus && !options.allowDMAMasterWithoutIOMMU {
            throw .dmaMasterRefused(device: device, busMastering: busMastering, backend: .vfio)
        }
        if !options.allowNoIOMMU { throw .noIOMMUNotAcknowledged(device: device) }
    }

    private init(name: String, linuxDevice: LinuxDevice, group: VFIOGroup, descriptor: OwnedDescriptor, regionNames: [String], system: any VFIOSystemCalls) throws(DeviceError) {
        let fd = descriptor.rawValue
        let info: (flags: VFIODeviceFlags, regions: Int, interrupts: Int)
        do { info = try system.deviceInfo(device: fd) } catch {
            throw .systemCall(operation: "VFIO_DEVICE_GET_INFO on \(name)", errno: error)
        }
        var regions: [Region] = []
        for index in 0..<info.regions {
            let reported: (flags: VFIORegionFlags, size: UInt64, offset: UInt64)
            do { reported = try system.regionInfo(device: fd, index: index) } catch {
                throw .systemCall(operation: "VFIO_DEVICE_GET_REGION_INFO(\(index)) on \(name)", errno: error)
            }
            let regionInfo = RegionInfo(index: index, size: Int(reported.size), fileOffset: Int64(reported.offset), flags: reported.flags,
                                        name: index < regionNames.count ? regionNames[index] : nil)
            regions.append(try Region(info: regionInfo, device: descriptor, files: system))
        }
        var interrupts: [InterruptInfo] = []
        for index in 0..<info.interrupts {
            let reported: (flags: InterruptFlags, count: Int)
            do { reported = try system.interruptInfo(device: fd, index: index) } catch {
                throw .systemCall(operation: "VFIO_DEVICE_GET_IRQ_INFO(\(index)) on \(name)", errno: error)
            }
            interrupts.append(InterruptInfo(index: index, count: reported.count, flags: reported.flags))
        }
        self.name = name
        self.linuxDevice = linuxDevice
        self.group = group
        self.descriptor = descriptor
        self.flags = info.flags
        self.regions = regions
        self.interruptInfos = interrupts
        self.system = system
    }

    /// Region `index`, checked.
    public func region(_ index: Int) throws(DeviceError) -> Region {
        guard index >= 0 && index < regions.count else { throw .noSuchRegion(index: index, count: regions.count) }
        return regions[index]
    }

    /// The region named `name` in the node's `reg-names`.
    public func region(named name: String) throws(DeviceError) -> Region {
        for region in regions where region.info.name?.sameBytes(as: name) ?? false { return region }
        var names: [String] = []
        for region in regions { if let name = region.info.name { names.append(name) } }
        throw .noSuchRegionName(name, available: names)
    }

    /// The size in bytes of region `index`.
    public func regionSize(_ index: Int) throws(DeviceError) -> Int { try region(index).info.size }

    /// A bus of single volatile loads and stores over part of mapped region `index`; it keeps
    /// the region mapped while it exists. An unmapped region throws `regionNotMapped`: reach it
    /// through `fileAccess`.
    public func registerBus(region index: Int, offset: Int, size: Int) throws(DeviceError) -> MappedRegisterBus {
        try region(index).mappedBus(offset: offset, size: size)
    }

    /// The same device with every region reached through pread/pwrite: for regions the kernel
    /// does not let map (smaller than a page), with drivers generic over `PlatformDevice`.
    public var fileAccess: VFIOFileAccess { VFIOFileAccess(device: self) }

    /// Connects interrupt `index` to a new eventfd.
    public func interrupt(_ index: Int) throws(DeviceError) -> InterruptLine {
        guard index >= 0 && index < interruptInfos.count else { throw .noSuchInterrupt(index: index, count: interruptInfos.count) }
        return try InterruptLine(info: interruptInfos[index], control: self)
    }

    /// Resets the device when it can be; otherwise throws `resetUnsupported` (reinitialise instead).
    public func reset() throws(DeviceError) {
        guard canReset else { throw .resetUnsupported(device: name) }
        do { try system.reset(device: descriptor.rawValue) } catch {
            throw .systemCall(operation: "VFIO_DEVICE_RESET on \(name)", errno: error)
        }
    }

    /// Masks or unmasks interrupt `index` (VFIO_DEVICE_SET_IRQS, DATA_NONE).
    public func setMasked(_ masked: Bool, interrupt index: Int) throws(DeviceError) {
        do { try system.setMasked(device: descriptor.rawValue, interrupt: index, masked: masked) } catch {
            throw .systemCall(operation: "VFIO_DEVICE_SET_IRQS(\(masked ? "MASK" : "UNMASK"), \(index)) on \(name)", errno: error)
        }
    }

    /// Connects interrupt `index` to `eventfd`, or tears its trigger down when -1.
    public func setTrigger(interrupt index: Int, eventfd: Int32) throws(DeviceError) {
        do { try system.setTrigger(device: descriptor.rawValue, interrupt: index, eventfd: eventfd) } catch {
            // vfio-platform requests every line at bind time and keeps a failure for SET_IRQS.
            if error == .busy && eventfd >= 0 { throw .interruptHeldElsewhere(device: name, index: index) }
            throw .systemCall(operation: "VFIO_DEVICE_SET_IRQS(TRIGGER, \(index)) on \(name)", errno: error)
        }
    }
}
