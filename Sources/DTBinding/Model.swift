/// Where something in a binding was written.
public struct SourceLocation: Equatable, Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var description: String { "\(file):\(line)" }
}

/// A register's or field's access kind (`access:` in a binding).
public enum AccessKind: String, CaseIterable, Sendable {
    /// Read-only.
    case ro
    /// Write-only.
    case wo
    /// Read/write.
    case rw
    /// Readable; writing 1 to a bit clears it, writing 0 leaves it.
    case w1c
    /// Readable; reading clears it.
    case rc

    /// Whether the bits can be read.
    public var isReadable: Bool { self != .wo }
    /// Whether the bits can be written (for w1c: cleared).
    public var isWritable: Bool { self == .wo || self == .rw || self == .w1c }

    /// The `Registers` phantom type of a register of this kind.
    public var swiftType: String {
        switch self {
        case .ro: return "ReadOnly"
        case .wo: return "WriteOnly"
        case .rw: return "ReadWrite"
        case .w1c: return "WriteOneToClear"
        case .rc: return "ReadToClear"
        }
    }
}

/// The type of a device-tree property (`type:` in a binding).
public enum PropertyType: String, CaseIterable, Sendable {
    case u32, u64, cells, string
    case stringArray = "string-array"
    case boolean, phandle
    case phandleArray = "phandle-array"
    case reg, interrupts

    /// Whether `count`, `min-count` and `max-count` apply (the property is a list).
    public var isList: Bool {
        switch self {
        case .cells, .stringArray, .phandleArray, .reg, .interrupts: return true
        default: return false
        }
    }

    /// One of what `count` counts (the runtime decoder's word, so both tools say the same).
    public var countUnitSingular: String { kind.countUnitSingular }

    /// What `count` counts, for documentation and messages.
    public var countUnit: String { kind.countUnit }
}

/// A constant in a binding: a number or a string (or a list of them, for list properties).
public enum PropertyValue: Equatable, Hashable, Sendable, CustomStringConvertible {
    case number(UInt64)
    case string(String)
    case list([PropertyValue])

    public var description: String {
        switch self {
        case .number(let value): return "\(value)"
        case .string(let text): return "\"\(text)\""
        case .list(let items): return "[" + items.map(\.description).joined(separator: ", ") + "]"
        }
    }
}

/// One device-tree property a binding describes.
public struct PropertySpec: Sendable {
    /// The property name, e.g. `current-speed`.
    public var name: String
    public var type: PropertyType
    public var description: String?
    public var required: Bool
    /// The value used when the property is absent.
    public var defaultValue: PropertyValue?
    /// The only values allowed (each element, for string arrays and cells).
    public var enumValues: [PropertyValue]?
    /// The one value allowed.
    public var constValue: PropertyValue?
    public var minCount: Int?
    public var maxCount: Int?
    /// For `reg`: the register block each entry is bound to, by index.
    public var blocks: [String]
    public var location: SourceLocation
}

/// A named value of a field.
public struct EnumCase: Sendable {
    public var name: String
    public var value: UInt64
    public var description: String?
    public var location: SourceLocation
}

/// The named values of a field. A closed enum names every value the field can hold and becomes a
/// Swift `enum`; an open one becomes a struct with one constant per named value.
public struct FieldEnum: Sendable {
    /// The Swift type name.
    public var typeName: String
    public var isOpen: Bool
    public var cases: [EnumCase]
}

/// A bit or bit range of a register.
public struct FieldSpec: Sendable {
    public var name: String
    /// The Swift property name (`swift-name:`, else derived from `name`).
    public var memberName: String
    public var lsb: Int
    public var width: Int
    public var access: AccessKind
    /// The field's value after reset (not shifted).
    public var reset: UInt64?
    public var description: String?
    public var enumeration: FieldEnum?
    /// A one-bit field is a `Bool` unless `type: uint` says otherwise.
    public var isBool: Bool
    public var location: SourceLocation

    public var msb: Int { lsb + width - 1 }
    /// The field's bits in the register.
    public var mask: UInt64 { (width >= 64 ? ~0 : (UInt64(1) << UInt64(width)) - 1) << UInt64(lsb) }
    /// `5` or `8-11`, as in messages.
    public var bitsText: String { width == 1 ? "bit \(lsb)" : "bits \(lsb)-\(msb)" }
}

