/// A typed view of one register value: the raw bits plus named fields as computed properties.
///
/// Generated register types conform to this; their fields are built on `bits`/`setBits` and
/// `bit`/`setBit`, which compile to a shift and a mask.
public protocol RegisterView {
    /// The unsigned integer the register holds.
    associatedtype RawValue: RegisterValue
    /// The whole register value.
    var rawValue: RawValue { get set }
    /// A view of `rawValue`.
    init(rawValue: RawValue)
}

extension RegisterView {
    /// Bits `lsb ..< lsb + width` of the value, as `T`.
    @inlinable @inline(__always)
    public func bits<T: FixedWidthInteger & UnsignedInteger>(_ lsb: Int, _ width: Int, as type: T.Type = T.self) -> T {
        T(truncatingIfNeeded: (rawValue >> RawValue(lsb)) & RawValue.fieldMask(width))
    }

    /// Replaces bits `lsb ..< lsb + width` with `value`. A value wider than the field is a
    /// programming error: it traps in debug builds and is truncated to the field otherwise.
    @inlinable @inline(__always)
    public mutating func setBits<T: FixedWidthInteger & UnsignedInteger>(_ lsb: Int, _ width: Int, _ value: T) {
        let mask = RawValue.fieldMask(width)
        assert(value <= T(truncatingIfNeeded: mask), "value does not fit in the field")
        rawValue = (rawValue & ~(mask << RawValue(lsb))) | ((RawValue(truncatingIfNeeded: value) & mask) << RawValue(lsb))
    }

    /// Bit `n` of the value.
    @inlinable @inline(__always)
    public func bit(_ n: Int) -> Bool {
        rawValue & (1 << RawValue(n)) != 0
    }

    /// Sets bit `n` of the value to `value`. Branch-free (clear, then or in the Bool as 0 or 1),
    /// so a field set from a run-time Bool costs a shift and an or, as it would in C.
    @inlinable @inline(__always)
    public mutating func setBit(_ n: Int, _ value: Bool) {
        let bit: RawValue = 1 << RawValue(n)
        rawValue = (rawValue & ~bit) | (RawValue(value ? 1 : 0) << RawValue(n))
    }
}

extension RegisterValue {
    /// A mask of the low `width` bits (all bits when `width` is the full width).
    @inlinable @inline(__always)
    public static func fieldMask(_ width: Int) -> Self {
        width >= bitWidth ? ~0 : (1 << Self(width)) &- 1
    }
}

/// The static description of one register: what it allows, how it reads and writes, and its
/// reset value. Generated code provides one per register; most registers read and write the same
/// layout (`Read == Write`), aliased registers have different read and write views.
public protocol RegisterSpec {
    /// `ReadOnly`, `WriteOnly`, `ReadWrite`, `WriteOneToClear` or `ReadToClear`.
    associatedtype Access: RegisterAccess
    /// The view returned by `read()`.
    associatedtype Read: RegisterView
    /// The view given to `write`, `modify` and `clear`.
    associatedtype Write: RegisterView where Write.RawValue == Read.RawValue
    /// The value after reset; `write` starts from it.
    static var resetValue: Read.RawValue { get }
    /// The bits `modify` carries over from the value it read. Write-one-to-clear and write-only
    /// fields are left out, so a modify never clears or triggers them by accident; they read as 0
    /// inside the modify closure and act only if the closure sets them.
    static var modifyPreservedBits: Read.RawValue { get }
    /// Whether the device holds the value big-endian (the bus delivers bytes in address order
    /// as the CPU reads them); such values are swapped on little-endian CPUs.
    static var isBigEndian: Bool { get }
}

extension RegisterSpec {
    @inlinable @inline(__always)
    public static var modifyPreservedBits: Read.RawValue { ~0 }
    @inlinable @inline(__always)
    public static var isBigEndian: Bool { false }
}
