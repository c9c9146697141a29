/// Writes a binding's config struct: one stored property per device-tree property the binding
/// describes, and an `init(node:)` that decodes them with `PropertyReader` (module DeviceConfig).
struct ConfigGenerator {
    private func swiftType(_ property: PropertySpec) -> String {
        switch property.type {
        case .u32: return "UInt32"
        case .u64: return "UInt64"
        case .cells, .phandleArray: return "[UInt32]"
        case .string: return property.enumValues != nil ? SwiftNaming.type(property.name) : "String"
        case .stringArray: return "[String]"
        case .boolean: return "Bool"
        case .phandle: return "DeviceTreeNode"
        case .reg: return "[MemoryRange]"
        case .interrupts: return "[ResolvedInterrupt]"
        }
    }

    private func readerCall(_ property: PropertySpec) -> String {
        let name = SwiftNaming.literal(property.name)
        switch property.type {
        case .u32: return "reader.u32(\(name))"
        case .u64: return "reader.u64(\(name))"
        case .cells: return "reader.cells(\(name))"
        case .string: return "reader.string(\(name))"
        case .stringArray: return "reader.stringArray(\(name))"
        case .boolean: return "reader.boolean(\(name))"
        case .phandle: return "reader.phandle(\(name))"
        case .phandleArray: return "reader.phandleArray(\(name))"
        case .reg: return "reader.reg(\(name))"
        case .interrupts: return "reader.interrupts(\(name))"
        }
    }

    private func literal(_ value: PropertyValue) -> String {
        switch value {
        case .number(let number): return "\(number)"
        case .string(let text): return SwiftNaming.literal(text)
        case .list(let items): return "[" + items.map(literal).joined(separator: ", ") + "]"
        }
    }

    private func summary(_ property: PropertySpec) -> String {
        var parts = ["`\(property.name)`: \(property.type.rawValue)"]
        if property.required { parts.append("required") }
        if let value = property.defaultValue { parts.append("default \(value)") }
        if let values = property.enumValues { parts.append("one of \(values.map(\.description).joined(separator: ", "))") }
        if let value = property.constValue { parts.append("always \(value)") }
        let unit = { (count: Int) in count == 1 ? property.type.countUnitSingular : property.type.countUnit }
        switch (property.minCount, property.maxCount) {
        case let (min?, max?) where min == max: parts.append("\(min) \(unit(min))")
        case let (min?, max?): parts.append("\(min) to \(max) \(unit(max))")
        case let (min?, nil): parts.append("at least \(min) \(unit(min))")
        case let (nil, max?): parts.append("at most \(max) \(unit(max))")
        default: break
        }
        if !property.blocks.isEmpty {
            parts.append(property.blocks.enumerated().map { "entry \($0.offset): registers of `\($0.element)`" }.joined(separator: ", "))
        }
        return parts.joined(separator: ", ") + "."
    }

