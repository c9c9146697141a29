import DeviceConfig
import DeviceTree
import ProgramSupport
import VFIOPlatform

/// What the example programs share: flags from the command line, the running device tree, and
/// opening the first enabled node of a compatible through VFIO.
public struct ExampleSetup {
    /// The program's command line: its words ("echo") and `--options`.
    public let arguments: ParsedArguments

    /// Words after the program name that are not options.
    public var words: [String] { arguments.words }

    /// Parses the program's arguments; `valued` names options that take a value.
    public init(valued: [String]) {
        arguments = ParsedArguments(valued: valued)
    }

    /// The integer value of `--name`, or `fallback`.
    public func integer(_ name: String, default fallback: Int) -> Int {
        arguments.integer(name, default: fallback)
    }

    /// The mode word (the first word) as one of `Mode`'s cases, `fallback` when none was given;
    /// a word that names no mode is a `.configuration` error listing the modes.
    public func mode<Mode: RawRepresentable & CaseIterable>(default fallback: Mode) throws(DriverError) -> Mode
    where Mode.RawValue == String {
        guard let mode = arguments.choice(at: 0, default: fallback) else {
            throw .configuration("unknown mode \(words[0]): use \(ParsedArguments.listing(Mode.self))")
        }
        return mode
    }

    /// The running system's device tree (or `--dtb FILE`).
    public func deviceTree() throws(DriverError) -> DeviceTree {
        do {
            if let path = arguments.value("--dtb") { return try DeviceTree(contentsOfFile: path) }
            return try DeviceTree.runningSystem()
        } catch {
            throw .configuration(error.description)
        }
    }

    /// The first enabled node compatible with any of `compatibles`, in order of preference.
    public func node(compatibleWith compatibles: [String]) throws(DriverError) -> DeviceTreeNode {
        let tree = try deviceTree()
        for compatible in compatibles {
            if let node = tree.nodes(compatibleWith: compatible).first(where: { $0.isEnabled }) { return node }
        }
        throw .configuration("no enabled device-tree node is compatible with \(compatibles.joined(separator: " or "))")
    }

    /// `node` decoded as `Config`'s binding describes it. A node that does not fit is a
    /// `.configuration` error listing every problem of the node, each property once.
    public func config<Config: DeviceBindingConfig>(of node: DeviceTreeNode, as type: Config.Type) throws(DriverError) -> Config {
        do {
            return try Config(node: node)
        } catch {
            throw .configuration(error.description)
        }
    }

    /// Opens `node` through VFIO as the binding behind `Config` describes it, binding it to vfio
    /// when another driver (or none) has it (`vfioctl release` gives it back), with the risks the
    /// user allowed (`--allow-noiommu`, `--allow-dma-master`); the binding's bus-master flag
    /// decides whether the second is needed. Prints what happened.
    public func open<Config: DeviceBindingConfig>(_ node: DeviceTreeNode, as binding: Config.Type) throws(DriverError) -> VFIODevice {
        let options = VFIOOptions(
            allowNoIOMMU: arguments.has("--allow-noiommu"),
            allowDMAMasterWithoutIOMMU: arguments.has("--allow-dma-master"),
            bindIfNeeded: true
        )
        do {
            let device = try VFIODevice.open(node: node, as: Config.self, options: options)
            let region = device.regions.first
            Output.line("DEVICE: \(device.name) (\(node.path)) bound to \(device.linuxDevice.bus.vfioDriver), group \(device.group.number)\(device.isNoIOMMU ? " (no-IOMMU, kernel tainted)" : ""), region 0 \(region.map { Format.hex($0.info.size) } ?? "-") \(region?.isMapped == true ? "mapped" : "via pread/pwrite"), \(device.interruptCount) irq(s)")
            return device
        } catch {
            throw .device(error)
        }
    }

    /// Runs `body`; on error prints `program: message` and exits 1.
    public static func run(_ program: String, _ body: () throws(DriverError) -> Void) {
        do {
            try body()
        } catch {
            Output.error("\(program): \(error.description)")
            Output.exit(1)
        }
    }
}
