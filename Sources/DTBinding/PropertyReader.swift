/// Reading the device-tree properties a binding describes (`properties:`).
extension BindingReader {
    static let propertyKeys = ["type", "description", "required", "default", "enum", "const", "count", "min-count", "max-count", "block", "blocks"]
    /// Types whose values are nodes or addresses, so no default or const applies.
    static let propertyTypesWithoutConstants: [PropertyType] = [.boolean, .phandle, .phandleArray, .reg, .interrupts]

    func readProperties(_ node: YAMLValue?) -> [PropertySpec] {
        guard let node else { return [] }
        guard let pairs = node.mapping else {
            sink.error(at: node, "'properties' must map property names to descriptions, found \(node.kindName)")
            return []
        }
        var result: [PropertySpec] = []
        for (key, value) in pairs {
            guard let name = key.scalar, !name.isEmpty else {
                sink.error(at: key, "a property name must be a string")
                continue
            }
            if !name.allSatisfy({ $0.isLetter || $0.isNumber || ",.-_+#?@".contains($0) }) {
                sink.error(at: key, "'\(name)' is not a device-tree property name")
                continue
            }
            if let property = readProperty(name: name, key: key, value) { result.append(property) }
        }
        return result
    }

    private func readProperty(name: String, key: YAMLValue, _ node: YAMLValue) -> PropertySpec? {
        let context = "property '\(name)'"
        guard checkKeys(node, allowed: Self.propertyKeys, context: context) else { return nil }
        let typeNames = PropertyType.allCases.map(\.rawValue).joined(separator: ", ")
        guard let typeNode = node["type"] else {
            sink.error(at: node, "\(context) has no 'type' (one of \(typeNames))")
            return nil
        }
        guard let typeName = typeNode.scalar, let type = PropertyType(rawValue: typeName) else {
            sink.error(at: typeNode, "unknown property type '\(typeNode.scalar ?? typeNode.kindName)' for \(context) (expected one of \(typeNames))")
            return nil
        }
        var spec = PropertySpec(
            name: name, type: type, description: text(node, "description"),
            required: bool(node, "required", context: context) ?? false,
            defaultValue: nil, enumValues: nil, constValue: nil, minCount: nil, maxCount: nil, blocks: [],
            location: SourceLocation(file: key.file, line: key.line)
        )
        if let value = node["default"] {
            if spec.required {
                sink.error(at: value, "\(context) is required, so a default would never be used")
            } else if Self.propertyTypesWithoutConstants.contains(type) {
                sink.error(at: value, "a \(type.rawValue) property cannot have a default")
            } else {
                spec.defaultValue = constant(value, for: type, context: context, whole: true)
            }
        }
        if let value = node["enum"] {
            spec.enumValues = readEnumValues(value, type: type, context: context)
        }
        if let value = node["const"] {
            if spec.enumValues != nil {
                sink.error(at: value, "\(context) has both 'enum' and 'const'")
            } else if Self.propertyTypesWithoutConstants.contains(type) {
                sink.error(at: value, "'const' does not apply to \(type.rawValue) properties")
            } else {
                spec.constValue = constant(value, for: type, context: context, whole: true)
            }
        }
        if let defaultValue = spec.defaultValue, let defaultNode = node["default"] {
            if let values = spec.enumValues, !Self.allowed(defaultValue, in: values) {
                sink.error(at: defaultNode, "default \(defaultValue) of \(context) is not in its enum")
            }
            if let constValue = spec.constValue, constValue != defaultValue {
                sink.error(at: defaultNode, "default \(defaultValue) of \(context) differs from its const \(constValue)")
            }
        }
        readCounts(node, type: type, context: context, into: &spec)
        readBlockNames(node, type: type, context: context, into: &spec)
        return spec
    }

    private func readEnumValues(_ value: YAMLValue, type: PropertyType, context: String) -> [PropertyValue]? {
        guard [.u32, .u64, .string, .stringArray].contains(type) else {
            sink.error(at: value, "'enum' applies to u32, u64, string and string-array properties, not \(type.rawValue)")
            return nil
        }
        guard let items = value.sequence, !items.isEmpty else {
            sink.error(at: value, "'enum' must be a non-empty list of values")
            return nil
        }
        var seen: Set<PropertyValue> = []
        var values: [PropertyValue] = []
        for item in items {
            guard let constant = constant(item, for: type, context: context, whole: false) else { continue }
            if !seen.insert(constant).inserted { sink.error(at: item, "\(context) lists \(constant) twice in 'enum'") }
            values.append(constant)
        }
        if type == .string {
            var names: [String: String] = [:]
            for case .string(let text) in values {
                let swiftName = SwiftNaming.member(text)
                if text.isEmpty || !SwiftNaming.isIdentifier(swiftName) {
                    sink.error(at: value, "\(context): enum value \"\(text)\" has no Swift case name")
                } else if SwiftNaming.keywords.contains(swiftName) {
                    sink.error(at: value, "\(context): enum value \"\(text)\" becomes the Swift keyword '\(swiftName)'")
                } else if let other = names[swiftName] {
                    sink.error(at: value, "\(context): enum values \"\(other)\" and \"\(text)\" both become '\(swiftName)'")
                }
                names[swiftName] = text
            }
        }
        return values
    }

