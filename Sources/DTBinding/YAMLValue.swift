import Foundation
import Yams

/// A YAML node with the file and line it came from, so every diagnostic can point at its source.
struct YAMLValue {
    enum Kind {
        case scalar(String, plain: Bool)
        case mapping([(key: YAMLValue, value: YAMLValue)])
        case sequence([YAMLValue])
    }

    var kind: Kind
    var file: String
    var line: Int

    /// Parses `text` (the contents of `file`); a syntax error becomes a diagnostic at its line.
    /// Refuses, before building any tree, what ``YAMLLimits`` does not allow (aliases expanding
    /// beyond a cap, deep nesting, huge files).
    static func parse(_ text: String, file: String) throws(BindingErrors) -> YAMLValue {
        if let violation = YAMLLimits.violation(in: text, file: file) { throw BindingErrors([violation]) }
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw BindingErrors([diagnostic(for: error, text: text, file: file)])
        } catch {
            throw BindingErrors([BindingDiagnostic(file: file, line: 1, message: "YAML syntax error: \(error)")])
        }
        guard let node else {
            throw BindingErrors([BindingDiagnostic(file: file, line: 1, message: "empty binding file")])
        }
        return YAMLValue(node, file: file)
    }

    init(_ node: Node, file: String) {
        self.file = file
        self.line = node.mark?.line ?? 1
        switch node {
        case .scalar(let scalar):
            kind = .scalar(scalar.string, plain: scalar.style == .plain || scalar.style == .any)
        case .mapping(let mapping):
            kind = .mapping(mapping.map { (key: YAMLValue($0.key, file: file), value: YAMLValue($0.value, file: file)) })
        case .sequence(let sequence):
            kind = .sequence(sequence.map { YAMLValue($0, file: file) })
        case .alias:
            kind = .scalar("", plain: true)
        }
    }

    private static func diagnostic(for error: YamlError, text: String, file: String) -> BindingDiagnostic {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return BindingDiagnostic(file: file, line: mark.line, message: "YAML syntax error: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let key = duplicates.sorted().first ?? "?"
            let line = secondOccurrence(of: key, after: context.mark.line, in: text) ?? context.mark.line
            return BindingDiagnostic(file: file, line: line, message: "duplicate key '\(key)' (first at line \(context.mark.line))")
        case .reader(let problem, _, _, _):
            return BindingDiagnostic(file: file, line: 1, message: "YAML syntax error: \(problem)")
        default:
            return BindingDiagnostic(file: file, line: 1, message: "YAML syntax error: \(error)")
        }
    }

    /// The line of the repeated `key:` after `firstLine` (the YAML library reports the first one).
    private static func secondOccurrence(of key: String, after firstLine: Int, in text: String) -> Int? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard firstLine >= 1, firstLine <= lines.count else { return nil }
        let first = lines[firstLine - 1]
        guard let column = first.range(of: key)?.lowerBound else { return nil }
        let indent = first.distance(from: first.startIndex, to: column)
        for index in firstLine..<lines.count {
            let candidate = lines[index]
            guard candidate.count > indent else { continue }
            let start = candidate.index(candidate.startIndex, offsetBy: indent)
            if candidate[start...].hasPrefix(key + ":") || candidate[start...].hasPrefix("\"\(key)\":") {
                return index + 1
            }
        }
        return nil
    }

    // MARK: Accessors

    var isNull: Bool {
        if case .scalar(let text, let plain) = kind, plain, text.isEmpty || text == "~" || text == "null" { return true }
        return false
    }

    var scalar: String? {
        if case .scalar(let text, _) = kind, !isNull { return text }
        return nil
    }

    var mapping: [(key: YAMLValue, value: YAMLValue)]? {
        if case .mapping(let pairs) = kind { return pairs }
        return nil
    }

    var sequence: [YAMLValue]? {
        if case .sequence(let items) = kind { return items }
        return nil
    }

    /// A plain `true`/`false`.
    var bool: Bool? {
        guard case .scalar(let text, let plain) = kind, plain else { return nil }
        switch text {
        case "true": return true
        case "false": return false
        default: return nil
        }
    }

    /// A non-negative integer: decimal, `0x` hex, `0b` binary or `0o` octal, `_` separators allowed.
    var unsigned: UInt64? {
        guard let text = scalar else { return nil }
        return YAMLValue.parseUnsigned(text)
    }

    /// An unsigned literal without a sign, fitting 64 bits (`integerText` reads the digits).
    static func parseUnsigned(_ text: String) -> UInt64? {
        guard let first = text.first, first != "-", first != "+", let literal = integerText(text) else { return nil }
        return literal.magnitude
    }

    /// A short name of the node's kind, for "expected X, found Y" messages.
    var kindName: String {
        switch kind {
        case .scalar: return isNull ? "nothing" : "a scalar"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        }
    }

    /// The value of `key` in a mapping.
    subscript(key: String) -> YAMLValue? {
        mapping?.first { $0.key.scalar == key }?.value
    }
}
