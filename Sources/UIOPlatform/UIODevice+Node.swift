import DeviceConfig
import DeviceTree
import VFIOPlatform

extension UIODevice {
    /// Opens the device made from `node`, described by the binding behind `Config` (a generated
    /// `<Name>Config` type): the binding's `bus-master` decides whether the device may be driven
    /// without DMA isolation. Region sizes come from the node's `reg`, names from `reg-names`.
    ///
    ///     let device = try UIODevice.open(node: node, as: PL011Config.self,
    ///                                     options: VFIOOptions(bindIfNeeded: true))
    public static func open<Config: DeviceBindingConfig>(
        node: DeviceTreeNode,
        as binding: Config.Type,
        options: VFIOOptions = VFIOOptions(),
        paths: SystemPaths = SystemPaths()
    ) throws(UIOError) -> UIODevice {
        let busMastering: BusMastering
        do { busMastering = try BusMastering.declared(by: Config.self, for: node) } catch { throw UIOError(error) }
        return try open(node: node, busMastering: busMastering, options: options, paths: paths)
    }

    /// Opens the device of a decoded configuration: `open(node: config.node, as: Config.self)`.
    public static func open<Config: DeviceBindingConfig>(
        _ config: Config,
        options: VFIOOptions = VFIOOptions(),
        paths: SystemPaths = SystemPaths()
    ) throws(UIOError) -> UIODevice {
        try open(node: config.node, as: Config.self, options: options, paths: paths)
    }

    /// Opens the device made from `node` with an explicit `busMastering`, for tools that find
    /// the binding at run time; `.unknown` is treated as a possible DMA master.
    public static func open(
        node: DeviceTreeNode,
        busMastering: BusMastering,
        options: VFIOOptions = VFIOOptions(),
        paths: SystemPaths = SystemPaths()
    ) throws(UIOError) -> UIODevice {
        let layout = try NodeLayout(node)
        return try open(linuxName: layout.linuxName, busMastering: busMastering, expectedNodePath: node.path,
                        registerSizes: layout.registerSizes, regionNames: node.regNames,
                        interruptCount: layout.interruptCount, options: options, paths: paths)
    }
}

/// What opening a node through UIO needs from the device tree: its Linux name, the size of each
/// `reg` entry and how many interrupts it has.
struct NodeLayout {
    let linuxName: String
    let registerSizes: [Int]
    let interruptCount: Int

    init(_ node: DeviceTreeNode) throws(UIOError) {
        do {
            linuxName = try node.linuxDeviceName()
            var sizes: [Int] = []
            for range in try node.registers() { sizes.append(Int(truncatingIfNeeded: range.size)) }
            registerSizes = sizes
            interruptCount = try node.interrupts().count
        } catch {
            throw .deviceTree(error.description)
        }
    }
}
