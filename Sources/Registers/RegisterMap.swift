/// A register block described as data: every register's name, offset, width, access and fields,
/// for tools that read a block they have no generated types for (`vfioctl dump`). The generator
/// writes one beside the accessors of each block, `<Block>Registers.map`, and the catalog lists
/// them by compatible (`BindingCatalog.registerMaps`).
///
/// The registers are held as one static text, one register per line (see `registers` for the
/// syntax), and decoded when asked for. A string constant is the smallest form the data can take
/// in Embedded Swift: it is one piece of read-only data that the linker drops from every program
/// that never asks for the map, where arrays of structs would either become code that builds them
/// or land in the module's one shared data section, and so in every program linking the module.
public struct RegisterMap: Sendable {
    /// The block's name, e.g. "PL011".
    public let name: StaticString
    /// The bytes a region needs for every register of the block.
    public let extent: Int
    /// The registers, one per line: `OFFSET PATH WIDTH ACCESS [FLAG...][: FIELD, FIELD...]`.
    public let encoded: StaticString

    /// A block map from its parts (generated code writes these).
    @inline(never)
    public init(name: StaticString, extent: Int, encoded: StaticString) {
        self.name = name
        self.extent = extent
        self.encoded = encoded
    }
}

/// What a register allows, as the binding's `access:` says.
public enum RegisterMapAccess: UInt8, Sendable {
    /// `ro`: read-only.
    case readOnly
    /// `wo`: write-only; a read returns nothing meaningful.
    case writeOnly
    /// `rw`: read/write.
    case readWrite
    /// `w1c`: readable; writing 1 to a bit clears it.
    case writeOneToClear
    /// `rc`: readable; reading clears it.
    case readToClear

    /// Whether the register can be read at all.
    public var isReadable: Bool { self != .writeOnly }
}

/// One register, or one array of registers, of a `RegisterMap`.
public struct RegisterMapEntry: Sendable {
    /// The register's name in the binding, e.g. "LCR_H".
    public let name: String
    /// The byte offset of its first element (every index 0), from the start of the block.
    public let offset: Int
    /// The width in bits: 8, 16, 32 or 64.
    public let width: Int
    /// What the register allows.
    public let access: RegisterMapAccess
    /// Whether reading changes the device (pops a FIFO, clears status): such registers are only
    /// read when asked.
    public let readSideEffects: Bool
    /// Whether the device holds the value big-endian.
    public let isBigEndian: Bool
    /// The bank when registers share offsets (16550 DLL/DLM while LCR.DLAB is set), else nil.
    public let bank: String?
    /// Elements of a register array (1 for a single register).
    public let count: Int
    /// Bytes between array elements.
    public let stride: Int
    /// Whether the binding declares an array (`count:`), even of one element.
    public let isArray: Bool
    /// The clusters the register sits in, outermost first (SP804's `Timer`); empty for most.
    public let clusters: [RegisterMapCluster]
    /// The fields a read returns, by bit position.
    public let fields: [RegisterMapField]

    /// A register from its parts (the decoder of `RegisterMap.encoded` makes these).
    public init(
        _ name: String, offset: Int, width: Int, access: RegisterMapAccess,
        readSideEffects: Bool = false, isBigEndian: Bool = false, bank: String? = nil,
        count: Int = 1, stride: Int = 0, isArray: Bool = false,
        clusters: [RegisterMapCluster] = [], fields: [RegisterMapField]
    ) {
        self.name = name
        self.offset = offset
        self.width = width
        self.access = access
        self.readSideEffects = readSideEffects
        self.isBigEndian = isBigEndian
        self.bank = bank
        self.count = count
        self.stride = stride
        self.isArray = isArray
        self.clusters = clusters
        self.fields = fields
    }
}

/// A cluster a register sits in: a group of registers repeated `count` times, `stride` apart.
public struct RegisterMapCluster: Sendable {
    /// The cluster's name, e.g. "Timer".
    public let name: String
    /// How many times the group repeats (1 for a single group).
    public let count: Int
    /// Bytes between repetitions.
    public let stride: Int
    /// Whether the binding declares an array (`count:`), even of one element.
    public let isArray: Bool