    /// `count`, or `min-count` and `max-count`, each 0 to `NumericLimits.maxPropertyCount`.
    private func readCounts(_ node: YAMLValue, type: PropertyType, context: String, into spec: inout PropertySpec) {
        let range = 0...NumericLimits.maxPropertyCount
        let advice = "give the number of \(type.countUnit) the property holds"
        let count = unsigned(node, "count", context: context, in: range, advice: advice)
        let minCount = unsigned(node, "min-count", context: context, in: range, advice: advice)
        let maxCount = unsigned(node, "max-count", context: context, in: range, advice: advice)
        guard let countNode = node["count"] ?? node["min-count"] ?? node["max-count"] else { return }
        if !type.isList {
            sink.error(at: countNode, "counts apply to list properties (cells, string-array, phandle-array, reg, interrupts), not \(type.rawValue)")
        } else if let count {
            if minCount != nil || maxCount != nil {
                sink.error(at: countNode, "\(context) has 'count' and 'min-count'/'max-count': use one")
            }
            spec.minCount = Int(count)
            spec.maxCount = Int(count)
        } else {
            spec.minCount = minCount.map(Int.init)
            spec.maxCount = maxCount.map(Int.init)
            if let minCount, let maxCount, minCount > maxCount, let minNode = node["min-count"] {
                sink.error(at: minNode, "\(context): min-count \(minCount) is above max-count \(maxCount)")
            }
        }
    }

    /// `block` or `blocks` of the reg property: the register block of each reg entry.
    private func readBlockNames(_ node: YAMLValue, type: PropertyType, context: String, into spec: inout PropertySpec) {
        guard let blockNode = node["blocks"] ?? node["block"] else { return }
        if type != .reg {
            sink.error(at: blockNode, "'blocks' applies to the reg property only")
        } else if let single = blockNode.scalar {
            spec.blocks = [single]
        } else if let items = blockNode.sequence {
            spec.blocks = items.compactMap { item in
                if let name = item.scalar { return name }
                sink.error(at: item, "a block name must be a string")
                return nil
            }
        } else {
            sink.error(at: blockNode, "'blocks' must be a list of register block names")
        }
        if node["block"] != nil && node["blocks"] != nil {
            sink.error(at: blockNode, "\(context) has both 'block' and 'blocks'")
        }
    }

    static func allowed(_ value: PropertyValue, in values: [PropertyValue]) -> Bool {
        if case .list(let items) = value { return items.allSatisfy { values.contains($0) } }
        return values.contains(value)
    }

    /// A default/enum/const value of the property's type (`whole`: the whole value, else one
    /// element of a list). A plain number or boolean where a string belongs is refused.
    private func constant(_ node: YAMLValue, for type: PropertyType, context: String, whole: Bool) -> PropertyValue? {
        func number(_ item: YAMLValue, bits: Int) -> PropertyValue? {
            guard let value = item.unsigned, item.sequence == nil else {
                sink.error(at: item, "\(context) needs a number here, found \(item.scalar.map { "'\($0)'" } ?? item.kindName)")
                return nil
            }
            if bits < 64 && value >> UInt64(bits) != 0 {
                sink.error(at: item, "\(value) does not fit in the \(bits) bits of \(context)")
                return nil
            }
            return .number(value)
        }
        func string(_ item: YAMLValue) -> PropertyValue? {
            guard let value = item.scalar else {
                sink.error(at: item, "\(context) needs a string here, found \(item.kindName)")
                return nil
            }
            if let found = item.plainNonString {
                sink.error(at: item, "\(context) needs a string here, found \(found): quote it (\"\(value)\")")
                return nil
            }
            return .string(value)
        }
        func list(_ element: (YAMLValue) -> PropertyValue?) -> PropertyValue? {
            guard let items = node.sequence else {
                sink.error(at: node, "\(context) needs a list here, found \(node.kindName)")
                return nil
            }
            let values = items.compactMap(element)
            return values.count == items.count ? .list(values) : nil
        }
        switch type {
        case .u32: return number(node, bits: 32)
        case .u64: return number(node, bits: 64)
        case .string: return string(node)
        case .cells: return whole ? list { number($0, bits: 32) } : number(node, bits: 32)
        case .stringArray: return whole ? list(string) : string(node)
        default: return nil
        }
    }
}
