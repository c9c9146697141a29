import DeviceTree

/// Why a device-tree node does not decode into a generated binding config struct. Every case
/// names the node (full path) and the property.
public enum BindingConfigError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A property the binding marks `required` is absent.
    case missingProperty(node: String, property: String)
    /// A property is present but its value is not of the binding's type (`expected`, e.g. "u32"):
    /// wrong length, not a string list, a dangling phandle... `reason` says what.
    case wrongType(node: String, property: String, expected: String, reason: String)
    /// A value is not one the binding allows (`enum` or `const`).
    case notInEnum(node: String, property: String, value: String, allowed: [String])
    /// A list property has `count` elements where the binding allows `expected`.
    case wrongCount(node: String, property: String, count: Int, expected: String)

    public var description: String {
        switch self {
        case let .missingProperty(node, property):
            return "\(node): required property '\(property)' is missing"
        case let .wrongType(node, property, expected, reason):
            return "\(node): property '\(property)' is not a valid \(expected): \(reason)"
        case let .notInEnum(node, property, value, allowed):
            var list = ""
            for item in allowed {
                if !list.isEmpty { list += ", " }
                list += item
            }
            return "\(node): property '\(property)' is \(value), not one of \(list)"
        case let .wrongCount(node, property, count, expected):
            return "\(node): property '\(property)' has \(count) elements, expected \(expected)"
        }
    }
}
