import ByteText
import DeviceTree

/// Everything that can go wrong finding, binding, opening or driving a device, on every backend
/// (VFIO, UIO, simulated): one error family, so a driver's code needs one `catch`.
///
/// Each case carries what is needed to name the fix, and `description` says it in one or two
/// sentences: the sysfs path to look at, the kernel option or module parameter to set, the
/// `OpenOptions` member to pass. Programs add their own flag names when they print one
/// (ProgramSupport's `DeviceErrorAdvice`).
public enum DeviceError: Error, Equatable, CustomStringConvertible {
    /// /dev/vfio/vfio is missing: the kernel has no VFIO, or devtmpfs is not mounted.
    case vfioUnavailable(path: String)
    /// The device's group exists only as a no-IOMMU group but the parameter is off, or no group appeared.
    case noIOMMUModeOff(device: String)
    /// No device of that name on the platform or amba bus.
    case deviceNotFound(name: String, searched: [String])
    /// The sysfs device exists but its of_node is not the DT node we expected.
    case ofNodeMismatch(device: String, expected: String, found: String)
    /// Another driver holds the device and did not release it when asked.
    case boundToOtherDriver(device: String, driver: String, unbindPath: String)
    /// After binding, the device ended up without the wanted driver.
    case bindFailed(device: String, wanted: String, actual: String?)
    /// The kernel has no driver of that name on the bus (e.g. vfio-amba not built in).
    case driverMissing(driver: String, bus: PlatformBus)
    /// The device is not in any IOMMU group (it is not bound to a vfio driver).
    case noIOMMUGroup(device: String)
    /// The group is not viable: another device in it is bound to a non-vfio driver.
    case groupNotViable(group: String)
    /// The group is already open in another process (or this one).
    case groupBusy(group: String)
    /// The caller lacks the right to open or write `path` (a VFIO file, a UIO device file, a
    /// sysfs attribute); `noIOMMU` says a no-IOMMU VFIO group was being opened.
    case permissionDenied(path: String, noIOMMU: Bool)
    /// A no-IOMMU group would be used but the caller did not acknowledge the risk.
    case noIOMMUNotAcknowledged(device: String)
    /// The device's binding says it is a DMA master, or no binding says it is not; without an
    /// IOMMU (no-IOMMU VFIO, or UIO through `backend`) it could write anywhere in memory.
    case dmaMasterRefused(device: String, busMastering: BusMastering, backend: PlatformBackend)
    /// The device is not bound to `wanted` and the caller did not ask for it to be bound.
    case notBound(device: String, driver: String?, wanted: UserspaceDriver)
    /// A node opened as a binding's config type does not list any of its compatibles.
    case notDescribedByBinding(node: String, binding: String, compatibles: [String])
    /// The kernel's VFIO API version is not the one this library speaks.
    case unsupportedAPIVersion(Int32)
    /// The container cannot use the IOMMU model this group needs.
    case iommuTypeUnsupported(IOMMUModel)
    /// A region index the device does not have.
    case noSuchRegion(index: Int, count: Int)
    /// A region name not in the node's `reg-names`.
    case noSuchRegionName(String, available: [String])
    /// An access outside the region.
    case outOfRange(offset: Int, width: Int, regionSize: Int)
    /// A register block that does not fit in its region.
    case blockOutsideRegion(offset: Int, size: Int, region: Int, regionSize: Int)
    /// A mapped bus was asked of a region the kernel does not let map.
    case regionNotMapped(index: Int, size: Int)
    /// An access not aligned to its own width.
    case misaligned(offset: Int, width: Int)
    /// An access width the region cannot perform (e.g. 64 bits through pread/pwrite).
    case unsupportedWidth(width: Int, reason: String)
    /// An interrupt index the device does not have.
    case noSuchInterrupt(index: Int, count: Int)
    /// The interrupt cannot do what was asked (e.g. unmask on a non-maskable line).
    case interruptCapability(index: Int, missing: InterruptCapability)
    /// The device offers no reset.
    case resetUnsupported(device: String)
    /// Interrupt `index` of `device` is held by a kernel driver that does not share it, so the
    /// vfio driver could not request it when the device was bound (EBUSY on its trigger).
    case interruptHeldElsewhere(device: String, index: Int)
    /// A system call failed; `operation` says which and on what.
    case systemCall(operation: Message, errno: Errno)
    /// The device tree could not answer (bad blob, node without a translatable `reg`, ...).
    case deviceTree(DeviceTreeError)
    /// No enabled device-tree node matches the selector.
    case nodeNotFound(selector: String)
    /// The device sits on the amba bus (an ARM PrimeCell): uio_pdrv_genirq is a platform driver
    /// and cannot bind it. `keep` is its compatible list without "arm,primecell" (empty when
    /// unknown): what the device tree should say instead.
    case ambaDevice(device: String, nodePath: String?, keep: [String])
    /// The device is bound to uio_pdrv_genirq but has no uioN directory under `searched`.
    case noUIOInstance(device: String, searched: String)
    /// The device file of a UIO instance is missing; `numbers` is its "major:minor" from sysfs.
    case deviceFileMissing(path: String, numbers: String?)
    /// A UIO map attribute in sysfs is missing or not a number.
    case badMap(path: String, text: String?)
    /// A UIO map holds fewer bytes after its offset than the node's `reg` entry says the device has.
    case mapTooSmall(path: String, index: Int, span: Int, needed: Int)
    /// The node has more `reg` entries than the UIO instance has maps.
    case missingMap(device: String, index: Int, maps: Int)
    /// Neither backend can serve the device on this kernel. (The fixes are the general ones:
    /// `vfioctl doctor` gives the running kernel's, which would cost every driver 15 KB to carry.)
    case noBackend(device: String, bus: PlatformBus, availability: BackendAvailability)

