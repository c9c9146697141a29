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
            out.line("/// Decodes the properties of `node`. Throws when a required property is missing, a")
            out.line("/// property has the wrong type or count, or a value is not one the binding allows.")
            out.line("public init(node: DeviceTreeNode) throws(BindingConfigError) {")
            out.indent {
                out.line("let reader = PropertyReader(node)")
                out.line("self.node = node")
                for property in binding.properties {
                    decode(property, out)
                }
            }
            out.line("}")
        }
        out.line("}")
    }

    private func decode(_ property: PropertySpec, _ out: CodeWriter) {
        let member = SwiftNaming.member(property.name)
        let name = SwiftNaming.literal(property.name)
        let call = readerCall(property)
        if property.type == .boolean {
            out.line("self.\(member) = try \(call)")
            return
        }
        let isStringEnum = property.type == .string && property.enumValues != nil
        var checks: [String] = []
        if let values = property.enumValues, !isStringEnum {
            let list = "[" + values.map(literal).joined(separator: ", ") + "]"
            checks.append(property.type == .stringArray
                ? "_ = try reader.eachOneOf(\(member), \(list), \(name))"
                : "_ = try reader.oneOf(\(member), \(list), \(name))")
        }
        if let value = property.constValue {
            checks.append("_ = try reader.constant(\(member), \(literal(value)), \(name))")
        }
        if property.minCount != nil || property.maxCount != nil {
            let max = property.maxCount.map(String.init) ?? "Int.max"
            checks.append("_ = try reader.count(\(member), \(name), min: \(property.minCount ?? 0), max: \(max))")
        }
        let allowed = "[" + (property.enumValues ?? []).map(literal).joined(separator: ", ") + "]"
        let enumType = SwiftNaming.type(property.name)
        if property.required || property.defaultValue != nil {
            let value = property.required
                ? "try reader.required(\(call), \(name))"
                : "try \(call) ?? \(literal(property.defaultValue!))"
            out.line("let \(member) = \(value)")
            for check in checks { out.line(check) }
            if isStringEnum {
                out.line("self.\(member) = try reader.decode(\(member), as: \(enumType).self, \(allowed), \(name))")
            } else {
                out.line("self.\(member) = \(member)")
            }
        } else if isStringEnum {
            out.line("if let \(member) = try \(call) {")
            out.indent { out.line("self.\(member) = try reader.decode(\(member), as: \(enumType).self, \(allowed), \(name))") }
            out.line("} else {")
            out.indent { out.line("self.\(member) = nil") }
            out.line("}")
        } else {
            out.line("let \(member) = try \(call)")
            if !checks.isEmpty {
                out.line("if let \(member) {")
                out.indent { for check in checks { out.line(check) } }
                out.line("}")
            }
            out.line("self.\(member) = \(member)")
        }
    }
}
