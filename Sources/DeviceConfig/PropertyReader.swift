import DeviceTree

/// Typed property access for generated config structs: each reader returns nil when the property
/// is absent and throws `BindingConfigError.wrongType` when it is present with a value its type
/// cannot have. The checks (`required`, `oneOf`, `count`) throw the other cases.
public struct PropertyReader: Sendable {
    /// The node being decoded.
    public let node: DeviceTreeNode

    public init(_ node: DeviceTreeNode) {
        self.node = node
    }

    private func wrongType(_ name: String, _ expected: String, _ error: DeviceTreeError) -> BindingConfigError {
        .wrongType(node: node.path, property: name, expected: expected, reason: error.description)
    }

    /// A one-cell number.
    public func u32(_ name: String) throws(BindingConfigError) -> UInt32? {
        do { return try node.u32(name) } catch { throw wrongType(name, "u32", error) }
    }

    /// A two-cell number.
    public func u64(_ name: String) throws(BindingConfigError) -> UInt64? {
        do { return try node.u64(name) } catch { throw wrongType(name, "u64", error) }
    }

    /// A list of cells.
    public func cells(_ name: String) throws(BindingConfigError) -> [UInt32]? {
        do { return try node.cells(name) } catch { throw wrongType(name, "cells", error) }
    }

    /// One string (exactly one: a list of several is a wrong type).
    public func string(_ name: String) throws(BindingConfigError) -> String? {
        let list: [String]?
        do { list = try node.stringList(name) } catch { throw wrongType(name, "string", error) }
        guard let list else { return nil }
        guard list.count == 1 else {
            throw .wrongType(node: node.path, property: name, expected: "string", reason: "it holds \(list.count) strings")
        }
        return list[0]
    }

    /// A list of strings.
    public func stringArray(_ name: String) throws(BindingConfigError) -> [String]? {
        do { return try node.stringList(name) } catch { throw wrongType(name, "string-array", error) }
    }

    /// A boolean: true when present. A boolean property with a value is a wrong type.
    public func boolean(_ name: String) throws(BindingConfigError) -> Bool {
        guard let property = node.property(name) else { return false }
        guard property.isEmpty else {
            throw .wrongType(node: node.path, property: name, expected: "boolean", reason: "it has a \(property.length)-byte value, a boolean has none")
        }
        return true
    }

    /// The node a one-cell phandle refers to.
    public func phandle(_ name: String) throws(BindingConfigError) -> DeviceTreeNode? {
        do { return try node.phandle(name) } catch { throw wrongType(name, "phandle", error) }
    }

    /// The cells of a phandle-array (phandles followed by their arguments).
    public func phandleArray(_ name: String) throws(BindingConfigError) -> [UInt32]? {
        do { return try node.cells(name) } catch { throw wrongType(name, "phandle-array", error) }
    }

    /// `reg` translated to CPU physical addresses.
    public func reg(_ name: String = "reg") throws(BindingConfigError) -> [MemoryRange]? {
        guard node.hasProperty(name) else { return nil }
        do { return try node.registers() } catch { throw wrongType(name, "reg", error) }
    }

    /// `interrupts` (or `interrupts-extended`) resolved to their controllers.
    public func interrupts(_ name: String = "interrupts") throws(BindingConfigError) -> [ResolvedInterrupt]? {
        guard node.hasProperty(name) || node.hasProperty("interrupts-extended") else { return nil }
        do { return try node.interrupts() } catch { throw wrongType(name, "interrupts", error) }
    }

    // MARK: Checks

    /// `value`, or `missingProperty` when it is nil.
    public func required<T>(_ value: T?, _ name: String) throws(BindingConfigError) -> T {
        guard let value else { throw .missingProperty(node: node.path, property: name) }
        return value
    }