    /// A cluster from its parts (the decoder of `RegisterMap.encoded` makes these).
    public init(_ name: String, count: Int = 1, stride: Int = 0, isArray: Bool = false) {
        self.name = name
        self.count = count
        self.stride = stride
        self.isArray = isArray
    }
}

/// A bit field of a register, with the names of its values when the binding gives them.
public struct RegisterMapField: Sendable {
    /// The field's name in the binding, e.g. "WLEN".
    public let name: String
    /// Its lowest bit.
    public let lsb: Int
    /// Its width in bits.
    public let width: Int
    /// Its named values (the binding's `enum`); empty when it has none.
    public let values: [RegisterMapValue]

    /// A field from its parts (the decoder of `RegisterMap.encoded` makes these).
    public init(_ name: String, lsb: Int, width: Int, values: [RegisterMapValue] = []) {
        self.name = name
        self.lsb = lsb
        self.width = width
        self.values = values
    }

    /// The field's value in the register value `raw`.
    public func value(in raw: UInt64) -> UInt64 {
        let shifted = raw >> UInt64(lsb)
        return width >= 64 ? shifted : shifted & ((1 << UInt64(width)) - 1)
    }

    /// The name of `value`, when the binding names it.
    public func name(of value: UInt64) -> String? {
        for named in values where named.value == value { return named.name }
        return nil
    }
}

/// One named value of a field.
public struct RegisterMapValue: Sendable {
    /// The name in the binding, e.g. "EIGHT".
    public let name: String
    /// The value.
    public let value: UInt64

    /// A named value (the decoder of `RegisterMap.encoded` makes these).
    public init(_ name: String, _ value: UInt64) {
        self.name = name
        self.value = value
    }
}

/// The register maps of one binding, by `reg` entry: what `BindingCatalog.registerMaps` lists so
/// that a tool finds a node's registers by its compatible.
public struct BindingRegisterMaps: Sendable {
    /// The binding's name, e.g. "PL011".
    public let binding: StaticString
    /// The compatible strings that select the binding.
    public let compatibles: [StaticString]
    /// The register block of each `reg` entry, by index (region `i` of the device is entry `i`).
    public let regions: [RegisterMap]

    /// The maps of a binding (generated code writes these).
    @inline(never)
    public init(binding: StaticString, compatibles: [StaticString], regions: [RegisterMap]) {
        self.binding = binding
        self.compatibles = compatibles
        self.regions = regions
    }

    /// Whether `compatible` is one of the binding's compatibles (byte-wise comparison).
    public func describes(compatible: String) -> Bool {
        for candidate in compatibles where staticTextEquals(candidate, compatible) { return true }
        return false
    }

    /// The first of `catalog` that lists `compatible`, or nil.
    public static func find(compatible: String, in catalog: [BindingRegisterMaps]) -> BindingRegisterMaps? {
        for entry in catalog where entry.describes(compatible: compatible) { return entry }
        return nil
    }

    /// The entry for a node whose compatible list is `compatibles`, most specific first: the
    /// first string any entry of `catalog` lists decides, as the kernel's matching does.
    public static func find(compatibles: [String], in catalog: [BindingRegisterMaps]) -> BindingRegisterMaps? {
        for compatible in compatibles {
            if let entry = find(compatible: compatible, in: catalog) { return entry }
        }
        return nil
    }
}

/// `text` as a String (names in maps are always string literals).
@inline(never)
public func staticText(_ text: StaticString) -> String {
    text.withUTF8Buffer { String(decoding: $0, as: UTF8.self) }
}

/// Whether `text` holds the same bytes as `string`.
func staticTextEquals(_ text: StaticString, _ string: String) -> Bool {
    text.withUTF8Buffer { $0.elementsEqual(string.utf8) }
}
