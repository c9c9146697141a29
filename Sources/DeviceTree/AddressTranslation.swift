import ByteText
/// A contiguous range of addresses: one `reg` entry.
public struct MemoryRange: Sendable, Hashable, CustomStringConvertible {
    /// First address of the range.
    public var address: UInt64
    /// Length in bytes (0 when the bus has `#size-cells = <0>`).
    public var size: UInt64

    /// Creates a range from its start and length.
    public init(address: UInt64, size: UInt64) {
        self.address = address
        self.size = size
    }

    /// "0x9000000 size 0x1000".
    public var description: String { "\(hex(address)) size \(hex(size))" }
}

/// `reg` decoding and translation to CPU physical addresses.
///
/// Semantics follow Linux 6.12 `of_translate_address` for the default bus: an address moves up
/// one level at a time through each ancestor's `ranges` until the root; an empty `ranges` is a
/// 1:1 mapping; an absent `ranges` is a boundary that cannot be crossed (an error, not
/// identity: the addresses below it are not CPU addresses, e.g. I2C or SPI). Matching compares
/// only the address against each `ranges` entry, not the end of the region; numbers wider than
/// two cells keep their low 64 bits. PCI and 3-cell "flags" buses get no special treatment.
/// Missing `#address-cells`/`#size-cells` default to 2/1 as the specification says.
extension DeviceTreeNode {
    /// The `reg` entries as the parent bus sees them, not translated: decoded with the parent's
    /// `#address-cells` and `#size-cells`. Empty when the node has no `reg`; an error when its
    /// length is not a whole number of entries.
    public func busRegisters() throws(DeviceTreeError) -> [MemoryRange] {
        guard let layout = try regLayout() else { return [] }
        var result: [MemoryRange] = []
        for entry in 0..<layout.entryCount {
            let start = entry * (layout.addressCells + layout.sizeCells)
            result.append(MemoryRange(
                address: layout.raw.number(at: start, cells: layout.addressCells),
                size: layout.raw.number(at: start + layout.addressCells, cells: layout.sizeCells)))
        }
        return result
    }

    /// The `reg` entries translated to CPU physical addresses through every ancestor's `ranges`.
    /// Empty when the node has no `reg`. Errors: `reg` (or a `ranges` on the way) of the wrong
    /// length, or an address that cannot be translated (`.untranslatableAddress`, which names
    /// the bus where translation stopped and why).
    public func registers() throws(DeviceTreeError) -> [MemoryRange] {
        var result: [MemoryRange] = []
        for entry in try busRegisters() {
            let address = try translate(busAddress: entry.address, strict: true)
            result.append(MemoryRange(address: address, size: entry.size))
        }
        return result
    }

    /// The translated `reg` entry named `name` in `reg-names`, nil when there is no such name.
    public func register(named name: String) throws(DeviceTreeError) -> MemoryRange? {
        guard let position = regNames.firstIndexBytes(of: name) else { return nil }
        let all = try registers()
        return position < all.count ? all[position] : nil
    }

    /// The node's `reg` with the parent bus's cell counts, nil when there is no `reg`.
    func regLayout() throws(DeviceTreeError) -> (raw: RawProperty, addressCells: Int, sizeCells: Int, entryCount: Int)? {
        guard let raw = rawProperty(.reg) else { return nil }
        guard let bus = parent else {
            throw DeviceTreeError.unsupportedNode(node: path, reason: "the root node has a 'reg' property but no parent bus to interpret it")
        }
        let addressCells = try bus.addressCells()
        let sizeCells = try bus.sizeCells()
        let entryBytes = (addressCells + sizeCells) * 4
        if entryBytes == 0 {
            if raw.length == 0 { return (raw, addressCells, sizeCells, 0) }
            throw lengthError("reg", raw, "empty, since \(bus.path) has #address-cells and #size-cells both 0")
        }
        guard raw.length % entryBytes == 0 else {
            throw lengthError(
                "reg", raw,
                "a multiple of \(entryBytes) bytes (#address-cells \(addressCells) + #size-cells \(sizeCells) of \(bus.path))")
        }
        return (raw, addressCells, sizeCells, raw.length / entryBytes)
    }

