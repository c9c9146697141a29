import DeviceTree

/// One way a device-tree node disagrees with its binding.
public struct CheckFinding: Equatable, Sendable, Codable, CustomStringConvertible {
    /// The node's full path.
    public var node: String
    /// The property involved, if one is.
    public var property: String?
    /// A stable identifier of the rule, e.g. `missing-required` (see docs/bindings.md).
    public var rule: String
    /// One readable sentence.
    public var message: String
    /// The binding file the node was checked against.
    public var binding: String

    public var description: String {
        "\(node): \(property.map { "\($0): " } ?? "")\(message) [\(rule)]"
    }
}

/// The outcome of checking a device tree: which nodes had a binding, and what was wrong.
public struct CheckReport: Sendable, Codable {
    public struct CheckedNode: Sendable, Codable, Equatable {
        public var node: String
        public var binding: String
    }

    public var checked: [CheckedNode] = []
    public var findings: [CheckFinding] = []

    public var isClean: Bool { findings.isEmpty }
}

/// Checks the enabled nodes of a device tree against bindings: required properties, types,
/// counts, enums and consts, unknown properties, fallback compatibles, and whether each reg entry
/// is large enough for the register block bound to it.
public struct DeviceTreeChecker: Sendable {
    /// Properties any node may have without its binding naming them (they are still checked when
    /// the binding describes them). `pinctrl-<n>` and `bootph-*` are allowed too.
    public static let standardProperties: Set<String> = [
        "compatible", "reg", "reg-names", "status", "phandle", "linux,phandle", "name",
        "interrupts", "interrupts-extended", "interrupt-parent", "interrupt-names",
        "clocks", "clock-names", "assigned-clocks", "assigned-clock-parents", "assigned-clock-rates",
        "resets", "reset-names", "power-domains", "power-domain-names", "pinctrl-names",
        "dmas", "dma-names", "dma-coherent", "dma-noncoherent", "iommus", "wakeup-source",
        "#address-cells", "#size-cells",
    ]

    /// Whether `name` is always allowed (see `standardProperties`).
    public static func isStandard(_ name: String) -> Bool {
        if standardProperties.contains(name) || name.hasPrefix("bootph-") { return true }
        if name.hasPrefix("pinctrl-"), let index = Int(name.dropFirst("pinctrl-".count)), index >= 0 { return true }
        return false
    }

    public let bindings: [Binding]

    public init(bindings: [Binding]) {
        self.bindings = bindings
    }

    /// The binding for a node: the one claiming the node's most specific compatible string.
    public func binding(for node: DeviceTreeNode) -> Binding? {
        for compatible in node.compatible {
            if let binding = bindings.first(where: { $0.compatibles.contains(compatible) }) { return binding }
        }
        return nil
    }

    public func check(_ tree: DeviceTree) -> CheckReport {
        var report = CheckReport()
        for node in tree.allNodes() where node.isEnabled {
            guard let binding = binding(for: node) else { continue }
            report.checked.append(.init(node: node.path, binding: binding.path))
            report.findings += check(node, against: binding)
        }
        return report
    }

    /// The findings for one node.
    public func check(_ node: DeviceTreeNode, against binding: Binding) -> [CheckFinding] {
        var findings: [CheckFinding] = []
        func add(_ property: String?, _ rule: String, _ message: String) {
            findings.append(CheckFinding(node: node.path, property: property, rule: rule, message: message, binding: binding.path))
        }

        let compatibles = node.compatible
        for fallback in binding.fallbackCompatibles where !compatibles.contains(fallback) {
            add("compatible", "missing-fallback", "does not list \"\(fallback)\" after the specific compatible")
        }

        let properties = node.properties
        for property in properties {
            if binding.property(property.name) == nil && !binding.additionalProperties && !Self.isStandard(property.name) {
                add(property.name, "unknown-property", "is not described by the binding")
            }
        }

        for spec in binding.properties {
            guard let property = properties.first(where: { $0.name == spec.name }) else {
                if spec.required { add(spec.name, "missing-required", "is required but missing") }
                continue
            }
            check(property, spec, node: node, binding: binding, add)
        }
        return findings
    }

