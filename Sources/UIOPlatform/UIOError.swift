import ByteText
import VFIOPlatform

/// Everything that can go wrong finding, binding and opening a device through UIO
/// (uio_pdrv_genirq). Each case names the fix in `description`: the kernel option, the sysfs
/// path, the device-tree change.
///
/// Once a device is open, register and interrupt operations go through `PlatformDevice`, whose
/// errors are `VFIOError` on every backend (region bounds, interrupt indexes, system calls).
public enum UIOError: Error, Equatable, CustomStringConvertible {
    /// No device of that name on the platform or amba bus.
    case deviceNotFound(name: String, searched: [String])
    /// The sysfs device belongs to another device-tree node than the one expected.
    case ofNodeMismatch(device: String, expected: String, found: String)
    /// The device sits on the amba bus (an ARM PrimeCell): uio_pdrv_genirq is a platform driver
    /// and cannot bind it. `keep` is its compatible list without "arm,primecell" (empty when
    /// unknown): what the device tree should say instead.
    case ambaDevice(device: String, nodePath: String?, keep: [String])
    /// The kernel has no uio_pdrv_genirq driver (`path` is the driver directory looked for).
    case genericIRQDriverMissing(path: String)
    /// Another driver holds the device and did not release it when asked.
    case boundToOtherDriver(device: String, driver: String, unbindPath: String)
    /// The device is not bound to uio_pdrv_genirq and the caller did not ask for it to be bound.
    case notBoundToUIO(device: String, driver: String?)
    /// After binding, the device ended up without uio_pdrv_genirq.
    case bindFailed(device: String, actual: String?)
    /// The device is bound to uio_pdrv_genirq but has no uioN directory under `searched`.
    case noUIOInstance(device: String, searched: String)
    /// The device file of a UIO instance is missing; `numbers` is its "major:minor" from sysfs.
    case deviceFileMissing(path: String, numbers: String?)
    /// The caller lacks the right to open or write `path`.
    case permissionDenied(path: String)
    /// A map attribute in sysfs is missing or not a number.
    case badMap(path: String, text: String?)
    /// A map holds fewer bytes after its offset than the node's `reg` entry says the device has.
    case mapTooSmall(path: String, index: Int, span: Int, needed: Int)
    /// The node has more `reg` entries than the UIO instance has maps.
    case missingMap(device: String, index: Int, maps: Int)
    /// The device's binding says it is a DMA master, or no binding says it is not: UIO gives no
    /// DMA isolation, so it could write anywhere in memory.
    case dmaMasterRefused(device: String, busMastering: BusMastering)
    /// A node opened as a binding's config type does not list any of its compatibles.
    case notDescribedByBinding(node: String, binding: String, compatibles: [String])
    /// The device tree could not answer (no translatable `reg`, bad interrupts, ...).
    case deviceTree(String)
    /// A system call failed; `operation` says which and on what.
    case systemCall(operation: Message, errno: Int32)

    /// The UIO error for a failure of the sysfs layer shared with VFIO (finding and binding).
    public init(_ error: VFIOError) {
        switch error {
        case .deviceNotFound(let name, let searched): self = .deviceNotFound(name: name, searched: searched)
        case .ofNodeMismatch(let device, let expected, let found): self = .ofNodeMismatch(device: device, expected: expected, found: found)
        case .boundToOtherDriver(let device, let driver, let unbindPath): self = .boundToOtherDriver(device: device, driver: driver, unbindPath: unbindPath)
        case .bindFailed(let device, _, let actual): self = .bindFailed(device: device, actual: actual)
        case .driverMissing(let driver, let bus): self = .genericIRQDriverMissing(path: "/sys/bus/" + bus + "/drivers/" + driver)
        case .permissionDenied(let path, _): self = .permissionDenied(path: path)
        case .systemCall(let operation, let errno): self = .systemCall(operation: operation, errno: errno)
        case .deviceTree(let message): self = .deviceTree(message)
        case .notDescribedByBinding(let node, let binding, let compatibles):
            self = .notDescribedByBinding(node: node, binding: binding, compatibles: compatibles)
        default: self = .deviceTree(error.description)
        }
    }

    /// A readable sentence naming what is wrong and how to fix it.
    public var description: String { sentence.text }

