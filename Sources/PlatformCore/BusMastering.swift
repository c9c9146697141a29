/// What is known of whether a device masters the bus (does DMA). Without an IOMMU a bus master
/// can write anywhere in memory, so opening a device always states this: from its binding
/// (`VFIODevice.open(node:as:options:)`), or explicitly.
public enum BusMastering: Sendable, Equatable, CustomStringConvertible {
    /// The named binding says the device does not master the bus.
    case notMaster(binding: String)
    /// The named binding says the device masters the bus.
    case master(binding: String)
    /// No binding describes the device: it is treated as a possible DMA master.
    case unknown

    /// From a binding's name and its `bus-master` flag.
    public init(binding: String, isBusMaster: Bool) {
        self = isBusMaster ? .master(binding: binding) : .notMaster(binding: binding)
    }

    /// Whether no-IOMMU mode needs `allowDMAMasterWithoutIOMMU` for the device: a declared
    /// master, or a device nothing vouches for.
    public var mayMasterTheBus: Bool {
        if case .notMaster = self { return false }
        return true
    }

    /// "not a bus master (binding PL011)", "a bus master (binding FwCfg)", "unknown (no binding)".
    public var description: String {
        switch self {
        case .notMaster(let binding): return "not a bus master (binding \(binding))"
        case .master(let binding): return "a bus master (binding \(binding))"
        case .unknown: return "unknown (no binding describes it)"
        }
    }
}
