/// A register bus over memory mapped from a device file (a VFIO or UIO region): the same single
/// volatile loads and stores as `MemoryRegisterBus`, plus a strong reference to the object that
/// owns the mapping. A register block bound to this bus keeps the mapping, and the descriptor
/// behind it, alive for as long as the block exists, so it can never read unmapped memory.
///
/// The owner is only held, never touched by an access: each register access still compiles to one
/// volatile instruction at a constant offset from the base.
@frozen
public struct MappedRegisterBus: RegisterBus {
    /// The accesses themselves: volatile loads and stores from the block's base.
    public let memory: MemoryRegisterBus
    /// What keeps the memory mapped (the region that mapped it).
    public let owner: AnyObject

    /// A bus whose offset 0 is `base`, inside a mapping that `owner` keeps alive.
    @inlinable @inline(__always)
    public init(base: UnsafeMutableRawPointer, owner: AnyObject) {
        self.memory = MemoryRegisterBus(base: base)
        self.owner = owner
    }

    @inlinable @inline(__always)
    public func read8(at offset: Int) -> UInt8 { memory.read8(at: offset) }
    @inlinable @inline(__always)
    public func read16(at offset: Int) -> UInt16 { memory.read16(at: offset) }
    @inlinable @inline(__always)
    public func read32(at offset: Int) -> UInt32 { memory.read32(at: offset) }
    @inlinable @inline(__always)
    public func read64(at offset: Int) -> UInt64 { memory.read64(at: offset) }
    @inlinable @inline(__always)
    public func write8(_ value: UInt8, at offset: Int) { memory.write8(value, at: offset) }
    @inlinable @inline(__always)
    public func write16(_ value: UInt16, at offset: Int) { memory.write16(value, at: offset) }
    @inlinable @inline(__always)
    public func write32(_ value: UInt32, at offset: Int) { memory.write32(value, at: offset) }
    @inlinable @inline(__always)
    public func write64(_ value: UInt64, at offset: Int) { memory.write64(value, at: offset) }
}
