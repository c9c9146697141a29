import ByteText
import CLinux
import Registers
import PlatformCore

/// A platform device opened through UIO (uio_pdrv_genirq): its /dev/uioN, its maps and its
/// interrupt, behind the same `PlatformDevice` API as `VFIODevice`, so a driver generic over
/// `PlatformDevice` runs on either unchanged.
///
/// Programs open it through the front door, `BackendDevice.open(config, backend: .uio, ...)`,
/// and reach it as `backendDevice.uio`. Opening binds the device to uio_pdrv_genirq through
/// `driver_override` when `options.bindIfNeeded` (the previous driver is recorded;
/// `DriverBinder.release` gives it back).
///
/// What UIO cannot do: bind amba (PrimeCell) devices (`DeviceError.ambaDevice` names the
/// device-tree change that makes one a platform device), reset a device, deliver more than the
/// node's first interrupt, or isolate DMA (so a DMA master needs `allowDMAMasterWithoutIOMMU`).
///
/// Its `Bus` is `MappedRegisterBus`, like `VFIODevice`'s: one volatile load or store per access.
public final class UIODevice: PlatformDevice {
    /// The kernel driver that hands platform devices to UIO.
    public static let driverName = UserspaceDriver.uioGenericIRQ.name

    /// The Linux device name, e.g. "9000000.pl011".
    public let name: String
    /// The device's state in sysfs once bound.
    public let linuxDevice: LinuxDevice
    /// Its UIO instance (uioN).
    public let instance: UIOInstance
    /// The open device file the maps were made from.
    public let descriptor: OwnedDescriptor
    /// The mapped regions, one per `reg` entry.
    public let regions: [UIORegion]
    /// The names from the node's `reg-names`, by region.
    public let regionNames: [String]
    /// How many interrupts the device has through UIO: 0 or 1 (uio_pdrv_genirq takes only the first).
    public let interruptCount: Int
    /// The system calls the device file is opened and mapped through.
    public let files: any DeviceFileCalls

    /// How many regions the device has.
    public var regionCount: Int { regions.count }

    /// Whether `device` is bound to uio_pdrv_genirq now.
    public static func isBound(_ device: LinuxDevice) -> Bool {
        guard let driver = device.driver else { return false }
        return driver.sameBytes(as: driverName)
    }

    /// Opens `located` (found in sysfs by the caller) through UIO: refuses amba devices and,
    /// unless `options.allowDMAMasterWithoutIOMMU`, possible DMA masters; binds it to
    /// uio_pdrv_genirq when `options.bindIfNeeded` allows; maps every map. With a `layout` (from
    /// the node), each region is bounded by its `reg` size and the interrupt count is the node's;
    /// without, a region reaches the end of its mapping and the interrupt comes from the of_node
    /// in sysfs. `options.allowNoIOMMU` does not apply: UIO is not vfio's no-IOMMU mode.
    /// Programs open devices through `BackendDevice.open`; this is the UIO half of it. The
    /// device file is opened and mapped through `files` (host tests pass their own).
    package static func open(
        _ located: LinuxDevice,
        busMastering: BusMastering,
        layout: DeviceNodeLayout? = nil,
        options: OpenOptions = OpenOptions(),
        paths: SystemPaths = SystemPaths(),
        files: any DeviceFileCalls = LinuxDeviceFiles()
    ) throws(DeviceError) -> UIODevice {
        var device = located
        let linuxName = device.name
        if device.bus == .amba { throw ambaError(device, nodePath: layout?.nodePath) }
        if busMastering.mayMasterTheBus && !options.allowDMAMasterWithoutIOMMU {
            throw .dmaMasterRefused(device: linuxName, busMastering: busMastering, backend: .uio)
        }
        if !isBound(device) {
            guard options.bindIfNeeded else { throw .notBound(device: linuxName, driver: device.driver, wanted: .uioGenericIRQ) }
            device = try DriverBinder(paths: paths).bind(device, to: driverName)
        }
        let instance = try UIOInstance.of(device, paths: paths)
        let maps = try instance.maps()
        let descriptor = try openDeviceFile(instance, files: files)
        var regions: [UIORegion] = []
        let registerSizes = layout?.registerSizes
        let count = registerSizes?.count ?? maps.count
        for index in 0..<count {
            guard index < maps.count else { throw .missingMap(device: linuxName, index: index, maps: maps.count) }
            regions.append(try UIORegion(map: maps[index], descriptor: descriptor, size: registerSizes?[index], path: instance.devicePath, files: files))
        }
        let interrupts = min(layout?.interruptCount ?? (hasInterruptInSysfs(device) ? 1 : 0), 1)
        return UIODevice(name: linuxName, linuxDevice: device, instance: instance, descriptor: descriptor,
                         regions: regions, regionNames: layout?.regionNames ?? [], interruptCount: interrupts, files: files)
    }

