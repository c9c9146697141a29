import Foundation

/// Reading single values of a binding: each reports what is wrong at the value's line.
extension BindingReader {
    /// Reports keys of `node` not in `allowed`; false if `node` is not a mapping.
    @discardableResult
    func checkKeys(_ node: YAMLValue, allowed: [String], context: String) -> Bool {
        guard let pairs = node.mapping else {
            sink.error(at: node, "\(context) must be a mapping, found \(node.kindName)")
            return false
        }
        for (key, _) in pairs {
            guard let name = key.scalar else {
                sink.error(at: key, "keys of \(context) must be strings")
                continue
            }
            if !allowed.contains(name) {
                sink.error(at: key, "unknown key '\(name)' in \(context) (expected one of: \(allowed.joined(separator: ", ")))")
            }
        }
        return true
    }

    func text(_ node: YAMLValue, _ key: String) -> String? {
        guard let value = node[key] else { return nil }
        guard let text = value.scalar else {
            if !value.isNull { sink.error(at: value, "'\(key)' must be text, found \(value.kindName)") }
            return nil
        }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }

    func bool(_ node: YAMLValue, _ key: String, context: String) -> Bool? {
        guard let value = node[key] else { return nil }
        guard let result = value.bool else {
            sink.error(at: value, "'\(key)' of \(context) must be true or false, found \(value.scalar.map { "'\($0)'" } ?? value.kindName)")
            return nil
        }
        return result
    }

    /// The whole number at `key`, which must lie in `range`; nil (reported) when it is missing
    /// but `required`, is no number, or is out of range. `hex` shows the range in hex (bytes);
    /// `advice` says what to do about a number out of range.
    func unsigned(_ node: YAMLValue, _ key: String, context: String, required: Bool = false,
                  in range: ClosedRange<UInt64> = 0...UInt64.max, hex: Bool = false, advice: String? = nil) -> UInt64? {
        guard let value = node[key] else {
            if required { sink.error(at: node, "\(context) needs '\(key)'") }
            return nil
        }
        return unsigned(value, named: "'\(key)' of \(context)", in: range, hex: hex, advice: advice)
    }

    /// The whole number `value` (called `what` in messages), which must lie in `range`.
    func unsigned(_ value: YAMLValue, named what: String, in range: ClosedRange<UInt64>, hex: Bool = false, advice: String? = nil) -> UInt64? {
        let allowed = "\(NumericLimits.text(range.lowerBound, hex: hex)) to \(NumericLimits.text(range.upperBound, hex: hex))"
        guard let text = value.scalar, let literal = YAMLValue.integerText(text) else {
            sink.error(at: value, "\(what) must be a whole number from \(allowed), found \(value.scalar.map { "'\($0)'" } ?? value.kindName)")
            return nil
        }
        guard !literal.negative || literal.magnitude == 0, let number = literal.magnitude, range.contains(number) else {
            sink.error(at: value, "\(what) is \(text), out of range (allowed: \(allowed))" + (advice.map { ": " + $0 } ?? ""))
            return nil
        }
        return number
    }

    func stringList(_ node: YAMLValue, _ key: String, context: String, nonEmpty: Bool) -> [String] {
        guard let value = node[key] else { return [] }
        if value.scalar != nil { return string(value, key: key, context: context).map { [$0] } ?? [] }
        guard let items = value.sequence, !(nonEmpty && items.isEmpty) else {
            sink.error(at: value, "'\(key)' of \(context) must be a string or a non-empty list of strings")
            return []
        }
        return items.compactMap { item in
            if item.scalar != nil { return string(item, key: key, context: context) }
            sink.error(at: item, "'\(key)' entries must be strings, found \(item.kindName)")
            return nil
        }
    }

    /// A scalar of `key` that must be a string: a plain number or boolean is refused.
    private func string(_ value: YAMLValue, key: String, context: String) -> String? {
        guard let text = value.scalar else { return nil }
        if let found = value.plainNonString {
            sink.error(at: value, "'\(key)' of \(context) must be a string, found \(found): quote it (\"\(text)\")")
            return nil
        }
        return text
    }

    func registerWidth(_ node: YAMLValue, context: String) -> Int? {
        guard let value = node["width"] else { return nil }
        guard let width = value.unsigned, [8, 16, 32, 64].contains(width) else {
            sink.error(at: value, "width of \(context) must be 8, 16, 32 or 64 bits, found \(value.scalar ?? value.kindName)")
            return nil
        }
        return Int(width)
    }

    func accessKind(_ node: YAMLValue, context: String) -> AccessKind? {
        guard let value = node["access"] else { return nil }
        guard let text = value.scalar, let access = AccessKind(rawValue: text) else {
            sink.error(at: value, "unknown access kind '\(value.scalar ?? value.kindName)' for \(context) (expected ro, wo, rw, w1c or rc)")
            return nil
        }
        return access
    }
}
