import ByteText
import CLinux
import Registers
import PlatformCore

/// One UIO map, mapped: the pages of map M (mmap of /dev/uioN at offset M × page size), with the
/// device's registers starting `map.offset` bytes in. Register buses made from it hold it, so
/// the mapping outlives every register block bound to it.
public final class UIORegion {
    /// The map as sysfs describes it.
    public let map: UIOMap
    /// The bytes a driver may reach from the first register: the node's `reg` size when known,
    /// else the rest of the mapping.
    public let size: Int
    /// The first mapped page.
    public let mapping: UnsafeMutableRawPointer
    /// The device's first register (`mapping + map.offset`).
    public let base: UnsafeMutableRawPointer
    /// The UIO device file the map was made from.
    public let descriptor: OwnedDescriptor
    private let mappedLength: Int
    private let files: any DeviceFileCalls

    /// Maps `map` of the UIO device open as `descriptor` (through `files`). `size` is the
    /// register block's size from the node's `reg` (nil: up to the end of the mapping); it must
    /// fit in the mapping.
    public init(map: UIOMap, descriptor: OwnedDescriptor, size: Int? = nil, path: String = "UIO device",
                files: any DeviceFileCalls = LinuxDeviceFiles()) throws(DeviceError) {
        let pageSize = Int(clinux_page_size())
        let length = (map.size + pageSize - 1) / pageSize * pageSize
        let usable = size ?? map.registerSpan
        if usable < 0 || usable > map.registerSpan {
            throw .mapTooSmall(path: path, index: map.index, span: map.registerSpan, needed: usable)
        }
        let operation: Message = "mmap map\(map.index) of \(path) (\(length) bytes at offset \(map.index) x page size)"
        guard length > 0 else { throw .systemCall(operation: operation, errno: .invalidArgument) }
        let pointer: UnsafeMutableRawPointer
        do { pointer = try files.mapShared(descriptor.rawValue, length: length, offset: Int64(map.index) * Int64(pageSize)) } catch {
            throw .systemCall(operation: operation, errno: error)
        }
        self.map = map
        self.size = usable
        self.mapping = pointer
        self.base = pointer + map.offset
        self.descriptor = descriptor
        self.mappedLength = length
        self.files = files
    }

    deinit { files.unmap(mapping, length: mappedLength) }

    /// A bus of single volatile loads and stores over `size` bytes at `offset` from the first
    /// register, checked once here.
    public func mappedBus(offset: Int = 0, size: Int) throws(DeviceError) -> MappedRegisterBus {
        if offset < 0 || size < 0 || offset > self.size || size > self.size - offset {
            throw .blockOutsideRegion(offset: offset, size: size, region: map.index, regionSize: self.size)
        }
        return MappedRegisterBus(base: base + offset, owner: self)
    }

    /// Reads `T` at `offset` after checking bounds and alignment.
    public func read<T: RegisterValue>(_ type: T.Type = T.self, at offset: Int) throws(DeviceError) -> T {
        try check(offset: offset, width: MemoryLayout<T>.size)
        return T.load(from: MemoryRegisterBus(base: base), at: offset)
    }

    /// Writes `value` at `offset` after checking bounds and alignment.
    public func write<T: RegisterValue>(_ value: T, at offset: Int) throws(DeviceError) {
        try check(offset: offset, width: MemoryLayout<T>.size)
        T.store(value, to: MemoryRegisterBus(base: base), at: offset)
    }

    /// Checks an access of `width` bytes at `offset`.
    public func check(offset: Int, width: Int) throws(DeviceError) {
        if offset < 0 || offset + width > size { throw .outOfRange(offset: offset, width: width, regionSize: size) }
        if offset % width != 0 { throw .misaligned(offset: offset, width: width) }
    }
}
