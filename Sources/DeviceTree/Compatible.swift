import ByteText
extension DeviceTreeNode {
    /// The `compatible` list, most specific first; empty when absent or malformed.
    public var compatible: [String] {
        (try? stringList("compatible")) ?? []
    }

    /// True when `compatible` lists `name`.
    public func isCompatible(with name: String) -> Bool {
        listsCompatible(name)
    }

    /// True when a well-formed (NUL-terminated) `compatible` lists any of `names`: what
    /// `compatible.contains { names.contains($0) }` answers, compared in place in the blob in one
    /// pass over the list.
    func listsCompatible(anyOf names: [String]) -> Bool {
        guard let raw = rawProperty(.compatible), raw.length > 0, raw.buffer[raw.length - 1] == 0 else { return false }
        let list = raw.buffer
        var start = 0
        while start < list.count {
            var end = start
            while list[end] != 0 { end += 1 }
            for name in names where name.utf8.count == end - start {
                var text = name
                let equal = text.withUTF8 { utf8 in
                    for offset in 0..<utf8.count where utf8[offset] != list[start + offset] { return false }
                    return true
                }
                if equal { return true }
            }
            start = end + 1
        }
        return false
    }

    /// True when a well-formed (NUL-terminated) `compatible` lists `name`.
    private func listsCompatible(_ name: String) -> Bool {
        listsCompatible(anyOf: [name])
    }

    /// How well this node matches a driver supporting `preferring`: the index, in the node's own
    /// `compatible` list, of the first (most specific) entry the driver supports, or nil when none
    /// is supported. Lower is better; 0 means the driver knows the node's exact model.
    ///
    /// This is the order of preference the Devicetree Specification gives `compatible`: a driver
    /// that supports "vendor,soc-uart" beats one that only supports the fallback "ns16550a".
    public func compatibilityRank(preferring supported: [String]) -> Int? {
        for (rank, entry) in compatible.enumerated() where supported.containsBytes(entry) {
            return rank
        }
        return nil
    }
}
