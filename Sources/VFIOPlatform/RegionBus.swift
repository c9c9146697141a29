import CLinux
import Registers

/// The register bus of a VFIO region: volatile loads and stores on a mapping, or pread/pwrite.
/// Checked once when made (`Region.registerBus`), so accesses are not checked again.
public enum RegionBus: RegisterBus {
    /// A mapped region.
    case mapped(MappedBus)
    /// A region reached through pread/pwrite.
    case file(FileBus)

    @inline(__always) public func read8(at offset: Int) -> UInt8 {
        switch self { case .mapped(let bus): return bus.read8(at: offset); case .file(let bus): return bus.read8(at: offset) }
    }
    @inline(__always) public func read16(at offset: Int) -> UInt16 {
        switch self { case .mapped(let bus): return bus.read16(at: offset); case .file(let bus): return bus.read16(at: offset) }
    }
    @inline(__always) public func read32(at offset: Int) -> UInt32 {
        switch self { case .mapped(let bus): return bus.read32(at: offset); case .file(let bus): return bus.read32(at: offset) }
    }
    @inline(__always) public func read64(at offset: Int) -> UInt64 {
        switch self { case .mapped(let bus): return bus.read64(at: offset); case .file(let bus): return bus.read64(at: offset) }
    }
    @inline(__always) public func write8(_ value: UInt8, at offset: Int) {
        switch self { case .mapped(let bus): bus.write8(value, at: offset); case .file(let bus): bus.write8(value, at: offset) }
    }
    @inline(__always) public func write16(_ value: UInt16, at offset: Int) {
        switch self { case .mapped(let bus): bus.write16(value, at: offset); case .file(let bus): bus.write16(value, at: offset) }
    }
    @inline(__always) public func write32(_ value: UInt32, at offset: Int) {
        switch self { case .mapped(let bus): bus.write32(value, at: offset); case .file(let bus): bus.write32(value, at: offset) }
    }
    @inline(__always) public func write64(_ value: UInt64, at offset: Int) {
        switch self { case .mapped(let bus): bus.write64(value, at: offset); case .file(let bus): bus.write64(value, at: offset) }
    }
}

/// Volatile accesses on a mapped region: the same bus as bare-metal device memory.
public typealias MappedBus = MemoryRegisterBus

extension MemoryRegisterBus {
    @inline(__always) func read<T: RegisterValue>(_ type: T.Type, at offset: Int) -> T { T.load(from: self, at: offset) }
    @inline(__always) func write<T: RegisterValue>(_ value: T, at offset: Int) { T.store(value, to: self, at: offset) }
}

/// pread/pwrite accesses on an unmapped region. The block was bounds-checked when the bus was
/// made; an I/O error on a checked access means the device is gone, and stops the program with
/// the reason rather than returning a wrong value.
public struct FileBus: RegisterBus {
    /// The device descriptor.
    public let descriptor: Int32
    /// The file offset of the block's first byte.
    public let baseOffset: Int64
    /// The region index, for messages.
    public let region: Int

    /// A bus whose offset 0 is file offset `baseOffset` of `descriptor`.
    public init(descriptor: Int32, baseOffset: Int64, region: Int) {
        self.descriptor = descriptor
        self.baseOffset = baseOffset
        self.region = region
    }

    func read<T: RegisterValue>(_ type: T.Type, at offset: Int) -> T {
        var value: T = 0
        let count = withUnsafeMutableBytes(of: &value) { clinux_pread(descriptor, $0.baseAddress, $0.count, baseOffset + Int64(offset)) }
        if count != MemoryLayout<T>.size { fail("pread", offset) }
        return T(littleEndian: value)
    }
    func write<T: RegisterValue>(_ value: T, at offset: Int) {
        var little = value.littleEndian
        let count = withUnsafeBytes(of: &little) { clinux_pwrite(descriptor, $0.baseAddress, $0.count, baseOffset + Int64(offset)) }
        if count != MemoryLayout<T>.size { fail("pwrite", offset) }
    }
    private func fail(_ operation: String, _ offset: Int) -> Never {
        fatalError("\(operation) of region \(region) at 0x\(String(offset, radix: 16)) failed: \(errnoName(currentErrno()))")
    }
    public func read8(at offset: Int) -> UInt8 { read(UInt8.self, at: offset) }
    public func read16(at offset: Int) -> UInt16 { read(UInt16.self, at: offset) }
    public func read32(at offset: Int) -> UInt32 { read(UInt32.self, at: offset) }
    /// 64-bit reads are two 32-bit reads, low word first (the kernel's pread path stops at 4 bytes).
    public func read64(at offset: Int) -> UInt64 {
        UInt64(read(UInt32.self, at: offset)) | UInt64(read(UInt32.self, at: offset + 4)) << 32
    }
    public func write8(_ value: UInt8, at offset: Int) { write(value, at: offset) }
    public func write16(_ value: UInt16, at offset: Int) { write(value, at: offset) }
    public func write32(_ value: UInt32, at offset: Int) { write(value, at: offset) }
    /// 64-bit writes are two 32-bit writes, low word first.
    public func write64(_ value: UInt64, at offset: Int) {
        write(UInt32(truncatingIfNeeded: value), at: offset)
        write(UInt32(truncatingIfNeeded: value >> 32), at: offset + 4)
    }
}