    /// A readable sentence naming what is wrong and how to fix it.
    public var description: String { sentence.text }

    /// The description, built one piece at a time (`Message`), which keeps the code of many
    /// sentences small in Embedded Swift.
    private var sentence: Message {
        switch self {
        case .vfioUnavailable(let path):
            return "\(path) does not exist: the kernel lacks VFIO. \(VFIOKernelSupport.howToGetContainer); then, for platform devices, \(UserspaceDriver.vfioPlatform.howToGet); for amba (PrimeCell) devices, \(UserspaceDriver.vfioAMBA.howToGet)."
        case .noIOMMUModeOff(let device):
            return "\(device) is bound to vfio but no VFIO group appeared: this system has no IOMMU for it and no-IOMMU mode is off. Boot with \(VFIOKernelSupport.noIOMMUParameter) (or write Y to /sys/module/vfio/parameters/enable_unsafe_noiommu_mode before binding; \(VFIOKernelSupport.noIOMMUOption)=y is required). It taints the kernel and is safe only for devices that are not DMA masters."
        case .deviceNotFound(let name, let searched):
            return "no device \(name) in \(searched.joined(separator: " or ")): is the node enabled (status = \"okay\") in the running device tree, and is its bus driver (ARM_AMBA for primecell devices) built in?"
        case .ofNodeMismatch(let device, let expected, let found):
            return "\(device) belongs to device-tree node \(found), not \(expected): the DTB given does not match the running kernel's (compare with /sys/firmware/devicetree/base)."
        case .boundToOtherDriver(let device, let driver, let unbindPath):
            return "\(device) is bound to \(driver), which did not release it: stop whatever uses the device, then `echo \(device) > \(unbindPath)`."
        case .bindFailed(let device, let wanted, let actual):
            if UserspaceDriver(named: wanted) == .uioGenericIRQ {
                return "binding \(device) to \(wanted) failed; it is now bound to \(actual ?? "no driver"). See dmesg for the kernel's reason (a node without `reg`, or an interrupt the kernel could not map)."
            }
            return "binding \(device) to \(wanted) failed; it is now bound to \(actual ?? "no driver"). For vfio-platform devices without a reset module boot with vfio_platform.reset_required=0; see dmesg for the kernel's reason."
        case .driverMissing(let driver, let bus):
            let how = UserspaceDriver(named: driver).map { $0.howToGet } ?? "load the module that provides it"
            return "the kernel has no driver \(driver) on the \(bus.rawValue) bus (/sys/bus/\(bus.rawValue)/drivers/\(driver) is missing): \(how)."
        case .noIOMMUGroup(let device):
            return "\(device) has no iommu_group link: bind it to vfio-platform or vfio-amba first (DriverBinder.bindToVFIO, or OpenOptions.bindIfNeeded); with no IOMMU, boot with \(VFIOKernelSupport.noIOMMUParameter)."
        case .groupNotViable(let group):
            return "VFIO group \(group) is not viable: every device in /sys/kernel/iommu_groups/\(group)/devices must be bound to a vfio driver (or none)."
        case .groupBusy(let group):
            return "VFIO group \(group) is already open (another process holds the device, or this one opened it twice); close the other user first (`fuser /dev/vfio/*`)."
        case .permissionDenied(let path, let noIOMMU):
            if noIOMMU {
                return "permission denied opening \(path): no-IOMMU vfio checks CAP_SYS_RAWIO on every container and group operation; give the program that capability (`setcap cap_sys_rawio+ep PROGRAM`, or AmbientCapabilities=CAP_SYS_RAWIO in its systemd unit), or run it as root."
            }
            if isBindingFile(path) {
                return "permission denied writing \(path): binding a device through sysfs needs root. As root, once: `vfioctl grant DEVICE --user USER` binds it and gives it to USER; then run the driver as USER with --no-bind (or start it as root with --user USER)."
            }
            return "permission denied on \(path): as root, `vfioctl grant DEVICE --user USER` gives USER the device's node and the device tree blob (by hand: `chown USER \(path)`); or run as root."
        case .noIOMMUNotAcknowledged(let device):
            return "\(device) would be driven in unsafe no-IOMMU mode, which taints the kernel and gives the device unchecked access to memory if it is a DMA master. Acknowledge it explicitly (OpenOptions.allowNoIOMMU)."
        case .dmaMasterRefused(let device, let busMastering, let backend):
            let isolation = backend == .uio ? "UIO gives no DMA isolation" : "in no-IOMMU mode nothing isolates its DMA"
            switch busMastering {
            case .master(let binding):
                return "\(device) is a DMA bus master according to its binding \(binding) (bus-master: true): \(isolation), so it could overwrite any memory. Refused; use a system with an IOMMU, or set OpenOptions.allowDMAMasterWithoutIOMMU if you accept that risk."
            case .unknown, .notMaster:
                return "no binding describes \(device), so nothing says it is not a DMA bus master: \(isolation), so a bus master could overwrite any memory. Refused; open it through a binding that says bus-master: false, or set OpenOptions.allowDMAMasterWithoutIOMMU if you know the device does no DMA or accept the risk."
            }
        case .notBound(let device, let driver, let wanted):
            return "\(device) is bound to \(driver ?? "no driver"), not \(wanted.name): bind it first (DriverBinder.bind), or let opening bind it (OpenOptions.bindIfNeeded; DriverBinder.release gives the previous driver back)."
        case .notDescribedByBinding(let node, let binding, let compatibles):
            return "\(node) is not compatible with \(compatibles.joined(separator: " or ")), so the \(binding) binding does not describe it: open it with the binding that does."
        case .unsupportedAPIVersion(let version):
            return "the kernel's VFIO API version is \(version); this library speaks version 0."
        case .iommuTypeUnsupported(let type):
            return "the VFIO container does not support the \(type.name) IOMMU model: the kernel lacks \(type.kernelOption)."
        case .noSuchRegion(let index, let count):
            return "region \(index) does not exist: the device has \(count) region(s), one per `reg` entry."
        case .noSuchRegionName(let name, let available):
            return "no region named \(name): reg-names lists [\(available.joined(separator: ", "))]."
        case .outOfRange(let offset, let width, let regionSize):
            return "a \(width * 8)-bit access at offset 0x\(String(offset, radix: 16)) is outside the region (size 0x\(String(regionSize, radix: 16)), from the node's `reg` entry): use an offset at most 0x\(String(max(regionSize - width, 0), radix: 16)) for this width."
        case .blockOutsideRegion(let offset, let size, let region, let regionSize):
            return "a register block of 0x\(String(size, radix: 16)) bytes at offset 0x\(String(offset, radix: 16)) does not fit in region \(region) (size 0x\(String(regionSize, radix: 16))): the binding's registers go beyond the node's `reg` size; check the binding or the node's reg entry."
        case .regionNotMapped(let index, let size):
            return "region \(index) (size 0x\(String(size, radix: 16))) cannot be mapped: the kernel maps only page-aligned regions of whole pages. Reach it through pread/pwrite instead (`device.fileAccess`, or open it as a `BackendDevice`, whose bus does either)."
        case .misaligned(let offset, let width):
            return "a \(width * 8)-bit access at offset 0x\(String(offset, radix: 16)) is not aligned to \(width) bytes."
        case .unsupportedWidth(let width, let reason):
            return "\(width * 8)-bit accesses are not possible here: \(reason)."
        case .noSuchInterrupt(let index, let count):
            return "interrupt \(index) does not exist: the device has \(count) interrupt(s), one per `interrupts` entry."
        case .interruptCapability(let index, let missing):
            return "interrupt \(index) is not \(missing.description) (VFIO_DEVICE_GET_IRQ_INFO flags)."
        case .resetUnsupported(let device):
            return "\(device) offers no reset (no VFIO_DEVICE_FLAGS_RESET): vfio-amba devices and vfio-platform devices without a reset module cannot be reset; reinitialise the registers instead."
        case .interruptHeldElsewhere(let device, let index):
            return "interrupt \(index) of \(device) is held by a kernel driver that does not share it (dmesg: genirq: Flags mismatch; /proc/interrupts names it): use another interrupt, or keep that driver off the line."
        case .systemCall(let operation, let errno):
            return "\(operation) failed: \(errno.description)."
        case .deviceTree(let error):
            return "device tree: \(error.description)"
        case .nodeNotFound(let selector):
            return "no enabled device-tree node matches \(selector)."
        case .ambaDevice(let device, let nodePath, let keep):
            let node = nodePath ?? "its node"
            let example = keep.isEmpty ? "" : " (an overlay for the boot loader: `vfioctl overlay \(node) --backend uio --out handover`; or on a DTB file: `fdtput -t s board.dtb \(node) compatible \(keep.joined(separator: " "))`)"
            return "\(device) is an ARM PrimeCell on the amba bus, and uio_pdrv_genirq is a platform driver: UIO cannot bind it. Use vfio-amba (\(UserspaceDriver.vfioAMBA.howToGet)), or boot with a device tree whose \(node) drops \"arm,primecell\" from its compatible\(example): Linux then makes it a platform device that uio_pdrv_genirq can take (docs/real-boards.md)."
        case .noUIOInstance(let device, let searched):
            return "\(device) is bound to uio_pdrv_genirq but \(searched) lists no uioN: the driver did not register a UIO device (see dmesg)."
        case .deviceFileMissing(let path, let numbers):
            if let numbers {
                return "\(path) does not exist: mount devtmpfs on /dev, or create it with `mknod \(path) c \(numbers.replacingColon())`."
            }
            return "\(path) does not exist: mount devtmpfs on /dev."
        case .badMap(let path, let text):
            return "\(path) \(text.map { "holds \"\($0)\", not a valid value" } ?? "is missing"): this does not look like a UIO map directory (/sys/class/uio/uioN/maps/mapM)."
        case .mapTooSmall(let path, let index, let span, let needed):
            return "map\(index) of \(path) reaches 0x\(String(span, radix: 16)) bytes past the first register, but the node's `reg` entry \(index) is 0x\(String(needed, radix: 16)) bytes: the device tree given does not match the running kernel's."
        case .missingMap(let device, let index, let maps):
            return "\(device) has no UIO map for its `reg` entry \(index): the UIO device has \(maps) map(s) (uio_pdrv_genirq exposes at most 5 memory resources)."
        case .noBackend(let device, let bus, let availability):
            return "no backend can take \(device) (\(bus.rawValue) bus): \(availability.missing(for: bus)); `vfioctl doctor` says what this kernel needs."
        }
    }
}

extension String {
    /// "247:0" -> "247 0", the form mknod takes.
    fileprivate func replacingColon() -> String {
        String(decoding: utf8.map { $0 == UInt8(ascii: ":") ? UInt8(ascii: " ") : $0 }, as: UTF8.self)
    }
}

/// Whether `path` is one of the sysfs files that bind and unbind devices.
private func isBindingFile(_ path: String) -> Bool {
    path.bytesEnd(with: "/driver_override") || path.bytesEnd(with: "/bind") || path.bytesEnd(with: "/unbind")
        || path.bytesEnd(with: "/drivers_probe")
}
