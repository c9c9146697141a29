/// One problem found in a binding file, reported as `file:line: message`.
public struct BindingDiagnostic: Error, Equatable, Sendable, CustomStringConvertible {
    /// The binding file, as it was named to the tool.
    public var file: String
    /// The 1-based line the problem is on (0 when the file could not be read at all).
    public var line: Int
    /// What is wrong, in one line.
    public var message: String

    public init(file: String, line: Int, message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    /// `file:line: error: message`, the form compilers use, so that build logs and editors mark it.
    public var description: String { "\(file):\(line): error: \(message)" }
}

/// Every problem found while loading one or more binding files; nothing is generated when any is.
public struct BindingErrors: Error, Sendable, CustomStringConvertible {
    /// The problems, in file then line order.
    public var diagnostics: [BindingDiagnostic]

    public init(_ diagnostics: [BindingDiagnostic]) {
        self.diagnostics = diagnostics.sorted { ($0.file, $0.line, $0.message) < ($1.file, $1.line, $1.message) }
    }

    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}

/// Collects diagnostics while a file is parsed, so that one run reports every problem.
final class DiagnosticSink {
    private(set) var diagnostics: [BindingDiagnostic] = []

    func error(_ file: String, _ line: Int, _ message: String) {
        diagnostics.append(BindingDiagnostic(file: file, line: line, message: message))
    }

    func error(at node: YAMLValue, _ message: String) {
        error(node.file, node.line, message)
    }

    var isEmpty: Bool { diagnostics.isEmpty }
}
