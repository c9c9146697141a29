import ProgramSupport
import DeviceConfig
import DeviceTree
import PlatformBackends
import PlatformCore
import VFIOPlatform

/// The parsed command line: a command, positional words and --options (compared by bytes, see
/// ProgramSupport.ParsedArguments).
struct CommandLineOptions {
    /// The options that take a value.
    static let valued = CommonOptions.valued + ["--sysfs", "--group", "--udev-rule", "--out"]

    /// The first word: the command.
    let command: String
    /// The words after the command.
    let positional: [String]
    /// The command line as parsed.
    let parsed: ParsedArguments
    /// The bindings the tool knows (the shipped ones, and a user's when built in their package).
    let bindings: BindingCatalogue

    init(_ words: [String], bindings: BindingCatalogue) {
        self.bindings = bindings
        parsed = ParsedArguments(words, valued: Self.valued)
        command = parsed.words.first ?? ""
        positional = Array(parsed.words.dropFirst())
    }

    /// The flags given (`flags.contains("--all")`).
    var flags: Flags { Flags(parsed: parsed) }
    /// The values of valued options (`values["--dtb"]`).
    var values: Values { Values(parsed: parsed) }

    /// Which flags were given.
    struct Flags {
        let parsed: ParsedArguments
        /// Whether `--name` was given.
        func contains(_ name: String) -> Bool { parsed.has(name) }
    }

    /// The values of options such as `--dtb FILE`.
    struct Values {
        let parsed: ParsedArguments
        /// The value of `--name`, or nil.
        subscript(_ name: String) -> String? { parsed.value(name) }
    }

    /// Where sysfs is: /sys, or --sysfs DIR (a stand-in tree, for trying vfioctl off the board).
    var paths: SystemPaths {
        guard let sysfs = values["--sysfs"] else { return SystemPaths() }
        return SystemPaths(sysfs: sysfs)
    }

    /// The options every program shares (--dtb, --backend, the opt-ins, --no-bind).
    var common: CommonOptions { CommonOptions(parsed) }

    /// The options the user allowed for opening a device. vfioctl binds a device when it opens
    /// it (its usage says so), unless --no-bind.
    var openOptions: OpenOptions { common.openOptions }

    /// The backend asked for: --backend vfio|uio|auto (auto when absent).
    func backendChoice() throws(ProgramError) -> BackendChoice { try common.backendChoice() }

    /// The device tree to read: --dtb FILE, else the running system's.
    func deviceTree() throws(ProgramError) -> DeviceTree { try common.deviceTree() }

    /// The first positional word as a device selector.
    func selector() throws(ProgramError) -> DeviceSelector {
        guard let first = positional.first else { throw .usage("name a DEVICE (see `vfioctl` for usage)") }
        return DeviceSelector(parsing: first)
    }

    /// The Linux name and the node it was made from: the node the selector names, or for a Linux
    /// name the node its sysfs of_node link points at (nil when the tree has no such node).
    func resolveDevice() throws(ProgramError) -> (name: String, node: DeviceTreeNode?) {
        let selector = try selector()
        if case .linuxName(let name) = selector { return (name, try node(ofLinuxDevice: name)) }
        let tree = try deviceTree()
        return try driving { () throws(DeviceError) in
            guard let node = try selector.node(in: tree) else { throw .nodeNotFound(selector: selector.description) }
            return (try node.deviceName(), node)
        }
    }

    /// The device-tree node behind the Linux device `name`, through its of_node link: nil when
    /// there is no such device or it has no node; a tree that cannot be read is an error (the
    /// node decides which binding, and so which safety rule, applies).
    private func node(ofLinuxDevice name: String) throws(ProgramError) -> DeviceTreeNode? {
        guard let device = try? DeviceLocator(paths: paths).device(named: name), let path = device.ofNodePath else { return nil }
        return try deviceTree().node(atPath: path)
    }

    /// Whether the device of `node` may master the bus, from the bindings the tool knows
    /// (`bindings`); a device none of them describes, or without a node, is treated as a
    /// possible DMA master, so without an IOMMU it needs --allow-dma-master.
    func busMastering(of node: DeviceTreeNode?) -> BusMastering {
        node.map { BusMastering(of: $0, in: bindings.summaries) } ?? .unknown
    }

    /// Opens the device named on the command line through the backend --backend picks.
    func openDevice() throws(ProgramError) -> BackendDevice {
        let (name, node) = try resolveDevice()
        return try openDevice(name: name, node: node)
    }

    /// Opens the device `resolveDevice()` found, without reading the tree again.
    func openDevice(name: String, node: DeviceTreeNode?) throws(ProgramError) -> BackendDevice {
        let choice = try backendChoice()
        return try driving { () throws(DeviceError) in
            if let node {
                return try BackendDevice.open(node: node, busMastering: busMastering(of: node), backend: choice, options: openOptions, paths: paths)
            }
            return try BackendDevice.open(linuxName: name, busMastering: .unknown, backend: choice, options: openOptions, paths: paths)
        }
    }
}

/// Runs `body`, which drives an open device or reads sysfs, reporting its `DeviceError` as the
/// program's `.device` error.
func driving<T>(_ body: () throws(DeviceError) -> T) throws(ProgramError) -> T {
    do {
        return try body()
    } catch {
        throw .device(error)
    }
}
