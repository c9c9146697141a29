/// Reading the named values of a field (`enum:`, `enum-name:`, `enum-kind:`).
extension BindingReader {
    /// The widest field a closed enum can name every value of.
    static let widestClosedEnumField = 15

    func readEnum(_ node: YAMLValue, fieldNode: YAMLValue, fieldName: String, width: Int, context: String) -> FieldEnum? {
        guard let pairs = node.mapping, !pairs.isEmpty else {
            sink.error(at: node, "'enum' of \(context) must map value names to values")
            return nil
        }
        var isOpen = false
        if let kindNode = fieldNode["enum-kind"] {
            switch kindNode.scalar {
            case "open": isOpen = true
            case "closed": isOpen = false
            default: sink.error(at: kindNode, "enum-kind of \(context) must be open or closed")
            }
        }
        var typeName = fieldName
        if let nameNode = fieldNode["enum-name"] {
            if let name = nameNode.scalar { typeName = name } else { sink.error(at: nameNode, "enum-name must be a name") }
        }
        let typeNameNode = fieldNode["enum-name"] ?? fieldNode
        checkTypeName(typeName, at: typeNameNode, what: "enum type")
        if ["Read", "Write", "Access", "RawValue"].contains(typeName) {
            sink.error(at: typeNameNode, "enum type name '\(typeName)' clashes with the register's own '\(typeName)': set enum-name")
        }
        var cases: [EnumCase] = []
        var values: [UInt64: String] = [:]
        var swiftNames: [String: String] = [:]
        for (key, value) in pairs {
            guard let name = key.scalar, checkName(name, at: key, what: "enum value") else { continue }
            var number: UInt64?
            var description: String?
            if value.mapping != nil {
                guard checkKeys(value, allowed: ["value", "description"], context: "enum value '\(name)'") else { continue }
                number = unsigned(value, "value", context: "enum value '\(name)'", required: true)
                description = text(value, "description")
            } else if let parsed = value.unsigned {
                number = parsed
            } else {
                sink.error(at: value, "enum value '\(name)' of \(context) must be a number, found \(value.scalar.map { "'\($0)'" } ?? value.kindName)")
            }
            guard let number else { continue }
            if width < 64 && number >> UInt64(width) != 0 {
                sink.error(at: value, "enum value '\(name)' = \(number) does not fit in the \(width)-bit \(context)")
                continue
            }
            if let other = values[number] {
                sink.error(at: key, "enum values '\(other)' and '\(name)' of \(context) are both \(number)")
            }
            let swiftName = SwiftNaming.member(name)
            if let other = swiftNames[swiftName] {
                sink.error(at: key, "enum values '\(other)' and '\(name)' both become '\(swiftName)' in Swift")
            }
            values[number] = name
            swiftNames[swiftName] = name
            cases.append(EnumCase(name: name, value: number, description: description, location: SourceLocation(file: key.file, line: key.line)))
        }
        if !isOpen && width <= Self.widestClosedEnumField && values.count != 1 << width {
            sink.error(at: node, "closed enum of \(context) names \(values.count) of its \(1 << width) values: name them all, or set enum-kind: open")
        } else if !isOpen && width > Self.widestClosedEnumField {
            sink.error(at: node, "closed enum of \(context) cannot name all values of a \(width)-bit field: set enum-kind: open")
        }
        return FieldEnum(typeName: typeName, isOpen: isOpen, cases: cases)
    }
}
