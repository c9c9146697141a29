import DeviceConfig
import DeviceTree

extension VFIODevice {
    /// Opens the device made from `node`, described by the binding behind `Config` (a generated
    /// `<Name>Config` type): the binding's `bus-master` decides whether no-IOMMU mode may take
    /// it, so a DMA master is refused unless `options.allowDMAMasterWithoutIOMMU`. Confirms
    /// through sysfs that the Linux device is that node, and names regions from `reg-names`.
    ///
    ///     let device = try VFIODevice.open(node: node, as: PL011Config.self,
    ///                                      options: VFIOOptions(allowNoIOMMU: true, bindIfNeeded: true))
    public static func open<Config: DeviceBindingConfig>(
        node: DeviceTreeNode,
        as binding: Config.Type,
        options: VFIOOptions = VFIOOptions(),
        paths: SystemPaths = SystemPaths()
    ) throws(VFIOError) -> VFIODevice {
        let busMastering = try BusMastering.declared(by: Config.self, for: node)
        return try open(node: node, busMastering: busMastering, options: options, paths: paths)
    }

    /// Opens the device of a decoded configuration: `open(node: config.node, as: Config.self)`.
    public static func open<Config: DeviceBindingConfig>(
        _ config: Config,
        options: VFIOOptions = VFIOOptions(),
        paths: SystemPaths = SystemPaths()
    ) throws(VFIOError) -> VFIODevice {
        try open(node: config.node, as: Config.self, options: options, paths: paths)
    }

    /// Opens the device made from `node` with an explicit `busMastering`, for tools that find
    /// the binding at run time (`BindingSummary`); `.unknown` is treated as a possible DMA master.
    public static func open(
        node: DeviceTreeNode,
        busMastering: BusMastering,
        options: VFIOOptions = VFIOOptions(),
        paths: SystemPaths = SystemPaths()
    ) throws(VFIOError) -> VFIODevice {
        let name = try node.vfioLinuxName()
        return try open(linuxName: name, busMastering: busMastering, expectedNodePath: node.path,
                        regionNames: node.regNames, options: options, paths: paths)
    }
}

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