    /// The config struct of `binding`.
    func write(_ binding: Binding, _ out: CodeWriter) {
        let typeName = binding.name + "Config"
        out.doc(binding.description)
        if binding.description != nil { out.line("///") }
        out.line("/// The device-tree configuration of a node compatible with \(binding.compatibles.map { "`\($0)`" }.joined(separator: " or ")),")
        out.line("/// decoded and checked against the binding by `init(node:)`.")
        out.line("public struct \(typeName): DeviceBindingConfig {")
        out.indent {
            out.line("/// The binding's name.")
            out.line("public static var bindingName: String { \(SwiftNaming.literal(binding.name)) }")
            out.line("/// The compatible strings that select this binding.")
            out.line("public static var compatibles: [String] { [\(binding.compatibles.map(SwiftNaming.literal).joined(separator: ", "))] }")
            if !binding.fallbackCompatibles.isEmpty {
                out.line("/// Generic compatible strings such nodes list after the specific one.")
                out.line("public static var fallbackCompatibles: [String] { [\(binding.fallbackCompatibles.map(SwiftNaming.literal).joined(separator: ", "))] }")
            }
            out.line("/// Whether the device masters the bus (does DMA). Only devices that do not may be used")
            out.line("/// through VFIO's no-IOMMU mode.")
            out.line("public static var isBusMaster: Bool { \(binding.busMaster) }")
            out.blank()
            out.line("/// The node this configuration was decoded from.")
            out.line("public let node: DeviceTreeNode")
            for property in binding.properties {
                out.blank()
                out.doc(property.description)
                if property.description != nil { out.line("///") }
                out.line("/// \(summary(property))")
                let optional = !(property.required || property.defaultValue != nil || property.type == .boolean)
                out.line("public let \(SwiftNaming.member(property.name)): \(swiftType(property))\(optional ? "?" : "")")
            }
            for property in binding.properties where property.type == .string && property.enumValues != nil {
                out.blank()
                out.line("/// The values of `\(property.name)`.")
                out.line("public enum \(SwiftNaming.type(property.name)): String, Sendable, CaseIterable {")
                out.indent {
                    for case .string(let value) in property.enumValues ?? [] {
                        out.line("case \(SwiftNaming.member(value)) = \(SwiftNaming.literal(value))")
                    }
                }
                out.line("}")
            }
            out.blank()
            out.line("/// Decodes the properties of `node`. Throws `.invalidNode` listing every problem of the")
            out.line("/// node: required properties missing, wrong types or counts, values the binding does not allow.")
            out.line("public init(node: DeviceTreeNode) throws(BindingConfigError) {")
            out.indent {
                out.line("let reader = PropertyReader(node)")
                for property in binding.properties {
                    decode(property, out)
                }
                let unwrapped = binding.properties.filter(needsUnwrapping).map { "let \(SwiftNaming.member($0.name))" }
                out.line("guard reader.problems.isEmpty\(unwrapped.map { ", " + $0 }.joined()) else { throw reader.failure }")
                out.line("self.node = node")
                for property in binding.properties {
                    let member = SwiftNaming.member(property.name)
                    out.line("self.\(member) = \(member)")
                }
            }
            out.line("}")
        }
        out.line("}")
    }

    /// Whether the decoded value of `property` is optional although its member is not (required,
    /// or a string enum with a default): the init unwraps it once every problem is known.
    private func needsUnwrapping(_ property: PropertySpec) -> Bool {
        guard property.type != .boolean else { return false }
        return property.required || (isStringEnum(property) && property.defaultValue != nil)
    }

    private func isStringEnum(_ property: PropertySpec) -> Bool {
        property.type == .string && property.enumValues != nil
    }

    /// `let member = ...` reading the property, then one line per check (count, enum, const);
    /// nothing throws before every property is read.
    private func decode(_ property: PropertySpec, _ out: CodeWriter) {
        let member = SwiftNaming.member(property.name)
        let name = SwiftNaming.literal(property.name)
        var value = readerCall(property)
        if property.type == .boolean {
            out.line("let \(member) = \(value)")
            return
        }
        if property.required {
            value = "reader.required(\(value), \(name))"
        } else if let defaultValue = property.defaultValue {
            value += " ?? \(literal(defaultValue))"
        }
        if isStringEnum(property) {
            let allowed = "[" + (property.enumValues ?? []).map(literal).joined(separator: ", ") + "]"
            value = "reader.decode(\(value), as: \(SwiftNaming.type(property.name)).self, \(allowed), \(name))"
        }
        out.line("let \(member) = \(value)")
        if property.minCount != nil || property.maxCount != nil {
            let max = property.maxCount.map(String.init) ?? "nil"
            out.line("reader.count(\(member), \(name), of: .\(property.type.kindCase), min: \(property.minCount ?? 0), max: \(max))")
        }
        if let values = property.enumValues, !isStringEnum(property) {
            let list = "[" + values.map(literal).joined(separator: ", ") + "]"
            out.line(property.type.isList
                ? "reader.eachOneOf(\(member), \(list), \(name))"
                : "reader.oneOf(\(member), \(list), \(name))")
        }
        if let constant = property.constValue {
            let subject = isStringEnum(property) ? "\(member)?.rawValue" : member
            out.line("reader.constant(\(subject), \(literal(constant)), \(name))")
        }
    }
}