    /// Locates the Linux device `linuxName` (checking it is `layout`'s node when given), then
    /// opens it: the UIO half of `BackendDevice.open(linuxName:)`, for tools and tests of this
    /// package.
    package static func open(
        linuxName: String,
        busMastering: BusMastering,
        layout: DeviceNodeLayout? = nil,
        options: OpenOptions = OpenOptions(),
        paths: SystemPaths = SystemPaths(),
        files: any DeviceFileCalls = LinuxDeviceFiles()
    ) throws(DeviceError) -> UIODevice {
        let device = try DeviceLocator(paths: paths).device(named: linuxName, nodePath: layout?.nodePath)
        return try open(device, busMastering: busMastering, layout: layout, options: options, paths: paths, files: files)
    }

    private init(name: String, linuxDevice: LinuxDevice, instance: UIOInstance, descriptor: OwnedDescriptor,
                 regions: [UIORegion], regionNames: [String], interruptCount: Int, files: any DeviceFileCalls) {
        self.name = name
        self.linuxDevice = linuxDevice
        self.instance = instance
        self.descriptor = descriptor
        self.regions = regions
        self.regionNames = regionNames
        self.interruptCount = interruptCount
        self.files = files
    }

    /// `DeviceError.ambaDevice` for `device`, with the compatible list its node should have
    /// instead (read from its of_node in sysfs, without "arm,primecell").
    public static func ambaError(_ device: LinuxDevice, nodePath: String? = nil) -> DeviceError {
        var keep: [String] = []
        if let list = SysfsFiles.read(device.sysfsPath + "/of_node/compatible") {
            for entry in list.utf8.split(separator: 0) {
                let text = String(decoding: entry, as: UTF8.self)
                if !text.sameBytes(as: "arm,primecell") { keep.append(text) }
            }
        }
        return .ambaDevice(device: device.name, nodePath: device.ofNodePath ?? nodePath, keep: keep)
    }

    /// Opens the instance's device file read-write and non-blocking: for the maps, and once more
    /// for each interrupt (its own descriptor, so that waiting never disturbs the maps).
    static func openDeviceFile(_ instance: UIOInstance, files: any DeviceFileCalls) throws(DeviceError) -> OwnedDescriptor {
        do { return OwnedDescriptor(try files.openReadWrite(instance.devicePath, nonBlocking: true)) } catch {
            let code = error
            if code == .noEntry { throw .deviceFileMissing(path: instance.devicePath, numbers: instance.numbers) }
            if code.isPermissionDenial { throw .permissionDenied(path: instance.devicePath, noIOMMU: false) }
            throw .systemCall(operation: "open \(instance.devicePath)", errno: code)
        }
    }

    /// Whether the device's node (its of_node in sysfs) has an interrupt.
    static func hasInterruptInSysfs(_ device: LinuxDevice) -> Bool {
        SysfsFiles.exists(device.sysfsPath + "/of_node/interrupts") || SysfsFiles.exists(device.sysfsPath + "/of_node/interrupts-extended")
    }

    /// Region `index`, checked.
    public func region(_ index: Int) throws(DeviceError) -> UIORegion {
        guard index >= 0 && index < regions.count else { throw .noSuchRegion(index: index, count: regions.count) }
        return regions[index]
    }

    /// The region named `name` in the node's `reg-names`.
    public func region(named name: String) throws(DeviceError) -> UIORegion {
        for (index, candidate) in regionNames.enumerated() where index < regions.count && candidate.sameBytes(as: name) {
            return regions[index]
        }
        throw .noSuchRegionName(name, available: regionNames)
    }

    /// The size in bytes of region `index` (the node's `reg` size when it was opened from a node).
    public func regionSize(_ index: Int) throws(DeviceError) -> Int { try region(index).size }

    /// A bus of single volatile loads and stores over part of region `index`; it keeps the
    /// mapping alive while it exists.
    public func registerBus(region index: Int, offset: Int, size: Int) throws(DeviceError) -> MappedRegisterBus {
        try region(index).mappedBus(offset: offset, size: size)
    }

    /// The device's interrupt (index 0), through a descriptor of its own, enabled.
    public func interrupt(_ index: Int) throws(DeviceError) -> UIOInterrupt {
        guard index >= 0 && index < interruptCount else { throw .noSuchInterrupt(index: index, count: interruptCount) }
        let descriptor = try Self.openDeviceFile(instance, files: files)
        return try UIOInterrupt(descriptor: descriptor, path: instance.devicePath, count: instance.eventCount() ?? 0, index: index)
    }
}
