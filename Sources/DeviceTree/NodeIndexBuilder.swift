import CFdt

/// One pass over a validated blob that numbers the nodes in tree order and records, per node,
/// its parent, children, name and property table; the arrays become `DeviceTreeStorage`'s.
struct NodeIndexBuilder {
    var offsets: [Int32] = []
    var parents: [Int32] = []
    var firstChildren: [Int32] = []
    var nextSiblings: [Int32] = []
    var phandles: [UInt32: Int32] = [:]
    var nameOffsets: [Int32] = []
    var nameLengths: [Int32] = []
    var propertyStarts: [Int32] = []
    var propertyHashes: [UInt32] = []
    var propertyNames: [Int32] = []
    var propertyValues: [Int32] = []
    var propertyLengths: [Int32] = []

    private let blob: UnsafeRawPointer
    private var lastChildren: [Int32] = []

    /// Walks the blob (which `fdt_check_full` has accepted) with `fdt_next_node`.
    init(blob: UnsafeRawPointer) {
        self.blob = blob
        // ancestors[d] is the index of the latest node seen at depth d.
        var ancestors: [Int32] = []
        var offset: Int32 = 0
        var depth: Int32 = 0
        while offset >= 0 && depth >= 0 {
            let parent: Int32 = depth == 0 ? -1 : ancestors[Int(depth) - 1]
            let index = addNode(at: offset, parent: parent)
            if ancestors.count > Int(depth) { ancestors.removeLast(ancestors.count - Int(depth)) }
            ancestors.append(index)
            offset = fdt_next_node(blob, offset, &depth)
        }
        propertyStarts.append(Int32(propertyHashes.count))
    }

    /// Records the node at `offset` and its properties; returns its index.
    private mutating func addNode(at offset: Int32, parent: Int32) -> Int32 {
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

        var nameLength: Int32 = 0
        if let name = fdt_get_name(blob, offset, &nameLength), nameLength > 0 {
            nameOffsets.append(Int32(UnsafeRawPointer(name) - blob))
            nameLengths.append(nameLength)
        } else {
            nameOffsets.append(0)
            nameLengths.append(0)
        }

        let first = propertyHashes.count
        propertyStarts.append(Int32(first))
        var property = fdt_first_property_offset(blob, offset)
        while property >= 0 {
            var length: Int32 = 0
            var name: UnsafePointer<CChar>? = nil
            if let value = fdt_getprop_by_offset(blob, property, &name, &length), let name, length >= 0 {
                propertyHashes.append(propertyNameHash(UnsafeRawPointer(name)))
                propertyNames.append(Int32(UnsafeRawPointer(name) - blob))
                propertyValues.append(Int32(value - blob))
                propertyLengths.append(length)
            }
            property = fdt_next_property_offset(blob, property)
        }

        // fdt_get_phandle's rule: a one-cell "phandle", else a one-cell "linux,phandle".
        if let phandle = cell(named: "phandle", from: first) ?? cell(named: "linux,phandle", from: first),
           phandle != 0, phandle != 0xFFFF_FFFF, phandles[phandle] == nil {
            phandles[phandle] = index
        }
        return index
    }

    /// The value of a one-cell property among the current node's entries (from `first` on).
    private func cell(named wanted: StaticString, from first: Int) -> UInt32? {
        let hash = propertyNameHash(name: wanted)
        for entry in first..<propertyHashes.count
        where propertyHashes[entry] == hash && cStringEquals(blob + Int(propertyNames[entry]), wanted) {
            guard propertyLengths[entry] == 4 else { return nil }
            return UInt32(bigEndian: (blob + Int(propertyValues[entry])).loadUnaligned(as: UInt32.self))
        }
        return nil
    }
}
