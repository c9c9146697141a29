import Foundation

/// Reading the fields of a register (or of one layout of an aliased register).
extension BindingReader {
    static let fieldKeys = ["bit", "bits", "swift-name", "description", "access", "reset", "type", "enum", "enum-name", "enum-kind"]

    func readFields(_ node: YAMLValue?, register: RegisterDef, defaultAccess: AccessKind, allowed: [AccessKind], context: String) -> [FieldSpec] {
        guard let node else { return [] }
        guard let pairs = node.mapping else {
            sink.error(at: node, "'fields' of \(context) must map field names to bits, found \(node.kindName)")
            return []
        }
        var fields: [FieldSpec] = []
        for (key, value) in pairs {
            guard let name = key.scalar else {
                sink.error(at: key, "a field name must be a string")
                continue
            }
            if !SwiftNaming.isIdentifier(name) {
                sink.error(at: key, "field name '\(name)' is not an identifier (letters, digits and _, not starting with a digit)")
                continue
            }
            if let field = readField(name: name, key: key, value, register: register, defaultAccess: defaultAccess, allowed: allowed, context: context) {
                fields.append(field)
            }
        }
        return fields
    }

    private func readField(name: String, key: YAMLValue, _ node: YAMLValue, register: RegisterDef, defaultAccess: AccessKind, allowed: [AccessKind], context registerContext: String) -> FieldSpec? {
        let context = "field '\(name)' of \(registerContext)"
        var bits: (lsb: UInt64, msb: UInt64)
        var description: String?
        var access = defaultAccess
        var reset: UInt64?
        var bitsNode = node
        let isMapping = node.mapping != nil

        if !isMapping {
            // Shorthand: `TXFF: 5` or `DATA: 0-7`.
            guard let range = bitRange(node, context: context) else { return nil }
            bits = range
        } else {
            guard checkKeys(node, allowed: Self.fieldKeys, context: context) else { return nil }
            switch (node["bit"], node["bits"]) {
            case (let bit?, nil):
                bitsNode = bit
                guard let value = bit.unsigned, bit.sequence == nil else {
                    sink.error(at: bit, "'bit' of \(context) must be a bit number, found \(bit.scalar.map { "'\($0)'" } ?? bit.kindName)")
                    return nil
                }
                bits = (value, value)
            case (nil, let range?):
                bitsNode = range
                guard let parsed = bitRange(range, context: context) else { return nil }
                bits = parsed
            case (_?, _?):
                sink.error(at: node, "\(context) has both 'bit' and 'bits'")
                return nil
            case (nil, nil):
                sink.error(at: node, "\(context) needs 'bit' or 'bits'")
                return nil
            }
            description = text(node, "description")
            access = accessKind(node, context: context) ?? defaultAccess
            reset = unsigned(node, "reset", context: context)
        }
        // Checked before any arithmetic: both bit numbers lie within the register.
        guard bits.msb < UInt64(register.width) else {
            let shown = bits.lsb == bits.msb ? "bit \(bits.lsb)" : "bits \(bits.lsb)-\(bits.msb)"
            sink.error(at: bitsNode, "\(context) (\(shown)) is outside the \(register.width)-bit register")
            return nil
        }
        let lsb = Int(bits.lsb)
        let width = Int(bits.msb - bits.lsb) + 1
        var isBool = width == 1
        if isMapping, let typeNode = node["type"] {
            switch typeNode.scalar {
            case "bool":
                if width != 1 { sink.error(at: typeNode, "\(context) is \(width) bits wide: only a 1-bit field can be bool") }
            case "uint": isBool = false
            default: sink.error(at: typeNode, "'type' of \(context) must be bool or uint")
            }
        }
        if !allowed.contains(access) {
            sink.error(at: node["access"] ?? key, "\(context) is \(access.rawValue), which a \(register.isAliased ? "layout" : register.access.rawValue + " register") cannot hold (allowed: \(allowed.map(\.rawValue).joined(separator: ", ")))")
        }
        if let reset, width < 64, reset >> UInt64(width) != 0, let resetNode = node["reset"] {
            sink.error(at: resetNode, "reset value \(reset) does not fit in the \(width)-bit \(context)")
            return nil
        }
        var enumeration: FieldEnum?
        if isMapping, let enumNode = node["enum"] {
            enumeration = readEnum(enumNode, fieldNode: node, fieldName: name, width: width, context: context)
            if enumeration != nil { isBool = false }
        } else if isMapping, let enumOption = node["enum-name"] ?? node["enum-kind"] {
            sink.error(at: enumOption, "\(context) has enum-name/enum-kind but no 'enum'")
        }
        let member = memberName(isMapping ? node : nil, name: name, what: "field", at: key)
        return FieldSpec(
            name: name, memberName: member, lsb: lsb, width: width, access: access, reset: reset, description: description,
            enumeration: enumeration, isBool: isBool, location: SourceLocation(file: key.file, line: key.line)
        )
    }

    /// `5`, `0-7` (low-high) or `7:0` (msb:lsb), as bit numbers not yet checked against the
    /// register width.
    private func bitRange(_ node: YAMLValue, context: String) -> (lsb: UInt64, msb: UInt64)? {
        guard let text = node.scalar else {
            sink.error(at: node, "bits of \(context) must be like 4, 0-7 or 7:0, found \(node.kindName)")
            return nil
        }
        if let bit = YAMLValue.parseUnsigned(text) { return (bit, bit) }
        for separator in ["-", ":"] {
            let parts = text.split(separator: Character(separator)).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, let first = YAMLValue.parseUnsigned(parts[0]), let second = YAMLValue.parseUnsigned(parts[1]) else { continue }
            let (low, high) = separator == "-" ? (first, second) : (second, first)
            if low > high {
                sink.error(at: node, "bits '\(text)' of \(context): write low-high (0-7) or msb:lsb (7:0)")
                return nil
            }
            return (low, high)
        }
        sink.error(at: node, "bits '\(text)' of \(context) must be like 4, 0-7 or 7:0")
        return nil
    }
}
