import DeviceConfig
import DeviceTree

extension BusMastering {
    /// What `summaries` say of `node`: the first binding that describes it, or `.unknown`.
    public init(of node: DeviceTreeNode, in summaries: [BindingSummary]) {
        if let summary = BindingSummary.find(for: node, in: summaries) {
            self.init(binding: summary.name, isBusMaster: summary.isBusMaster)
        } else {
            self = .unknown
        }
    }
}
