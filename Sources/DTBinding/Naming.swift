/// How binding names become Swift names, and which Swift names a binding may not produce.
public enum SwiftNaming {
    /// Swift keywords (declaration, statement and expression keywords, and those reserved in
    /// particular contexts where the generated code would place a name).
    public static let keywords: Set<String> = [
        "associatedtype", "borrowing", "class", "consuming", "deinit", "enum", "extension", "fileprivate",
        "func", "import", "init", "inout", "internal", "let", "nonisolated", "open", "operator", "private",
        "precedencegroup", "protocol", "public", "rethrows", "static", "struct", "subscript", "typealias",
        "var", "break", "case", "catch", "continue", "default", "defer", "do", "else", "fallthrough", "for",
        "guard", "if", "in", "repeat", "return", "throw", "switch", "where", "while", "Any", "as", "await",
        "false", "is", "nil", "self", "Self", "super", "throws", "true", "try", "Type", "Protocol", "_",
    ]

    /// Whether `name` is usable as a name in a binding: an ASCII letter or `_` first, then letters,
    /// digits and `_`.
    public static func isIdentifier(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.isASCIILetter || first == "_" else { return false }
        return name.unicodeScalars.allSatisfy { $0.isASCIILetter || $0.isASCIIDigit || $0 == "_" }
    }

    /// The lowerCamelCase member name of a register, field, cluster or enum case name, keeping
    /// acronyms readable: `FR` -> `fr`, `LCR_H` -> `lcrH`, `PeriphID` -> `periphID`,
    /// `BGLoad` -> `bgLoad`, `TXFF` -> `txff`; and of a device-tree property name:
    /// `current-speed` -> `currentSpeed`, `#gpio-cells` -> `gpioCells`.
    public static func member(_ name: String) -> String {
        let words = name.split(whereSeparator: { "_-,.#+ ".contains($0) }).map(String.init)
        guard let head = words.first else { return name }
        var result = lowerHead(head)
        for word in words.dropFirst() {
            result += upperHead(word)
        }
        if let first = result.unicodeScalars.first, first.isASCIIDigit { result = "_" + result }
        return result
    }

    /// The UpperCamelCase type name of a device-tree property or string value:
    /// `phy-mode` -> `PhyMode`.
    public static func type(_ name: String) -> String {
        let words = name.split(whereSeparator: { "_-,.#+ ".contains($0) }).map(String.init)
        var result = words.map(upperHead).joined()
        if let first = result.unicodeScalars.first, first.isASCIIDigit { result = "_" + result }
        return result
    }

    /// Lower-cases a leading run of capitals, keeping the last one when it starts a new word.
    private static func lowerHead(_ word: String) -> String {
        let scalars = Array(word.unicodeScalars)
        var upperRun = 0
        while upperRun < scalars.count, scalars[upperRun].isASCIIUpper || (upperRun > 0 && scalars[upperRun].isASCIIDigit) {
            upperRun += 1
        }
        if upperRun == 0 { return word }
        if upperRun == scalars.count { return word.lowercased() }
        // "BGLoad": the capital before the first lower-case letter starts the next word.
        let keep = upperRun > 1 && scalars[upperRun].isASCIILower ? upperRun - 1 : upperRun
        let lowered = String(String.UnicodeScalarView(scalars[..<keep])).lowercased()
        return lowered + String(String.UnicodeScalarView(scalars[keep...]))
    }

    /// `CLR` -> `Clr`, `clr` -> `Clr`, `IntClr` -> `IntClr`.
    private static func upperHead(_ word: String) -> String {
        let isAllUpper = word.unicodeScalars.allSatisfy { !$0.isASCIILower }
        let body = isAllUpper ? word.lowercased() : word
        guard let first = body.first else { return body }
        return first.uppercased() + body.dropFirst()
    }

    /// Escapes text for a Swift string literal.
    static func literal(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": result += "\\\\"
            case "\"": result += "\\\""
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    result += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}

extension Unicode.Scalar {
    var isASCIILetter: Bool { isASCIIUpper || isASCIILower }
    var isASCIIUpper: Bool { ("A"..."Z").contains(self) }
    var isASCIILower: Bool { ("a"..."z").contains(self) }
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
