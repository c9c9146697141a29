extension DeviceTreeNode {
    /// The `compatible` list, most specific first; empty when absent or malformed.
    public var compatible: [String] {
        (try? stringList("compatible")) ?? []
    }

    /// True when `compatible` lists `name`.
    public func isCompatible(with name: String) -> Bool {
        compatible.contains(name)
    }

    /// How well this node matches a driver supporting `preferring`: the index, in the node's own
    /// `compatible` list, of the first (most specific) entry the driver supports, or nil when none
    /// is supported. Lower is better; 0 means the driver knows the node's exact model.
    ///
    /// This is the order of preference the Devicetree Specification gives `compatible`: a driver
    /// that supports "vendor,soc-uart" beats one that only supports the fallback "ns16550a".
    public func compatibilityRank(preferring supported: [String]) -> Int? {
        for (rank, entry) in compatible.enumerated() where supported.contains(entry) {
            return rank
        }
        return nil
    }
}