    private func check(_ property: DeviceTreeProperty, _ spec: PropertySpec, node: DeviceTreeNode, binding: Binding, _ add: (String?, String, String) -> Void) {
        let name = spec.name
        let bytes = property.bytes
        func wrongType(_ what: String) { add(name, "wrong-type", "should be \(what), but is \(describe(bytes))") }
        var count: Int?
        var values: [PropertyValue] = []
        switch spec.type {
        case .u32, .phandle:
            guard bytes.count == 4 else { return wrongType(spec.type == .u32 ? "one cell (u32)" : "one phandle cell") }
            let value = Self.cell(bytes, 0)
            values = [.number(UInt64(value))]
            if spec.type == .phandle, node.tree.node(phandle: value) == nil {
                add(name, "wrong-type", "refers to phandle 0x\(String(value, radix: 16)), which no node has")
            }
        case .u64:
            guard bytes.count == 8 else { return wrongType("two cells (u64)") }
            values = [.number(UInt64(Self.cell(bytes, 0)) << 32 | UInt64(Self.cell(bytes, 1)))]
        case .cells, .phandleArray:
            guard bytes.count % 4 == 0, !bytes.isEmpty else { return wrongType("a list of cells") }
            count = bytes.count / 4
            values = (0..<(bytes.count / 4)).map { .number(UInt64(Self.cell(bytes, $0))) }
        case .string, .stringArray:
            guard let strings = Self.strings(bytes) else { return wrongType(spec.type == .string ? "a string" : "a list of strings") }
            if spec.type == .string && strings.count != 1 { return wrongType("one string") }
            count = strings.count
            values = strings.map { .string($0) }
        case .boolean:
            guard bytes.isEmpty else { return wrongType("a boolean (no value)") }
        case .reg:
            do {
                let entries = try node.busRegisters()
                count = entries.count
                for (index, blockName) in spec.blocks.enumerated() where index < entries.count {
                    guard let block = binding.blocks.first(where: { $0.name == blockName }) else { continue }
                    if entries[index].size < block.extent {
                        add(name, "reg-too-small", "entry \(index) is 0x\(String(entries[index].size, radix: 16)) bytes, but register block \(block.name) needs 0x\(String(block.extent, radix: 16))")
                    }
                }
            } catch {
                add(name, "wrong-type", "cannot be decoded: \(error)")
                return
            }
        case .interrupts:
            do {
                count = try node.interrupts().count
            } catch {
                add(name, "wrong-type", "cannot be resolved: \(error)")
                return
            }
        }
        if let count {
            let unit = count == 1 ? spec.type.countUnitSingular : spec.type.countUnit
            if let minimum = spec.minCount, count < minimum {
                add(name, "wrong-count", "has \(count) \(unit), the binding needs at least \(minimum)")
            }
            if let maximum = spec.maxCount, count > maximum {
                add(name, "wrong-count", "has \(count) \(unit), the binding allows at most \(maximum)")
            }
        }
        if let allowed = spec.enumValues {
            for value in values where !allowed.contains(value) {
                add(name, "not-in-enum", "is \(value), not one of \(allowed.map(\.description).joined(separator: ", "))")
            }
        }
        if let constant = spec.constValue {
            let actual: PropertyValue = [.u32, .u64, .string].contains(spec.type) ? (values.first ?? .list([])) : .list(values)
            if actual != constant {
                add(name, "not-const", "is \(actual), the binding requires \(constant)")
            }
        }
    }

    static func cell(_ bytes: [UInt8], _ index: Int) -> UInt32 {
        let base = index * 4
        return UInt32(bytes[base]) << 24 | UInt32(bytes[base + 1]) << 16 | UInt32(bytes[base + 2]) << 8 | UInt32(bytes[base + 3])
    }

    /// NUL-terminated, non-empty, printable strings; nil when the bytes are not that.
    static func strings(_ bytes: [UInt8]) -> [String]? {
        guard let last = bytes.last, last == 0 else { return nil }
        var result: [String] = []
        for part in bytes.dropLast().split(separator: 0, omittingEmptySubsequences: false) {
            guard !part.isEmpty, part.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else { return nil }
            result.append(String(decoding: part, as: UTF8.self))
        }
        return result
    }

    private func describe(_ bytes: [UInt8]) -> String {
        if bytes.isEmpty { return "empty" }
        if let strings = Self.strings(bytes) {
            return strings.count == 1 ? "the string \"\(strings[0])\"" : "\(strings.count) strings"
        }
        return "\(bytes.count) bytes"
    }
}
