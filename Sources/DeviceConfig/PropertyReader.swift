import DeviceTree
import ByteText

/// What a generated config's `init(node:)` decodes with: it reads every property through
/// `PropertyDecoder`, checks counts, enums and consts, and keeps going past a bad property so the
/// error it ends with (`failure`) lists every problem of the node, each property once.
///
/// Readers return nil (booleans: false) when the property is absent or bad; a bad one is recorded.
/// Checks take optionals and skip nil, so a property that failed to decode is not reported again.
public final class PropertyReader {
    /// The node being decoded.
    public let node: DeviceTreeNode
    /// The problems found so far, in the order the properties were read.
    public private(set) var problems: [PropertyProblem] = []
    private let decoder: PropertyDecoder

    /// A reader of `node`'s properties, with no problems yet.
    public init(_ node: DeviceTreeNode) {
        self.node = node
        self.decoder = PropertyDecoder(node)
    }

    /// The error listing every problem found (meaningful once `problems` is not empty).
    public var failure: BindingConfigError {
        .invalidNode(path: node.path, problems: problems)
    }

    private func read<T>(_ name: String, _ body: () throws(PropertyValueError) -> T?) -> T? {
        do {
            return try body()
        } catch {
            problems.append(.wrongType(property: name, error))
            return nil
        }
    }

    /// A one-cell number.
    public func u32(_ name: String) -> UInt32? { read(name) { () throws(PropertyValueError) in try decoder.u32(name) } }
    /// A two-cell number.
    public func u64(_ name: String) -> UInt64? { read(name) { () throws(PropertyValueError) in try decoder.u64(name) } }
    /// A list of cells.
    public func cells(_ name: String) -> [UInt32]? { read(name) { () throws(PropertyValueError) in try decoder.cells(name) } }
    /// Exactly one string.
    public func string(_ name: String) -> String? { read(name) { () throws(PropertyValueError) in try decoder.string(name) } }
    /// A list of strings.
    public func stringArray(_ name: String) -> [String]? { read(name) { () throws(PropertyValueError) in try decoder.stringArray(name) } }
    /// The node a one-cell phandle refers to.
    public func phandle(_ name: String) -> DeviceTreeNode? { read(name) { () throws(PropertyValueError) in try decoder.phandle(name) } }
    /// The cells of a phandle-array.
    public func phandleArray(_ name: String) -> [UInt32]? { read(name) { () throws(PropertyValueError) in try decoder.phandleArray(name) } }
    /// `reg` translated to CPU physical addresses.
    public func reg(_ name: String = "reg") -> [MemoryRange]? { read(name) { () throws(PropertyValueError) in try decoder.reg(name) } }
    /// `interrupts` (or `interrupts-extended`) resolved to their controllers.
    public func interrupts(_ name: String = "interrupts") -> [ResolvedInterrupt]? {
        read(name) { () throws(PropertyValueError) in try decoder.interrupts(name) }
    }

    /// A boolean: true when present without a value.
    public func boolean(_ name: String) -> Bool {
        read(name) { () throws(PropertyValueError) in try decoder.boolean(name) } ?? false
    }

    // MARK: Checks

    /// `value`; records `missing` when it is nil and the property has no problem yet.
    public func required<T>(_ value: T?, _ name: String) -> T? {
        if value == nil && !problems.contains(where: { $0.property.sameBytes(as: name) }) {
            problems.append(.missing(property: name))
        }
        return value
    }

    /// Checks that a list of `type` has `min` to `max` (nil: any number of) elements.
    public func count<T>(_ value: [T]?, _ name: String, of type: PropertyKind, min: Int, max: Int?) {
        guard let value else { return }
        if let problem = Self.countProblem(value.count, name, of: type, min: min, max: max) { problems.append(problem) }
    }

    /// The `wrongCount` problem of a list of `count` elements, or nil when the count is allowed.
    public static func countProblem(_ count: Int, _ name: String, of type: PropertyKind, min: Int, max: Int?) -> PropertyProblem? {
        if count >= min && count <= (max ?? Int.max) { return nil }
        return .wrongCount(property: name, type: type, count: count, minimum: min, maximum: max)
    }

