import CFdt

/// One pass over a validated blob that numbers the nodes in tree order and records, per node,
/// its parent, children, name and property table; the arrays become `DeviceTreeStorage`'s.
///
/// The pass reads the structure block directly (`readStructureBlock`): after `fdt_check_full`
/// has accepted the blob, libfdt's iterators would re-check every tag they touch, which cost
/// most of the load. Blobs the direct reader does not handle (format versions before 17, a
/// structure block that does not start with the root node, anything out of bounds) are indexed
/// through libfdt's iterators instead (`walkWithLibfdt`); both give the same index, which the
/// tests and the fuzzer check (`DeviceTree.indexMatchesLibfdtWalk`).
struct NodeIndexBuilder {
    var offsets: [Int32] = []
    var parents: [Int32] = []
    var firstChildren: [Int32] = []
    var nextSiblings: [Int32] = []
    var phandles = PhandleTable()
    var nameOffsets: [Int32] = []
    var nameLengths: [Int32] = []
    var propertyStarts: [Int32] = []
    var propertyHashes: [UInt32] = []
    var propertyNames: [Int32] = []
    var propertyValues: [Int32] = []
    var propertyLengths: [Int32] = []
    /// Per node, the table entries of the `KnownProperty` cases (see `locateKnownProperties`).
    var knownProperties: [Int32] = []

    let blob: UnsafeRawPointer
    /// Whether the structure block was read directly (false: through libfdt's iterators).
    private(set) var readDirectly = false
    private var lastChildren: [Int32] = []

    /// Indexes the blob (which `fdt_check_full` has accepted).
    init(blob: UnsafeRawPointer) {
        self.init(blob: blob, direct: true)
    }

    /// Indexes the blob with libfdt's iterators only: the reference the direct reader is
    /// compared with.
    init(libfdtWalkOf blob: UnsafeRawPointer) {
        self.init(blob: blob, direct: false)
    }

    private init(blob: UnsafeRawPointer, direct: Bool) {
        var builder = NodeIndexBuilder(emptyFor: blob)
        builder.readDirectly = direct && builder.readStructureBlock()
        if !builder.readDirectly {
            builder = NodeIndexBuilder(emptyFor: blob)
            builder.walkWithLibfdt()
        }
        builder.propertyStarts.append(Int32(builder.propertyHashes.count))
        builder.locateKnownProperties()
        builder.registerPhandles()
        self = builder
    }

    private init(emptyFor blob: UnsafeRawPointer) {
        self.blob = blob
    }

    /// True when both builders produced the same index.
    func sameIndex(as other: NodeIndexBuilder) -> Bool {
        offsets == other.offsets && parents == other.parents && firstChildren == other.firstChildren
            && nextSiblings == other.nextSiblings && phandles == other.phandles
            && nameOffsets == other.nameOffsets && nameLengths == other.nameLengths
            && propertyStarts == other.propertyStarts && propertyHashes == other.propertyHashes
            && propertyNames == other.propertyNames && propertyValues == other.propertyValues
            && propertyLengths == other.propertyLengths && knownProperties == other.knownProperties
    }

    /// Starts node `index` at structure offset `offset` under `parent`, with its name at byte
    /// offset `nameOffset` (0 and 0 for no name); its properties follow with `addProperty`.
    mutating func beginNode(at offset: Int32, parent: Int32, nameOffset: Int32, nameLength: Int32) -> Int32 {
        let index = Int32(offsets.count)
        offsets.append(offset)
        parents.append(parent)
        firstChildren.append(-1)
        nextSiblings.append(-1)
        lastChildren.append(-1)
        if parent >= 0 {
            let last = lastChildren[Int(parent)]
            if last < 0 { firstChildren[Int(parent)] = index } else { nextSiblings[Int(last)] = index }
            lastChildren[Int(parent)] = index
        }
        nameOffsets.append(nameLength > 0 ? nameOffset : 0)
        nameLengths.append(nameLength > 0 ? nameLength : 0)
        propertyStarts.append(Int32(propertyHashes.count))
        return index
    }

    /// Adds a property of the node begun last: its NUL-terminated name and its value, as byte
    /// offsets from the start of the blob.
    mutating func addProperty(nameOffset: Int32, valueOffset: Int32, length: Int32) {
        propertyHashes.append(propertyNameHash(blob + Int(nameOffset)))
        propertyNames.append(nameOffset)
        propertyValues.append(valueOffset)
        propertyLengths.append(length)
    }

    /// fdt_get_phandle's rule for every node in tree order: a one-cell `phandle`, else a
    /// one-cell `linux,phandle` (the first property of each name counts); 0 and 0xffffffff are
    /// not phandles; the first node wins.
    private mutating func registerPhandles() {
        let count = KnownProperty.allCases.count
        var pairs: [(phandle: UInt32, node: Int32)] = []
        for node in 0..<offsets.count {
            let slots = node * count
            if let phandle = cell(at: knownProperties[slots + KnownProperty.phandle.rawValue])
                ?? cell(at: knownProperties[slots + KnownProperty.linuxPhandle.rawValue]),
               phandle != 0, phandle != 0xFFFF_FFFF {
                pairs.append((phandle, Int32(node)))
            }
        }
        phandles = PhandleTable(pairs)
    }

    /// The value of property table entry `entry` when it is one cell long; nil when `entry` is
    /// -1 (no such property) or the value is not one cell.
    private func cell(at entry: Int32) -> UInt32? {
        guard entry >= 0, propertyLengths[Int(entry)] == 4 else { return nil }
        return UInt32(bigEndian: (blob + Int(propertyValues[Int(entry)])).loadUnaligned(as: UInt32.self))
    }
}