    /// Checks that a list has between `min` and `max` elements.
    public func count<T>(_ value: [T], _ name: String, min: Int, max: Int) throws(BindingConfigError) -> [T] {
        guard value.count >= min && value.count <= max else {
            let expected = min == max ? "\(min)" : max == Int.max ? "at least \(min)" : "\(min) to \(max)"
            throw .wrongCount(node: node.path, property: name, count: value.count, expected: expected)
        }
        return value
    }

    /// Checks that a number is one of `allowed`.
    public func oneOf(_ value: UInt32, _ allowed: [UInt32], _ name: String) throws(BindingConfigError) -> UInt32 {
        guard allowed.contains(value) else { throw notInEnum(name, "\(value)", allowed.map { "\($0)" }) }
        return value
    }

    /// Checks that a number is one of `allowed`.
    public func oneOf(_ value: UInt64, _ allowed: [UInt64], _ name: String) throws(BindingConfigError) -> UInt64 {
        guard allowed.contains(value) else { throw notInEnum(name, "\(value)", allowed.map { "\($0)" }) }
        return value
    }

    /// Checks that a string is one of `allowed`.
    public func oneOf(_ value: String, _ allowed: [String], _ name: String) throws(BindingConfigError) -> String {
        guard allowed.contains(value) else { throw notInEnum(name, "\"\(value)\"", allowed.map { "\"\($0)\"" }) }
        return value
    }

    /// Checks that every string of a list is one of `allowed`.
    public func eachOneOf(_ value: [String], _ allowed: [String], _ name: String) throws(BindingConfigError) -> [String] {
        for item in value { _ = try oneOf(item, allowed, name) }
        return value
    }

    /// Checks that a number equals the binding's `const`.
    public func constant(_ value: UInt32, _ expected: UInt32, _ name: String) throws(BindingConfigError) -> UInt32 {
        guard value == expected else { throw notInEnum(name, "\(value)", ["\(expected)"]) }
        return value
    }

    /// Checks that a number equals the binding's `const`.
    public func constant(_ value: UInt64, _ expected: UInt64, _ name: String) throws(BindingConfigError) -> UInt64 {
        guard value == expected else { throw notInEnum(name, "\(value)", ["\(expected)"]) }
        return value
    }

    /// Checks that a string equals the binding's `const`.
    public func constant(_ value: String, _ expected: String, _ name: String) throws(BindingConfigError) -> String {
        guard value == expected else { throw notInEnum(name, "\"\(value)\"", ["\"\(expected)\""]) }
        return value
    }

    /// Checks that a list of cells equals the binding's `const`.
    public func constant(_ value: [UInt32], _ expected: [UInt32], _ name: String) throws(BindingConfigError) -> [UInt32] {
        guard value == expected else { throw notInEnum(name, list(value.map { "\($0)" }), [list(expected.map { "\($0)" })]) }
        return value
    }

    /// Checks that a list of strings equals the binding's `const`.
    public func constant(_ value: [String], _ expected: [String], _ name: String) throws(BindingConfigError) -> [String] {
        guard value == expected else { throw notInEnum(name, list(value.map { "\"\($0)\"" }), [list(expected.map { "\"\($0)\"" })]) }
        return value
    }

    private func list(_ items: [String]) -> String {
        var text = "["
        for item in items {
            if text.count > 1 { text += ", " }
            text += item
        }
        return text + "]"
    }

    /// A string decoded into a generated enum; `notInEnum` when no case has that name.
    public func decode<E: RawRepresentable>(_ value: String, as type: E.Type, _ allowed: [String], _ name: String) throws(BindingConfigError) -> E where E.RawValue == String {
        guard let decoded = E(rawValue: value) else { throw notInEnum(name, "\"\(value)\"", allowed.map { "\"\($0)\"" }) }
        return decoded
    }

    private func notInEnum(_ name: String, _ value: String, _ allowed: [String]) -> BindingConfigError {
        .notInEnum(node: node.path, property: name, value: value, allowed: allowed)
    }
}