    /// Checks that a number is one of `allowed`.
    public func oneOf(_ value: UInt32?, _ allowed: [UInt32], _ name: String) {
        guard let value else { return }
        eachOneOf([value], allowed, name)
    }

    /// Checks that a number is one of `allowed`.
    public func oneOf(_ value: UInt64?, _ allowed: [UInt64], _ name: String) {
        guard let value, !allowed.contains(value) else { return }
        problems.append(.notInEnum(property: name, values: ["\(value)"], allowed: allowed.map { "\($0)" }))
    }

    /// Checks that a string is one of `allowed`.
    public func oneOf(_ value: String?, _ allowed: [String], _ name: String) {
        guard let value else { return }
        eachOneOf([value], allowed, name)
    }

    /// Checks that every cell of a list is one of `allowed`.
    public func eachOneOf(_ value: [UInt32]?, _ allowed: [UInt32], _ name: String) {
        guard let value else { return }
        let bad = value.filter { !allowed.contains($0) }
        if !bad.isEmpty { problems.append(.notInEnum(property: name, values: bad.map { "\($0)" }, allowed: allowed.map { "\($0)" })) }
    }

    /// Checks that every string of a list is one of `allowed`.
    public func eachOneOf(_ value: [String]?, _ allowed: [String], _ name: String) {
        guard let value else { return }
        let bad = value.filter { !allowed.containsBytes($0) }
        if !bad.isEmpty { problems.append(.notInEnum(property: name, values: bad.map(Self.quoted), allowed: allowed.map(Self.quoted))) }
    }

    /// Checks that a number equals the binding's `const`.
    public func constant(_ value: UInt32?, _ expected: UInt32, _ name: String) {
        guard let value, value != expected else { return }
        problems.append(.notConst(property: name, value: "\(value)", expected: "\(expected)"))
    }

    /// Checks that a number equals the binding's `const`.
    public func constant(_ value: UInt64?, _ expected: UInt64, _ name: String) {
        guard let value, value != expected else { return }
        problems.append(.notConst(property: name, value: "\(value)", expected: "\(expected)"))
    }

    /// Checks that a string equals the binding's `const`.
    public func constant(_ value: String?, _ expected: String, _ name: String) {
        guard let value, !value.sameBytes(as: expected) else { return }
        problems.append(.notConst(property: name, value: Self.quoted(value), expected: Self.quoted(expected)))
    }

    /// Checks that a list of cells equals the binding's `const`.
    public func constant(_ value: [UInt32]?, _ expected: [UInt32], _ name: String) {
        guard let value, value != expected else { return }
        problems.append(.notConst(property: name, value: Self.list(value.map { "\($0)" }), expected: Self.list(expected.map { "\($0)" })))
    }

    /// Checks that a list of strings equals the binding's `const`.
    public func constant(_ value: [String]?, _ expected: [String], _ name: String) {
        guard let value, value.count != expected.count || !zip(value, expected).allSatisfy({ $0.sameBytes(as: $1) }) else { return }
        problems.append(.notConst(property: name, value: Self.list(value.map(Self.quoted)), expected: Self.list(expected.map(Self.quoted))))
    }

    /// A string decoded into a generated enum; records `notInEnum` when no case has that name.
    public func decode<E: RawRepresentable & CaseIterable>(_ value: String?, as type: E.Type, _ allowed: [String], _ name: String) -> E? where E.RawValue == String {
        guard let value else { return nil }
        // Matched by bytes over the cases, not with `E(rawValue:)`, whose synthesized String
        // comparison would link Unicode normalization into board programs.
        guard let decoded = E.allCases.first(where: { $0.rawValue.sameBytes(as: value) }) else {
            problems.append(.notInEnum(property: name, values: [Self.quoted(value)], allowed: allowed.map(Self.quoted)))
            return nil
        }
        return decoded
    }

    /// A string as bindings and messages write it: in double quotes.
    public static func quoted(_ text: String) -> String { "\"\(text)\"" }

    /// Items as a list: "[1, 2]".
    public static func list(_ items: [String]) -> String { "[" + PropertyProblem.joined(items) + "]" }
}
