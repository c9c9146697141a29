/// Typed property readers. Each returns nil when the property is absent and throws
/// `DeviceTreeError` when it is present with a value its type cannot have.
extension DeviceTreeNode {
    /// Property `name` as one 32-bit cell; an error unless it is exactly 4 bytes.
    public func u32(_ name: String) throws(DeviceTreeError) -> UInt32? {
        guard let raw = rawProperty(name) else { return nil }
        return try oneCell(raw, named: name)
    }

    /// `raw`, the value of property `name`, as one cell; the length error unless it is 4 bytes.
    func oneCell(_ raw: RawProperty, named name: @autoclosure () -> String) throws(DeviceTreeError) -> UInt32 {
        guard let value = PropertyDecoding.u32(raw.buffer) else {
            throw lengthError(name(), raw, "exactly 4 bytes (one cell)")
        }
        return value
    }

    /// Property `name` as a 64-bit number (two cells); an error unless it is exactly 8 bytes.
    public func u64(_ name: String) throws(DeviceTreeError) -> UInt64? {
        guard let raw = rawProperty(name) else { return nil }
        guard let value = PropertyDecoding.u64(raw.buffer) else {
            throw lengthError(name, raw, "exactly 8 bytes (two cells)")
        }
        return value
    }

    /// Property `name` as 32-bit cells; an error unless its length is a multiple of 4.
    public func cells(_ name: String) throws(DeviceTreeError) -> [UInt32]? {
        guard let raw = rawProperty(name) else { return nil }
        guard let value = PropertyDecoding.cells(raw.buffer) else {
            throw lengthError(name, raw, "a multiple of 4 bytes (whole cells)")
        }
        return value
    }

    /// The first string of property `name`; an error when it is empty or not NUL-terminated.
    public func string(_ name: String) throws(DeviceTreeError) -> String? {
        guard let raw = rawProperty(name) else { return nil }
        guard let list = PropertyDecoding.strings(raw.buffer), let first = list.first else {
            throw DeviceTreeError.invalidPropertyValue(
                node: path, property: name, reason: "it is not a NUL-terminated string")
        }
        return first
    }

    /// Property `name` as a list of strings; an error when it does not end with a NUL.
    public func stringList(_ name: String) throws(DeviceTreeError) -> [String]? {
        guard let raw = rawProperty(name) else { return nil }
        guard let list = PropertyDecoding.strings(raw.buffer) else {
            throw DeviceTreeError.invalidPropertyValue(
                node: path, property: name, reason: "it is not a list of NUL-terminated strings")
        }
        return list
    }

    /// The node that the one-cell phandle property `name` refers to; nil when absent, an error
    /// when the length is wrong or no node has that phandle.
    public func phandle(_ name: String) throws(DeviceTreeError) -> DeviceTreeNode? {
        guard let value = try u32(name) else { return nil }
        guard let target = tree.node(phandle: value) else {
            throw DeviceTreeError.danglingPhandle(node: path, property: name, phandle: value)
        }
        return target
    }

    /// True when property `name` is present (boolean properties have no value).
    public func bool(_ name: String) -> Bool {
        rawProperty(name) != nil
    }

    /// `reg-names`, or an empty list when absent or malformed.
    public var regNames: [String] {
        (try? stringList("reg-names")) ?? []
    }

    /// `interrupt-names`, or an empty list when absent or malformed.
    public var interruptNames: [String] {
        (try? stringList("interrupt-names")) ?? []
    }

    /// `#address-cells` of this node: how many cells its children's `reg` addresses take.
    /// Absent means 2 (the Devicetree Specification's default; Linux's deprecated search of
    /// further ancestors is not done). Values above 4 are errors.
    public func addressCells() throws(DeviceTreeError) -> Int {
        try storage.cellCount(.addressCells, of: index)
    }

    /// `#size-cells` of this node: how many cells its children's `reg` sizes take. Absent means 1
    /// (the specification's default). Values above 4 are errors.
    public func sizeCells() throws(DeviceTreeError) -> Int {
        try storage.cellCount(.sizeCells, of: index)
    }

    func lengthError(_ name: String, _ raw: RawProperty, _ expected: String) -> DeviceTreeError {
        .invalidPropertyLength(node: path, property: name, length: raw.length, expected: expected)
    }
}

extension DeviceTreeStorage {
    /// `#address-cells` (absent: 2) or `#size-cells` (absent: 1) of node `node`; an error when it
    /// is not one cell or is above 4. Works on the index, for loops that walk up the tree.
    func cellCount(_ known: KnownProperty, of node: Int32) throws(DeviceTreeError) -> Int {
        guard let raw = property(of: node, known) else { return known == .addressCells ? 2 : 1 }
        // The node handle is made only for an error message (it costs a reference count).
        guard let value = PropertyDecoding.u32(raw.buffer), value <= 4 else {
            let handle = DeviceTreeNode(storage: self, index: node)
            let value = try handle.oneCell(raw, named: known.nameString)
            throw DeviceTreeError.invalidPropertyValue(
                node: handle.path, property: known.nameString, reason: "\(value) cells is more than the 4 any bus uses")
        }
        return Int(value)
    }
}
