import DeviceConfig
import DeviceTree
import PlatformBackends
import ProgramSupport
import VFIOPlatform

/// What the example programs share: flags from the command line, the running device tree, and
/// opening the first enabled node of a compatible through vfio or UIO (`--backend vfio|uio|auto`,
/// auto by default: the same binary runs on a kernel with vfio-platform and on one with only UIO).
public struct ExampleSetup {
    /// Words after the program name that are not flags.
    public let words: [String]
    /// Flags (`--name`) and their values (`--name VALUE` for the options listed in `valued`).
    public let flags: [String: String]

    /// Parses the program's arguments; `valued` names flags that take a value (`--backend`
    /// always does).
    public init(valued: [String]) {
        let valued = valued + ["--backend"]
        var words: [String] = []
        var flags: [String: String] = [:]
        var pending: String?
        for word in ProgramArguments.all().dropFirst() {
            if let name = pending {
                flags[name] = word
                pending = nil
            } else if word.hasPrefix("--") {
                if valued.contains(word) { pending = word } else { flags[word] = "" }
            } else {
                words.append(word)
            }
        }
        self.words = words
        self.flags = flags
    }

    /// The integer value of `--name`, or `fallback`.
    public func integer(_ name: String, default fallback: Int) -> Int {
        guard let text = flags[name], let value = Int(text) else { return fallback }
        return value
    }

    /// The running system's device tree (or `--dtb FILE`).
    public func deviceTree() throws(DriverError) -> DeviceTree {
        do {
            if let path = flags["--dtb"] { return try DeviceTree(contentsOfFile: path) }
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

    /// The backend asked for with `--backend vfio|uio|auto` (auto when absent).
    public func backendChoice() throws(DriverError) -> BackendChoice {
        guard let text = flags["--backend"] else { return .auto }
        guard let choice = BackendChoice(parsing: text) else { throw .backend(.unknownChoice(text)) }
        return choice
    }

    /// Opens `node` as the binding behind `Config` describes it, through vfio or UIO
    /// (`--backend`, auto by default), binding it to vfio-platform/vfio-amba or uio_pdrv_genirq
    /// when another driver (or none) has it (`vfioctl release` gives it back), with the risks the
    /// user allowed (`--allow-noiommu` for vfio without an IOMMU, `--allow-dma-master`); the
    /// binding's bus-master flag decides whether the second is needed. Prints what happened.
    public func open<Config: DeviceBindingConfig>(_ node: DeviceTreeNode, as binding: Config.Type) throws(DriverError) -> BackendDevice {
        let options = VFIOOptions(
            allowNoIOMMU: flags["--allow-noiommu"] != nil,
            allowDMAMasterWithoutIOMMU: flags["--allow-dma-master"] != nil,
            bindIfNeeded: true
        )
        let choice = try backendChoice()
        do {
            let device = try BackendDevice.open(node: node, as: Config.self, backend: choice, options: options)
            Output.line("DEVICE: \(device.name) (\(node.path)) \(device.holding), region 0 \(device.firstRegionSummary), \(device.interruptCount) irq(s)")
            return device
        } catch {
            throw .backend(error)
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
