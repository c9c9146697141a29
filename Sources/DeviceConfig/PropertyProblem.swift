import ByteText
/// One way a property of a node disagrees with its binding. Generated configs and `dtbind
/// check` report the same problems in the same words: `message` is the predicate ("is required
/// but missing"), `description` adds the property ("property 'reg' is required but missing"); the
/// node is named once by whoever lists the problems.
public enum PropertyProblem: Equatable, Sendable, CustomStringConvertible {
    /// A property the binding marks `required` is absent.
    case missing(property: String)
    /// A property is present but its value is not of the binding's type.
    case wrongType(property: String, PropertyValueError)
    /// A list property has `count` elements of `type`; the binding allows `minimum` to `maximum`
    /// (nil: no upper limit).
    case wrongCount(property: String, type: PropertyKind, count: Int, minimum: Int, maximum: Int?)
    /// `values` (as the binding writes them: numbers, or strings in quotes) are not among `allowed`.
    case notInEnum(property: String, values: [String], allowed: [String])
    /// The value is `value`, the binding's `const` is `expected`.
    case notConst(property: String, value: String, expected: String)

    /// The property's name.
    public var property: String {
        switch self {
        case let .missing(property), let .wrongType(property, _), let .wrongCount(property, _, _, _, _),
             let .notInEnum(property, _, _), let .notConst(property, _, _):
            return property
        }
    }

    /// The stable rule identifier `dtbind check` reports (see docs/bindings.md).
    public var rule: String {
        switch self {
        case .missing: return "missing-required"
        case .wrongType: return "wrong-type"
        case .wrongCount: return "wrong-count"
        case .notInEnum: return "not-in-enum"
        case .notConst: return "not-const"
        }
    }

    /// What is wrong, without the node or the property: "is 2, not one of 1, 4".
    public var message: String { sentence.text }

    /// The message, built one piece at a time (`Message`) to keep its code small on the board.
    private var sentence: Message {
        switch self {
        case .missing:
            return "is required but missing"
        case let .wrongType(_, error):
            return Message(error.description)
        case let .wrongCount(_, type, count, minimum, maximum):
            let unit = count == 1 ? type.countUnitSingular : type.countUnit
            let allowed: Message
            if let maximum {
                allowed = minimum == maximum ? "exactly \(minimum)" : minimum == 0 ? "at most \(maximum)" : "\(minimum) to \(maximum)"
            } else {
                allowed = "at least \(minimum)"
            }
            return "has \(count) \(unit), but the binding allows \(allowed)"
        case let .notInEnum(_, values, allowed):
            if values.count == 1 { return "is \(values[0]), not one of \(Self.joined(allowed))" }
            return "has \(Self.joined(values)), which are not among \(Self.joined(allowed))"
        case let .notConst(_, value, expected):
            return "is \(value), but the binding requires \(expected)"
        }
    }

    /// "property 'name' " followed by `message`.
    public var description: String {
        let text: Message = "property '\(property)' \(sentence)"
        return text.text
    }

    /// `items` separated by ", ".
    static func joined(_ items: [String]) -> String {
        var text = ""
        for item in items {
            if !text.isEmpty { text += ", " }
            text += item
        }
        return text
    }
}
