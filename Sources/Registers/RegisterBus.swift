/// Something memory-mapped registers are read and written through: a mapped VFIO region, a
/// pread/pwrite region, a simulated device, or plain memory in tests.
///
/// Register blocks are generic over their bus (never `any RegisterBus`), so a block bound to a
/// mapped region compiles down to single volatile loads and stores at constant offsets.
/// Offsets are byte offsets from the start of the block; a bus is bounds-checked once, when the
/// block is bound to it, not on every access.
public protocol RegisterBus {
    /// Reads 8 bits at `offset`.
    func read8(at offset: Int) -> UInt8
    /// Reads 16 bits at `offset`.
    func read16(at offset: Int) -> UInt16
    /// Reads 32 bits at `offset`.
    func read32(at offset: Int) -> UInt32
    /// Reads 64 bits at `offset`.
    func read64(at offset: Int) -> UInt64
    /// Writes 8 bits at `offset`.
    func write8(_ value: UInt8, at offset: Int)
    /// Writes 16 bits at `offset`.
    func write16(_ value: UInt16, at offset: Int)
    /// Writes 32 bits at `offset`.
    func write32(_ value: UInt32, at offset: Int)
    /// Writes 64 bits at `offset`.
    func write64(_ value: UInt64, at offset: Int)
}

/// An unsigned integer type a register can hold; dispatches to the bus access of its width.
public protocol RegisterValue: FixedWidthInteger, UnsignedInteger, Sendable {
    /// Reads one value of this width from `bus` at `offset`.
    static func load<Bus: RegisterBus>(from bus: Bus, at offset: Int) -> Self
    /// Writes one value of this width to `bus` at `offset`.
    static func store<Bus: RegisterBus>(_ value: Self, to bus: Bus, at offset: Int)
}

extension UInt8: RegisterValue {
    @inlinable @inline(__always)
    public static func load<Bus: RegisterBus>(from bus: Bus, at offset: Int) -> UInt8 { bus.read8(at: offset) }
    @inlinable @inline(__always)
    public static func store<Bus: RegisterBus>(_ value: UInt8, to bus: Bus, at offset: Int) { bus.write8(value, at: offset) }
}

extension UInt16: RegisterValue {
    @inlinable @inline(__always)
    public static func load<Bus: RegisterBus>(from bus: Bus, at offset: Int) -> UInt16 { bus.read16(at: offset) }
    @inlinable @inline(__always)
    public static func store<Bus: RegisterBus>(_ value: UInt16, to bus: Bus, at offset: Int) { bus.write16(value, at: offset) }
}

extension UInt32: RegisterValue {
    @inlinable @inline(__always)
    public static func load<Bus: RegisterBus>(from bus: Bus, at offset: Int) -> UInt32 { bus.read32(at: offset) }
    @inlinable @inline(__always)
    public static func store<Bus: RegisterBus>(_ value: UInt32, to bus: Bus, at offset: Int) { bus.write32(value, at: offset) }
}

extension UInt64: RegisterValue {
    @inlinable @inline(__always)
    public static func load<Bus: RegisterBus>(from bus: Bus, at offset: Int) -> UInt64 { bus.read64(at: offset) }
    @inlinable @inline(__always)
    public static func store<Bus: RegisterBus>(_ value: UInt64, to bus: Bus, at offset: Int) { bus.write64(value, at: offset) }
}
