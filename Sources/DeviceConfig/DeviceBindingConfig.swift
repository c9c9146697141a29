import DeviceTree

/// The device-tree configuration of a node, as a binding describes it: what every generated
/// `<Name>Config` struct is. Opening a device from its config (`BackendDevice.open(config)`, as
/// the driver host does) is how the binding's `bus-master` reaches the safety rules without the
/// caller copying it by hand, and the compatibles are how the host matches a driver to nodes.
public protocol DeviceBindingConfig: Sendable {
    /// The binding's name, e.g. "PL011".
    static var bindingName: String { get }
    /// The compatible strings that select the binding, most specific first.
    static var compatibles: [String] { get }
    /// Whether the device masters the bus (does DMA), from the binding's `bus-master`.
    static var isBusMaster: Bool { get }
    /// The node the configuration was decoded from.
    var node: DeviceTreeNode { get }
    /// Decodes and checks the properties of `node` against the binding.
    init(node: DeviceTreeNode) throws(BindingConfigError)
}

extension DeviceBindingConfig {
    /// Whether `node` is one this binding describes: it lists one of `compatibles`.
    public static func describes(_ node: DeviceTreeNode) -> Bool {
        BindingSummary(Self.self).describes(node)
    }
}

/// What a tool needs to know of a binding without its generated type: its name, compatibles and
/// whether the device masters the bus. Generated modules list theirs in `BindingCatalog.all`.
public struct BindingSummary: Sendable, Equatable {
    /// The binding's name, e.g. "PL011".
    public let name: String
    /// The compatible strings that select the binding.
    public let compatibles: [String]
    /// Whether the device masters the bus (does DMA).
    public let isBusMaster: Bool

    /// The summary of the binding behind a generated config type.
    public init<Config: DeviceBindingConfig>(_ type: Config.Type) {
        name = Config.bindingName
        compatibles = Config.compatibles
        isBusMaster = Config.isBusMaster
    }

    /// A summary from its parts.
    public init(name: String, compatibles: [String], isBusMaster: Bool) {
        self.name = name
        self.compatibles = compatibles
        self.isBusMaster = isBusMaster
    }

    /// Whether `node` lists one of this binding's compatibles.
    public func describes(_ node: DeviceTreeNode) -> Bool {
        for compatible in compatibles where node.isCompatible(with: compatible) { return true }
        return false
    }

    /// The first of `summaries` that describes `node`, or nil when none does.
    public static func find(for node: DeviceTreeNode, in summaries: [BindingSummary]) -> BindingSummary? {
        for summary in summaries where summary.describes(node) { return summary }
        return nil
    }
}
