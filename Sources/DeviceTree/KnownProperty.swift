/// The properties the library reads on its own paths (address translation, interrupt
/// resolution, Linux names, status). Each node's are located once, at load time, so reading one
/// is an array index instead of a lookup by name.
enum KnownProperty: Int, CaseIterable {
    case reg, ranges, addressCells, sizeCells
    case interrupts, interruptsExtended, interruptParent, interruptCells
    case interruptMap, interruptMapMask, interruptController
    case status, compatible, mask
    case phandle, linuxPhandle

    /// The property's name in the tree.
    var name: StaticString {
        switch self {
        case .reg: return "reg"
        case .ranges: return "ranges"
        case .addressCells: return "#address-cells"
        case .sizeCells: return "#size-cells"
        case .interrupts: return "interrupts"
        case .interruptsExtended: return "interrupts-extended"
        case .interruptParent: return "interrupt-parent"
        case .interruptCells: return "#interrupt-cells"
        case .interruptMap: return "interrupt-map"
        case .interruptMapMask: return "interrupt-map-mask"
        case .interruptController: return "interrupt-controller"
        case .status: return "status"
        case .compatible: return "compatible"
        case .mask: return "mask"
        case .phandle: return "phandle"
        case .linuxPhandle: return "linux,phandle"
        }
    }

    /// The name as a `String`, for error messages.
    var nameString: String {
        let text = name
        return String(decoding: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount), as: UTF8.self)
    }
}

extension NodeIndexBuilder {
    /// Fills `knownProperties`: for node n and known property k, slot n * count + k holds the
    /// table entry of the node's first property with that name, or -1.
    mutating func locateKnownProperties() {
        let known = KnownProperty.allCases
        // The known names' hashes in a 64-slot open-addressing table (position + 1, 0 = empty),
        // so most properties are dismissed with one probe.
        var hashes: [UInt32] = []
        var table = [UInt8](repeating: 0, count: 64)
        for (position, property) in known.enumerated() {
            let hash = propertyNameHash(name: property.name)
            hashes.append(hash)
            var slot = Int(hash & 63)
            while table[slot] != 0 { slot = (slot + 1) & 63 }
            table[slot] = UInt8(position + 1)
        }
        knownProperties = Array(repeating: -1, count: offsets.count * known.count)
        for node in 0..<offsets.count {
            // propertyStarts is complete (one more entry than nodes) by the time this runs.
            for entry in Int(propertyStarts[node])..<Int(propertyStarts[node + 1]) {
                let hash = propertyHashes[entry]
                var slot = Int(hash & 63)
                while table[slot] != 0 {
                    let position = Int(table[slot]) - 1
                    let index = node * known.count + position
                    if hashes[position] == hash && knownProperties[index] < 0
                        && cStringEquals(blob + Int(propertyNames[entry]), known[position].name) {
                        knownProperties[index] = Int32(entry)
                    }
                    slot = (slot + 1) & 63
                }
            }
        }
    }
}

extension DeviceTreeStorage {
    /// The value of known property `known` of node `node`.
    @inline(__always)
    func property(of node: Int32, _ known: KnownProperty) -> RawProperty? {
        let entry = Int(knownProperties[Int(node) * KnownProperty.allCases.count + known.rawValue])
        guard entry >= 0 else { return nil }
        return RawProperty(buffer: UnsafeRawBufferPointer(start: base + Int(propertyValues[entry]), count: Int(propertyLengths[entry])))
    }
}

extension DeviceTreeNode {
    /// The value of known property `known`, as a view into the blob.
    @inline(__always)
    func rawProperty(_ known: KnownProperty) -> RawProperty? {
        storage.property(of: index, known)
    }

    /// True when the node has known property `known`.
    @inline(__always)
    func hasProperty(_ known: KnownProperty) -> Bool {
        rawProperty(known) != nil
    }

    /// Known property `known` as one 32-bit cell; an error unless it is exactly 4 bytes.
    func u32(_ known: KnownProperty) throws(DeviceTreeError) -> UInt32? {
        guard let raw = rawProperty(known) else { return nil }
        return try oneCell(raw, named: known.nameString)
    }
}
