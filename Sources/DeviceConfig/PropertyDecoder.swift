import DeviceTree
import ByteText

/// The one decoder of a node's properties by binding type: generated config structs (through
/// `PropertyReader`) and `dtbind check` both read values here, so they reach the same verdict on
/// the same tree, in the same words. Every reader returns nil when the property is absent and
/// throws `PropertyValueError` when it is present with a value its type cannot have.
///
/// Edge cases, decided once. The model is Linux's `of_property_read_*` helpers; where a helper
/// would read a prefix of the value and ignore the rest, the decoder rejects the value, as the
/// kernel's schema check (`make dtbs_check`) does, because the tree and the binding disagree:
/// - An empty `string-array` is an empty list, as `of_property_count_strings` counts 0; the
///   binding's `min-count` decides whether that is allowed. An empty `string` is an error
///   (`of_property_read_string` returns -EILSEQ): "must be one string, but is empty".
/// - Bytes of a string are not checked: Linux takes everything up to the NUL, non-printable bytes
///   included (bytes that are not UTF-8 become U+FFFD in the Swift `String`). Only a value whose
///   last byte is not NUL is an error: "must be one string, but its 5 bytes do not end with a NUL".
/// - A `string` property holding two strings is an error ("must be one string, but holds 2
///   strings; ..."), although `of_property_read_string` would return the first.
/// - A `u32` of 8 bytes is an error ("must be one cell (u32), but is 8 bytes (2 cells)"), although
///   `of_property_read_u32` would return the first cell. `u64` must be exactly 8 bytes.
/// - `cells` and `phandle-array` whose length is not a multiple of 4 are errors, as
///   `of_property_count_u32_elems` returns -EINVAL; an empty value is zero cells.
/// - A `boolean` with a value is an error ("must be a boolean (no value), but has a 4-byte
///   value; ..."): `of_property_read_bool` would say true, and Linux warns about such use.
/// - A `phandle` that no node carries is an error ("refers to phandle 0x5, which no node in the
///   tree has"), as `of_parse_phandle` returns NULL. The phandles inside a `phandle-array` are not
///   followed: the binding does not say how many argument cells each one takes.
/// - `reg` is translated to CPU addresses; a length that is not a whole number of entries, or an
///   address no `ranges` translates, is an error. `interrupts` are resolved to their controllers;
///   `interrupts-extended` counts as `interrupts`.
public struct PropertyDecoder: Sendable {
    /// The node whose properties are decoded.
    public let node: DeviceTreeNode

    /// A decoder of `node`'s properties.
    public init(_ node: DeviceTreeNode) {
        self.node = node
    }

    /// Whether the node has property `name`; for `interrupts`, `interrupts-extended` counts too.
    public func isPresent(_ name: String, as type: PropertyKind) -> Bool {
        if node.hasProperty(name) { return true }
        return type == .interrupts && name.sameBytes(as: "interrupts") && node.hasProperty("interrupts-extended")
    }

    /// A one-cell number: exactly 4 bytes.
    public func u32(_ name: String) throws(PropertyValueError) -> UInt32? {
        guard let property = node.property(name) else { return nil }
        do { return try property.u32() } catch { throw Self.wrongLength(.u32, property) }
    }

    /// A two-cell number, high cell first: exactly 8 bytes.
    public func u64(_ name: String) throws(PropertyValueError) -> UInt64? {
        guard let property = node.property(name) else { return nil }
        do { return try property.u64() } catch { throw Self.wrongLength(.u64, property) }
    }

    /// A list of cells: a multiple of 4 bytes (empty: no cells).
    public func cells(_ name: String) throws(PropertyValueError) -> [UInt32]? {
        try cells(name, as: .cells)
    }

    /// The cells of a phandle-array (phandles followed by their arguments): a multiple of 4 bytes.
    public func phandleArray(_ name: String) throws(PropertyValueError) -> [UInt32]? {
        try cells(name, as: .phandleArray)
    }

    private func cells(_ name: String, as type: PropertyKind) throws(PropertyValueError) -> [UInt32]? {
        guard let property = node.property(name) else { return nil }
        do { return try property.cells() } catch { throw Self.wrongLength(type, property) }
    }

    /// Exactly one NUL-terminated string.
    public func string(_ name: String) throws(PropertyValueError) -> String? {
        guard let list = try strings(name, as: .string) else { return nil }
        guard !list.isEmpty else { throw .wrongLength(expected: .string, length: 0, text: nil) }
        guard list.count == 1 else { throw .severalStrings(count: list.count) }
        return list[0]
    }

    /// NUL-terminated strings (empty value: no strings).
    public func stringArray(_ name: String) throws(PropertyValueError) -> [String]? {
        try strings(name, as: .stringArray)
    }

    private func strings(_ name: String, as type: PropertyKind) throws(PropertyValueError) -> [String]? {
        guard let property = node.property(name) else { return nil }
        do { return try property.stringList() } catch { throw .notNULTerminated(expected: type, length: property.length) }
    }

    /// True when present, false when absent; a value makes it an error.
    public func boolean(_ name: String) throws(PropertyValueError) -> Bool {
        guard let property = node.property(name) else { return false }
        guard property.isEmpty else { throw .valuedBoolean(length: property.length) }
        return true
    }

    /// The node a one-cell phandle refers to.
    public func phandle(_ name: String) throws(PropertyValueError) -> DeviceTreeNode? {
        guard let property = node.property(name) else { return nil }
        let value: UInt32
        do { value = try property.u32() } catch { throw Self.wrongLength(.phandle, property) }
        guard let target = node.tree.node(phandle: value) else { throw .danglingPhandle(value) }
        return target
    }

    /// The node's `reg` translated to CPU physical addresses; nil when property `name` (the
    /// binding's name for it, normally `reg`) is absent.
    public func reg(_ name: String = "reg") throws(PropertyValueError) -> [MemoryRange]? {
        guard node.hasProperty(name) else { return nil }
        do { return try node.registers() } catch { throw undecodable(.reg, name, error) }
    }

    /// `interrupts` (or `interrupts-extended`) resolved to their controllers.
    public func interrupts(_ name: String = "interrupts") throws(PropertyValueError) -> [ResolvedInterrupt]? {
        guard isPresent(name, as: .interrupts) else { return nil }
        do { return try node.interrupts() } catch { throw undecodable(.interrupts, name, error) }
    }

    /// The device tree's reason, without the node and property the caller names anyway.
    private func undecodable(_ type: PropertyKind, _ name: String, _ error: DeviceTreeError) -> PropertyValueError {
        let path = node.path
        switch error {
        case let .invalidPropertyLength(node, property, length, expected) where node.sameBytes(as: path) && property.sameBytes(as: name):
            return .undecodable(expected: type, reason: "it is \(length) bytes, but must be \(expected)")
        case let .invalidPropertyValue(node, property, reason) where node.sameBytes(as: path) && property.sameBytes(as: name):
            return .undecodable(expected: type, reason: reason)
        default:
            return .undecodable(expected: type, reason: error.description)
        }
    }

    /// The length error, showing the value when it is one printable string ("fast" for a u32).
    static func wrongLength(_ type: PropertyKind, _ property: DeviceTreeProperty) -> PropertyValueError {
        var text: String?
        if let list = try? property.stringList(), list.count == 1, !list[0].isEmpty,
           property.bytes.dropLast().allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            text = list[0]
        }
        return .wrongLength(expected: type, length: property.length, text: text)
    }
}
