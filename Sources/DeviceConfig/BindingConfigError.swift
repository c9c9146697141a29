/// Why a device-tree node does not decode into a generated binding config struct: every problem
/// of the node at once, each property named once, the node named once.
public enum BindingConfigError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The node at `path` has `problems` (never empty), in the order of the binding's properties.
    case invalidNode(path: String, problems: [PropertyProblem])

    /// The full path of the node.
    public var path: String {
        switch self {
        case let .invalidNode(path, _): return path
        }
    }

    /// What is wrong with the node's properties.
    public var problems: [PropertyProblem] {
        switch self {
        case let .invalidNode(_, problems): return problems
        }
    }

    /// One problem: "/uart@1000: property 'reg' is required but missing". Several: the node and
    /// their number on the first line, then one indented line per problem.
    public var description: String {
        let problems = self.problems
        if problems.count == 1 { return "\(path): \(problems[0])" }
        var text = "\(path): \(problems.count) problems"
        for problem in problems { text += "\n  \(problem)" }
        return text
    }
}
