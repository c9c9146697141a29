/// Naming the bits of a flags word, shared by the kernel option sets of every backend.
package enum FlagNames {
    /// "a|b|0x40" for the bits of `raw`, "none" when no bit is set.
    package static func describe(_ raw: UInt32, _ names: [(UInt32, String)]) -> String {
        var parts: [String] = []
        var unknown = raw
        for (bit, name) in names where raw & bit != 0 {
            parts.append(name)
            unknown &= ~bit
        }
        if unknown != 0 { parts.append("0x" + String(unknown, radix: 16)) }
        if parts.isEmpty { return "none" }
        var text = ""
        for part in parts {
            if !text.isEmpty { text += "|" }
            text += part
        }
        return text
    }
}
