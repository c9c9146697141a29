import DeviceConfig
import DeviceTree
import ProgramSupport
import VFIOPlatform

/// What the example programs share: flags from the command line, the running device tree, and
/// opening the first enabled node of a compatible through VFIO.
public struct ExampleSetup {
    /// Words after the program name that are not flags.
    public let words: [String]
    /// Flags (`--name`) and their values (`--name VALUE` for the options listed in `valued`).
    public let flags: [String: String]

    /// Parses the program's arguments; `valued` names flags that take a value.
    public init(valued: [String]) {
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

    /// Opens `node` through VFIO as the binding behind `Config` describes it, binding it to vfio
    /// when another driver (or none) has it (`vfioctl release` gives it back), with the risks the
    /// user allowed (`--allow-noiommu`, `--allow-dma-master`); the binding's bus-master flag
    /// decides whether the second is needed. Prints what happened.
    public func open<Config: DeviceBindingConfig>(_ node: DeviceTreeNode, as binding: Config.Type) throws(DriverError) -> VFIODevice {
        let options = VFIOOptions(
            allowNoIOMMU: flags["--allow-noiommu"] != nil,
            allowDMAMasterWithoutIOMMU: flags["--allow-dma-master"] != nil,
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
