/// `0x` and at least `digits` hex digits; `grouped` puts `_` between groups of four.
func hex(_ value: UInt64, digits: Int, grouped: Bool = false) -> String {
    var text = String(value, radix: 16, uppercase: true)
    if text.count < digits { text = String(repeating: "0", count: digits - text.count) + text }
    if grouped && text.count > 4 {
        var groups: [String] = []
        var rest = Substring(text)
        while rest.count > 4 {
            groups.insert(String(rest.suffix(4)), at: 0)
            rest = rest.dropLast(4)
        }
        groups.insert(String(rest), at: 0)
        text = groups.joined(separator: "_")
    }
    return "0x" + text
}
