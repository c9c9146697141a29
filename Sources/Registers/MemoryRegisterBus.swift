import _Volatile

/// A register bus over directly mapped memory: a VFIO region mapped with `mmap`, or device memory
/// on a bare-metal target. Every access is a single volatile load or store of the register's width
/// (`_Volatile.VolatileMappedRegister`), never merged, split, elided or reordered against other
/// volatile accesses by the compiler.
///
/// The bus is a plain pointer: a block bound to it compiles each register access to one volatile
/// instruction at a constant offset from the base.
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
    func register<T>(_ type: T.Type, _ offset: Int) -> VolatileMappedRegister<T> {
        VolatileMappedRegister<T>(unsafeBitPattern: UInt(bitPattern: base + offset))
    }

    @inlinable @inline(__always)
    public func read8(at offset: Int) -> UInt8 { register(UInt8.self, offset).load() }
    @inlinable @inline(__always)
    public func read16(at offset: Int) -> UInt16 { register(UInt16.self, offset).load() }
    @inlinable @inline(__always)
    public func read32(at offset: Int) -> UInt32 { register(UInt32.self, offset).load() }
    @inlinable @inline(__always)
    public func read64(at offset: Int) -> UInt64 { register(UInt64.self, offset).load() }
    @inlinable @inline(__always)
    public func write8(_ value: UInt8, at offset: Int) { register(UInt8.self, offset).store(value) }
    @inlinable @inline(__always)
    public func write16(_ value: UInt16, at offset: Int) { register(UInt16.self, offset).store(value) }
    @inlinable @inline(__always)
    public func write32(_ value: UInt32, at offset: Int) { register(UInt32.self, offset).store(value) }
    @inlinable @inline(__always)
    public func write64(_ value: UInt64, at offset: Int) { register(UInt64.self, offset).store(value) }
}