    /// The description, built one piece at a time (`Message`), which keeps the code of many
    /// sentences small in Embedded Swift.
    private var sentence: Message {
        switch self {
        case .deviceNotFound(let name, let searched):
            return "no device \(name) in \(searched.joined(separator: " or ")): is the node enabled (status = \"okay\") in the running device tree?"
        case .ofNodeMismatch(let device, let expected, let found):
            return "\(device) belongs to device-tree node \(found), not \(expected): the DTB given does not match the running kernel's (compare with /sys/firmware/devicetree/base)."
        case .ambaDevice(let device, let nodePath, let keep):
            let node = nodePath ?? "its node"
            let example = keep.isEmpty ? "" : " (`fdtput -t s board.dtb \(node) compatible \(keep.joined(separator: " "))`)"
            return "\(device) is an ARM PrimeCell on the amba bus, and uio_pdrv_genirq is a platform driver: UIO cannot bind it. Use vfio-amba (CONFIG_VFIO_AMBA=y), or boot with a device tree whose \(node) drops \"arm,primecell\" from its compatible\(example): Linux then makes it a platform device that uio_pdrv_genirq can take (docs/uio.md)."
        case .genericIRQDriverMissing(let path):
            return "the kernel has no uio_pdrv_genirq driver (\(path) is missing): build it with CONFIG_UIO=y and CONFIG_UIO_PDRV_GENIRQ=y (or `modprobe uio_pdrv_genirq`)."
        case .boundToOtherDriver(let device, let driver, let unbindPath):
            return "\(device) is bound to \(driver), which did not release it: stop whatever uses the device, then `echo \(device) > \(unbindPath)`."
        case .notBoundToUIO(let device, let driver):
            return "\(device) is bound to \(driver ?? "no driver"), not uio_pdrv_genirq: bind it first (`vfioctl bind \(device) --backend uio`), or let opening bind it (bindIfNeeded; `vfioctl release \(device)` gives the previous driver back)."
        case .bindFailed(let device, let actual):
            return "binding \(device) to uio_pdrv_genirq failed; it is now bound to \(actual ?? "no driver"). See dmesg for the kernel's reason (a node without `reg`, or an interrupt the kernel could not map)."
        case .noUIOInstance(let device, let searched):
            return "\(device) is bound to uio_pdrv_genirq but \(searched) lists no uioN: the driver did not register a UIO device (see dmesg)."
        case .deviceFileMissing(let path, let numbers):
            if let numbers {
                return "\(path) does not exist: mount devtmpfs on /dev, or create it with `mknod \(path) c \(numbers.replacingColon())`."
            }
            return "\(path) does not exist: mount devtmpfs on /dev."
        case .permissionDenied(let path):
            return "permission denied on \(path): run as root, or give your user the device file (`chown USER \(path)`); binding through sysfs always needs root."
        case .badMap(let path, let text):
            return "\(path) \(text.map { "holds \"\($0)\", not a valid value" } ?? "is missing"): this does not look like a UIO map directory (/sys/class/uio/uioN/maps/mapM)."
        case .mapTooSmall(let path, let index, let span, let needed):
            return "map\(index) of \(path) reaches 0x\(String(span, radix: 16)) bytes past the first register, but the node's `reg` entry \(index) is 0x\(String(needed, radix: 16)) bytes: the device tree given does not match the running kernel's."
        case .missingMap(let device, let index, let maps):
            return "\(device) has no UIO map for its `reg` entry \(index): the UIO device has \(maps) map(s) (uio_pdrv_genirq exposes at most 5 memory resources)."
        case .dmaMasterRefused(let device, let busMastering):
            switch busMastering {
            case .master(let binding):
                return "\(device) is a DMA bus master according to its binding \(binding) (bus-master: true): UIO gives no DMA isolation, so it could overwrite any memory. Refused; pass allowDMAMasterWithoutIOMMU (--allow-dma-master) if you accept that risk."
            case .unknown, .notMaster:
                return "no binding describes \(device), so nothing says it is not a DMA bus master: UIO gives no DMA isolation, so a bus master could overwrite any memory. Refused; open it through a binding that says bus-master: false, or pass allowDMAMasterWithoutIOMMU (--allow-dma-master) if you know the device does no DMA or accept the risk."
            }
        case .notDescribedByBinding(let node, let binding, let compatibles):
            return "\(node) is not compatible with \(compatibles.joined(separator: " or ")), so the \(binding) binding does not describe it: open it with the binding that does."
        case .deviceTree(let message):
            return "device tree: \(message)"
        case .systemCall(let operation, let errno):
            return "\(operation) failed: \(errnoName(errno))."
        }
    }
}

extension String {
    /// "247:0" -> "247 0", the form mknod takes.
    fileprivate func replacingColon() -> String {
        String(decoding: utf8.map { $0 == UInt8(ascii: ":") ? UInt8(ascii: " ") : $0 }, as: UTF8.self)
    }
}