    /// Translates an address of this node's parent bus to a CPU physical address.
    ///
    /// With `strict`, a `ranges` whose length is not a whole number of entries is an error;
    /// without it, trailing cells are ignored as Linux does. Without `detailed`, a failure to
    /// translate throws `quietTranslationFailure` instead of an error naming the nodes, for
    /// callers that only need to know whether the address translates (building the message
    /// would cost more than the translation).
    func translate(busAddress: UInt64, strict: Bool, detailed: Bool = true) throws(DeviceTreeError) -> UInt64 {
        try storage.translate(node: index, busAddress: busAddress, strict: strict, detailed: detailed)
    }
}

/// Translation on node indices rather than node values: no reference counting on the way up,
/// which is most of what walking a deep tree would otherwise cost.
extension DeviceTreeStorage {
    /// `DeviceTreeNode.translate(busAddress:strict:detailed:)` for node `child`.
    func translate(node child: Int32, busAddress: UInt64, strict: Bool, detailed: Bool) throws(DeviceTreeError) -> UInt64 {
        func node(_ index: Int32) -> DeviceTreeNode { DeviceTreeNode(storage: self, index: index) }
        var path: String { node(child).path }
        var bus = parents[Int(child)]
        guard bus >= 0 else {
            throw detailed ? DeviceTreeError.untranslatableAddress(
                node: path, address: busAddress, bus: "/", reason: "the root node has no parent bus") : quietTranslationFailure
        }
        var addressCells = try cellCount(.addressCells, of: bus)
        var sizeCells = try cellCount(.sizeCells, of: bus)
        try checkCounts(addressCells, sizeCells, of: bus, child: child, address: busAddress, detailed: detailed)
        var address = busAddress
        while case let upper = parents[Int(bus)], upper >= 0 {
            let upperAddressCells = try cellCount(.addressCells, of: upper)
            let upperSizeCells = try cellCount(.sizeCells, of: upper)
            try checkCounts(upperAddressCells, upperSizeCells, of: upper, child: child, address: busAddress, detailed: detailed)
            guard let ranges = property(of: bus, .ranges) else {
                throw detailed ? DeviceTreeError.untranslatableAddress(
                    node: path, address: busAddress, bus: node(bus).path,
                    reason: "it has no 'ranges' property, so addresses on it are not CPU addresses") : quietTranslationFailure
            }
            if ranges.length > 0 {
                let entryCells = addressCells + upperAddressCells + sizeCells
                if strict && ranges.length % (entryCells * 4) != 0 {
                    throw node(bus).lengthError(
                        "ranges", ranges,
                        "a multiple of \(entryCells * 4) bytes (child #address-cells \(addressCells) + parent #address-cells \(upperAddressCells) + #size-cells \(sizeCells))")
                }
                var mapped: UInt64? = nil
                var start = 0
                while (ranges.cellCount - start) >= entryCells {
                    let childBase = ranges.number(at: start, cells: addressCells)
                    let length = ranges.number(at: start + addressCells + upperAddressCells, cells: sizeCells)
                    if address >= childBase && address - childBase < length {
                        let parentBase = ranges.number(at: start + addressCells, cells: upperAddressCells)
                        mapped = parentBase &+ (address - childBase)
                        break
                    }
                    start += entryCells
                }
                guard let mapped else {
                    if !detailed { throw quietTranslationFailure }
                    let seen = address == busAddress ? "" : " (there it is \(hex(address)))"
                    throw DeviceTreeError.untranslatableAddress(
                        node: path, address: busAddress, bus: node(bus).path,
                        reason: "no entry of its 'ranges' covers it\(seen)")
                }
                address = mapped
            }
            addressCells = upperAddressCells
            sizeCells = upperSizeCells
            bus = upper
        }
        return address
    }

    /// Linux translates only through buses with 1 to 4 address cells and at least one size cell.
    private func checkCounts(
        _ addressCells: Int, _ sizeCells: Int, of bus: Int32, child: Int32, address: UInt64, detailed: Bool
    ) throws(DeviceTreeError) {
        guard (1...4).contains(addressCells), sizeCells > 0 else {
            if !detailed { throw quietTranslationFailure }
            throw DeviceTreeError.untranslatableAddress(
                node: DeviceTreeNode(storage: self, index: child).path, address: address, bus: DeviceTreeNode(storage: self, index: bus).path,
                reason: "#address-cells \(addressCells) and #size-cells \(sizeCells) do not describe a memory-mapped bus (translation needs 1 to 4 address cells and at least one size cell)")
        }
    }
}

/// What `translate(busAddress:strict:detailed:)` throws without `detailed`: no node names.
var quietTranslationFailure: DeviceTreeError { .untranslatableAddress(node: "", address: 0, bus: "", reason: "") }
