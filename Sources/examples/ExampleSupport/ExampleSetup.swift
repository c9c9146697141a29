import DeviceConfig
import DeviceTree
import PlatformBackends
import ProgramSupport
import PlatformCore
import VFIOPlatform

/// What `irqbench` uses, the one example program that is not a driver of the host (it measures
/// raw interrupt paths, one device at a time; the others run on `DriverProgram`): flags from the
/// command line, the running device tree, and opening the first enabled node of a compatible
/// through vfio or UIO (`--backend vfio|uio|auto`, auto by default).
public struct ExampleSetup {
    /// The program's command line: its words ("echo") and `--options`.
    public let arguments: ParsedArguments

    /// Words after the program name that are not options.
    public var words: [String] { arguments.words }

    /// Parses the program's arguments; `valued` names options that take a value (`--backend`
    /// always does).
    public init(valued: [String]) {
        arguments = ParsedArguments(valued: valued + CommonOptions.valued)
    }

    /// The integer value of `--name`, or `fallback`.
    public func integer(_ name: String, default fallback: Int) -> Int {
        arguments.integer(name, default: fallback)
    }

    /// The mode word (the first word) as one of `Mode`'s cases, `fallback` when none was given;
    /// a word that names no mode is a `.configuration` error listing the modes.
    public func mode<Mode: RawRepresentable & CaseIterable>(default fallback: Mode) throws(ProgramError) -> Mode
    where Mode.RawValue == String {
        guard let mode = arguments.choice(at: 0, default: fallback) else {
            throw .configuration("unknown mode \(words[0]): use \(ParsedArguments.listing(Mode.self))")
        }
        return mode
    }

    /// The running system's device tree (or `--dtb FILE`).
    public func deviceTree() throws(ProgramError) -> DeviceTree { try CommonOptions(arguments).deviceTree() }

    /// The first enabled node compatible with any of `compatibles`, in order of preference.
    public func node(compatibleWith compatibles: [String]) throws(ProgramError) -> DeviceTreeNode {
        let tree = try deviceTree()
        for compatible in compatibles {
            if let node = tree.nodes(compatibleWith: compatible).first(where: { $0.isEnabled }) { return node }
        }
        throw .configuration("no enabled device-tree node is compatible with \(compatibles.joined(separator: " or "))")
    }

    /// `node` decoded as `Config`'s binding describes it. A node that does not fit is a
    /// `.configuration` error listing every problem of the node, each property once.
    public func config<Config: DeviceBindingConfig>(of node: DeviceTreeNode, as type: Config.Type) throws(ProgramError) -> Config {
        do {
            return try Config(node: node)
        } catch {
            throw .configuration(Message(error.description))
        }
    }

    /// Opens `node` as the binding behind `Config` describes it, through vfio or UIO
    /// (`--backend`, auto by default), binding it to vfio-platform/vfio-amba or uio_pdrv_genirq
    /// when another driver (or none) has it (`vfioctl release` gives it back), with the risks the
    /// user allowed (`--allow-noiommu` for vfio without an IOMMU, `--allow-dma-master`); the
    /// binding's bus-master flag decides whether the second is needed. Prints what happened.
    public func open<Config: DeviceBindingConfig>(_ node: DeviceTreeNode, as binding: Config.Type) throws(ProgramError) -> BackendDevice {
        let common = CommonOptions(arguments)
        let options = common.openOptions
        let choice = try common.backendChoice()
        do throws(DeviceError) {
            let device = try BackendDevice.open(node: node, busMastering: try BusMastering.declared(by: Config.self, for: node),
                                                backend: choice, options: options)
            Output.line("DEVICE: \(device.name) (\(node.path)) \(device.holding), region 0 \(device.firstRegionSummary), \(device.interruptCount) irq(s)")
            return device
        } catch {
            throw .device(error)
        }
    }

    /// Runs `body`; on error prints `program: message` and exits 1.
    public static func run(_ program: String, _ body: () throws(ProgramError) -> Void) {
        do {
            try body()
        } catch {
            Output.error("\(program): \(error.description)")
            Output.exit(1)
        }
    }
}
