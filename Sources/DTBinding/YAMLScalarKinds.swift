/// What a plain YAML scalar means besides text: a number or boolean where a string belongs is
/// refused (YAML tools read `compatible: 42` as a number), and a number out of 64 bits is told
/// apart from something that is no number.
extension YAMLValue {
    /// "the number 42" or "the boolean true" when the node is a plain (unquoted) scalar that YAML
    /// reads as a number or boolean; nil for text and quoted scalars.
    var plainNonString: String? {
        guard case .scalar(let text, let plain) = kind, plain, !isNull else { return nil }
        if ["true", "True", "TRUE", "false", "False", "FALSE"].contains(text) { return "the boolean \(text)" }
        if Self.isNumberText(text) { return "the number \(text)" }
        return nil
    }

    /// Whether `text` is a YAML number: an integer (decimal, 0x, 0o, 0b, `_` separators, signed)
    /// or a float (`1.5`, `1e3`, `.inf`, `.nan`).
    static func isNumberText(_ text: String) -> Bool {
        if integerText(text) != nil { return true }
        let unsigned = text.hasPrefix("-") || text.hasPrefix("+") ? String(text.dropFirst()) : text
        if [".inf", ".Inf", ".INF", ".nan", ".NaN", ".NAN"].contains(unsigned) { return true }
        return unsigned.contains(where: \.isNumber) && unsigned.allSatisfy({ $0.isNumber || "._eE+-".contains($0) })
            && Double(unsigned.replacingOccurrences(of: "_", with: "")) != nil
    }

    /// An integer literal: its sign and magnitude, the magnitude nil when it needs more than
    /// 64 bits. Nil when `text` is no integer literal.
    static func integerText(_ text: String) -> (negative: Bool, magnitude: UInt64?)? {
        var body = Substring(text)
        var negative = false
        if let sign = body.first, sign == "-" || sign == "+" {
            negative = sign == "-"
            body = body.dropFirst()
        }
        var digits = body.replacingOccurrences(of: "_", with: "")
        var radix = 10
        for (prefix, base) in [("0x", 16), ("0X", 16), ("0b", 2), ("0B", 2), ("0o", 8)] where digits.hasPrefix(prefix) {
            digits.removeFirst(2)
            radix = base
        }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isHexDigit && Int(String($0), radix: radix) != nil }) else { return nil }
        return (negative, UInt64(digits, radix: radix))
    }
}