/// The byte order of a register's value on the bus.
public enum ByteOrder: String, Sendable {
    case little, big
}

/// A register: one offset (or an array of them), its access, reset value and fields.
public struct RegisterDef: Sendable {
    public var name: String
    /// The Swift accessor name (`swift-name:`, else derived from `name`).
    public var memberName: String
    public var description: String?
    public var offset: UInt64
    /// In bits: 8, 16, 32 or 64.
    public var width: Int
    public var access: AccessKind
    /// The register's value after reset.
    public var reset: UInt64
    public var byteOrder: ByteOrder
    /// For arrays: number of elements and byte distance between them (`count` 1: not an array).
    public var count: Int
    public var stride: UInt64
    public var isArray: Bool
    /// Registers in different banks may share offsets (a mode bit selects which one is there).
    public var bank: String?
    /// The fields read and written; for an aliased register, `readFields` and `writeFields` differ.
    public var readFields: [FieldSpec]
    public var writeFields: [FieldSpec]
    public var isAliased: Bool
    /// The description of the read and the write view of an aliased register.
    public var readDescription: String?
    public var writeDescription: String?
    public var location: SourceLocation
    /// Whether reading the register changes the device (pops a FIFO, clears a status, advances a
    /// pointer): `read-side-effects: true`, or implied by `rc` access of the register or of a
    /// field it reads. Tools that read registers on their own (`vfioctl dump`) leave these alone.
    public var readSideEffects = false
    /// Whether offset, count and stride were read and lie within the block; a register whose
    /// placement is in error stays out of overlap checks and extents (and the binding is refused).
    var isPlaced = true

    /// Bytes of one element.
    public var size: UInt64 { UInt64(width / 8) }
    /// Bytes from the register's offset to the end of its last element.
    public var span: UInt64 { UInt64(count - 1) * stride + size }
}

/// A group of registers repeated as a unit (SP804's two timers).
public struct ClusterDef: Sendable {
    public var name: String
    /// The Swift accessor name (`swift-name:`, else derived from `name`).
    public var memberName: String
    public var description: String?
    public var offset: UInt64
    public var count: Int
    public var stride: UInt64
    public var isArray: Bool
    public var members: [BlockMember]
    public var location: SourceLocation
    /// Whether offset, count and stride were read and lie within the block (see `RegisterDef`).
    var isPlaced = true

    /// Bytes of one element: to the end of its last register whose placement is valid.
    public var extent: UInt64 { members.filter(\.isPlaced).map(\.end).max() ?? 0 }
    public var span: UInt64 { UInt64(count - 1) * stride + extent }
}

/// The registers behind one `reg` entry.
public struct RegisterBlockDef: Sendable {
    public var name: String
    public var description: String?
    /// The default register width in bits.
    public var width: Int
    public var members: [BlockMember]
    /// Bytes the block needs: `size:` if given, else the end of the last register.
    public var extent: UInt64
    public var location: SourceLocation
}

/// A dts example of a node the binding describes.
public struct BindingExample: Sendable {
    public var source: String
    public var location: SourceLocation
}

/// One binding file, with its includes resolved.
public struct Binding: Sendable {
    /// The path the binding was loaded from.
    public var path: String
    /// The Swift name prefix: `<name>Config`.
    public var name: String
    /// Compatible strings that select this binding.
    public var compatibles: [String]
    /// Generic compatible strings a node lists after the specific one; they never select.
    public var fallbackCompatibles: [String]
    public var description: String?
    /// Whether the device masters the bus (does DMA).
    public var busMaster: Bool
    /// Whether properties the binding does not describe are allowed.
    public var additionalProperties: Bool
    public var properties: [PropertySpec]
    public var examples: [BindingExample]
    public var blocks: [RegisterBlockDef]
    public var location: SourceLocation

    /// The file name of the generated Swift: the binding's base name with `.swift`.
    public var outputFileName: String {
        let base = path.split(separator: "/").last.map(String.init) ?? path
        let stem = base.hasSuffix(".yaml") ? String(base.dropLast(5)) : (base.hasSuffix(".yml") ? String(base.dropLast(4)) : base)
        return stem + ".swift"
    }

    public func property(_ name: String) -> PropertySpec? {
        properties.first { $0.name == name }
    }
}
