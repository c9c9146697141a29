import CMMIO

/// A register bus over directly mapped memory: a VFIO region mapped with `mmap`, or device memory
/// on a bare-metal target. Every access is a single volatile load or store of the register's width
/// (CMMIO's inline C accessors), never merged, split, elided or reordered against other volatile
/// accesses by the compiler.
///
/// The bus is a plain pointer: a block bound to it compiles each register access to one volatile
/// instruction at a constant offset from the base, the instruction hand-written C would use.
@frozen
public struct MemoryRegisterBus: RegisterBus {
    /// The address of the block's first byte.
    public let base: UnsafeMutableRawPointer

    /// A bus whose offset 0 is `base`. The memory must stay mapped while the bus is used, and be
    /// large enough for every register accessed through it.
    @inlinable @inline(__always)
    public init(base: UnsafeMutableRawPointer) {
        self.base = base
    }

    @inlinable @inline(__always)
    public func read8(at offset: Int) -> UInt8 { cmmio_read8(base + offset) }
    @inlinable @inline(__always)
    public func read16(at offset: Int) -> UInt16 { cmmio_read16(base + offset) }
    @inlinable @inline(__always)
    public func read32(at offset: Int) -> UInt32 { cmmio_read32(base + offset) }
    @inlinable @inline(__always)
    public func read64(at offset: Int) -> UInt64 { cmmio_read64(base + offset) }
    @inlinable @inline(__always)
    public func write8(_ value: UInt8, at offset: Int) { cmmio_write8(base + offset, value) }
    @inlinable @inline(__always)
    public func write16(_ value: UInt16, at offset: Int) { cmmio_write16(base + offset, value) }
    @inlinable @inline(__always)
    public func write32(_ value: UInt32, at offset: Int) { cmmio_write32(base + offset, value) }
    @inlinable @inline(__always)
    public func write64(_ value: UInt64, at offset: Int) { cmmio_write64(base + offset, value) }
}
