import DeviceConfig
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
    /// The name of the binding the node was checked against (its `name:`, e.g. "PL011").
    public var binding: String
    /// The file that binding was read from.
    public var bindingFile: String

    public var description: String {
        "\(node): \(property.map { "\($0): " } ?? "")\(message) [\(rule)]"
    }
}

/// The outcome of checking a device tree: which nodes had a binding, and what was wrong.
public struct CheckReport: Sendable, Codable {
    public struct CheckedNode: Sendable, Codable, Equatable {
        /// The node's full path.
        public var node: String
        /// The binding's name.
        public var binding: String
        /// The file the binding was read from.
        public var bindingFile: String
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
            report.checked.append(.init(node: node.path, binding: binding.name, bindingFile: binding.path))
            report.findings += check(node, against: binding)
        }
        return report
    }

    /// The findings for one node. Property values are read with `PropertyDecoder` and judged with
    /// the `PropertyProblem`s generated configs report, so both agree on every tree, word for word.
    public func check(_ node: DeviceTreeNode, against binding: Binding) -> [CheckFinding] {
        var findings: [CheckFinding] = []
        func add(_ property: String?, _ rule: String, _ message: String) {
            findings.append(CheckFinding(node: node.path, property: property, rule: rule, message: message, binding: binding.name, bindingFile: binding.path))
        }
        func add(_ problem: PropertyProblem) {
            add(problem.property, problem.rule, problem.message)
        }

        let compatibles = node.compatible
        for fallback in binding.fallbackCompatibles where !compatibles.contains(fallback) {
            add("compatible", "missing-fallback", "does not list \"\(fallback)\" after the specific compatible")
        }

        for property in node.properties {
            if binding.property(property.name) == nil && !binding.additionalProperties && !Self.isStandard(property.name) {
                add(property.name, "unknown-property", "is not described by the binding")
            }
        }

        let decoder = PropertyDecoder(node)
        for spec in binding.properties {
            guard decoder.isPresent(spec.name, as: spec.type.kind) else {
                if spec.required { add(.missing(property: spec.name)) }
                continue
            }
            check(spec, decoder, binding: binding, add, add)
        }
        return findings
    }

    private func check(_ spec: PropertySpec, _ decoder: PropertyDecoder, binding: Binding,
                       _ add: (String?, String, String) -> Void, _ addProblem: (PropertyProblem) -> Void) {
        let name = spec.name
        var count: Int?
        var values: [PropertyValue] = []
        do {
            switch spec.type {
            case .u32:
                values = [.number(UInt64(try decoder.u32(name) ?? 0))]
            case .phandle:
                _ = try decoder.phandle(name)
            case .u64:
                values = [.number(try decoder.u64(name) ?? 0)]
            case .cells, .phandleArray:
                let cells = try (spec.type == .cells ? decoder.cells(name) : decoder.phandleArray(name)) ?? []
                count = cells.count
                values = cells.map { .number(UInt64($0)) }
            case .string:
                values = [.string(try decoder.string(name) ?? "")]
                count = 1
            case .stringArray:
                let strings = try decoder.stringArray(name) ?? []
                count = strings.count
                values = strings.map { .string($0) }
            case .boolean:
                _ = try decoder.boolean(name)
            case .reg:
                let entries = try decoder.reg(name) ?? []
                count = entries.count
                for (index, blockName) in spec.blocks.enumerated() where index < entries.count {
                    guard let block = binding.blocks.first(where: { $0.name == blockName }) else { continue }
                    if entries[index].size < block.extent {
                        add(name, "reg-too-small", "entry \(index) is 0x\(String(entries[index].size, radix: 16)) bytes, but register block \(block.name) needs 0x\(String(block.extent, radix: 16))")
                    }
                }
            case .interrupts:
                count = (try decoder.interrupts(name) ?? []).count
            }
        } catch {
            return addProblem(.wrongType(property: name, error))
        }
        if let count, spec.minCount != nil || spec.maxCount != nil,
           let problem = PropertyReader.countProblem(count, name, of: spec.type.kind, min: spec.minCount ?? 0, max: spec.maxCount) {
            addProblem(problem)
        }
        if let allowed = spec.enumValues {
            let bad = values.filter { !allowed.contains($0) }
            if !bad.isEmpty { addProblem(.notInEnum(property: name, values: bad.map(\.description), allowed: allowed.map(\.description))) }
        }
        if let constant = spec.constValue {
            let actual: PropertyValue = [.u32, .u64, .string].contains(spec.type) ? (values.first ?? .list([])) : .list(values)
            if actual != constant {
                addProblem(.notConst(property: name, value: actual.description, expected: constant.description))
            }
        }
    }
}
