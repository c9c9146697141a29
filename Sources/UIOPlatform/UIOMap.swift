import Registers
import PlatformCore

/// One memory map of a UIO device, as /sys/class/uio/uioN/maps/mapM describes it.
///
/// uio_pdrv_genirq makes one map per memory resource (`reg` entry), in order: `address` is the
/// resource's start rounded down to a page, `offset` the start's position in that page, and
/// `size` covers `offset` plus the resource, rounded up to whole pages. User space maps map M
/// with mmap at offset M × page size, and finds the first register `offset` bytes in.
public struct UIOMap: Sendable, Equatable {
    /// The map's number M (its position among the device's memory resources).
    public var index: Int
    /// The physical address of the mapped pages.
    public var address: UInt64
    /// The mapping's length in bytes.
    public var size: Int
    /// Where the device's registers start inside the first page.
    public var offset: Int
    /// The map's name (the resource name, e.g. the node's full name), or empty.
    public var name: String

    /// A map description.
    public init(index: Int, address: UInt64, size: Int, offset: Int, name: String = "") {
        self.index = index
        self.address = address
        self.size = size
        self.offset = offset
        self.name = name
    }

    /// The physical address of the device's first register (`address + offset`).
    public var registerAddress: UInt64 { address + UInt64(offset) }

    /// The bytes from the first register to the end of the mapping.
    public var registerSpan: Int { max(size - offset, 0) }

    /// Reads map `index` from its sysfs directory (`.../maps/mapM`).
    public static func read(directory: String, index: Int) throws(DeviceError) -> UIOMap {
        let address = try number(directory + "/addr")
        let size = try number(directory + "/size")
        // Kernels before the offset attribute (or other UIO drivers) give page-aligned maps.
        let offset = SysfsFiles.exists(directory + "/offset") ? try number(directory + "/offset") : 0
        let limit = UInt64(Int32.max)
        if size > limit { throw .badMap(path: directory + "/size", text: SysfsFiles.read(directory + "/size")) }
        if offset > size { throw .badMap(path: directory + "/offset", text: SysfsFiles.read(directory + "/offset")) }
        return UIOMap(index: index, address: address, size: Int(size), offset: Int(offset),
                      name: SysfsFiles.read(directory + "/name") ?? "")
    }

    /// Every map of the UIO instance whose class directory is `directory`
    /// (/sys/class/uio/uioN), in order map0, map1, ...
    public static func all(inInstance directory: String) throws(DeviceError) -> [UIOMap] {
        var maps: [UIOMap] = []
        while SysfsFiles.exists(directory + "/maps/map" + String(maps.count)) {
            maps.append(try read(directory: directory + "/maps/map" + String(maps.count), index: maps.count))
        }
        return maps
    }

    private static func number(_ path: String) throws(DeviceError) -> UInt64 {
        guard let text = SysfsFiles.read(path) else { throw .badMap(path: path, text: nil) }
        guard let value = parseSysfsNumber(text) else { throw .badMap(path: path, text: text) }
        return value
    }
}

/// A number as sysfs prints it: "0x0000000009000000" (%pa), "0x200", or decimal "4096".
/// Leading and trailing blanks are ignored; nil for anything else.
public func parseSysfsNumber(_ text: String) -> UInt64? {
    var bytes = text.utf8[...]
    while let last = bytes.last, last == 0x20 || last == 0x0A || last == 0x09 { bytes.removeLast() }
    while let first = bytes.first, first == 0x20 || first == 0x09 { bytes.removeFirst() }
    return bytes.unsignedNumber(uppercasePrefix: true)
}
