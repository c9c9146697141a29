import DeviceTree
import VFIOPlatform

/// The parsed command line: a command, positional words and --flags.
struct CommandLineOptions {
    var command = ""
    var positional: [String] = []
    var flags: Set<String> = []
    var values: [String: String] = [:]

    init(_ words: [String]) {
        var pendingValue: String?
        for word in words {
            if let name = pendingValue {
                values[name] = word
                pendingValue = nil
            } else if word == "--dtb" || word == "--sysfs" {
                pendingValue = word
            } else if word.hasPrefix("--") {
                flags.insert(word)
            } else if command.isEmpty {
                command = word
            } else {
                positional.append(word)
            }
        }
    }

    /// The options the user allowed for opening a device.
    var vfioOptions: VFIOOptions {
        VFIOOptions(
            allowNoIOMMU: flags.contains("--allow-noiommu"),
            allowDMAMasterWithoutIOMMU: flags.contains("--allow-dma-master"),
            bindIfNeeded: !flags.contains("--no-bind")
        )
    }

    /// The device tree to read: --dtb FILE, else the running system's.
    func deviceTree() throws(VFIOError) -> DeviceTree {
        do {
            if let path = values["--dtb"] { return try DeviceTree(contentsOfFile: path) }
            return try DeviceTree.runningSystem()
        } catch {
            throw .deviceTree(error.description)
        }
    }

    /// The first positional word as a device selector.
    func selector() throws(VFIOError) -> DeviceSelector {
        guard let first = positional.first else { throw .nodeNotFound(selector: "(none given: see `vfioctl` for usage)") }
        return DeviceSelector(parsing: first)
    }

    /// The Linux name and (when the selector went through the tree) the node it names.
    func resolveDevice() throws(VFIOError) -> (name: String, node: DeviceTreeNode?) {
        let selector = try selector()
        if case .linuxName(let name) = selector { return (name, nil) }
        guard let node = try selector.node(in: deviceTree()) else { throw .nodeNotFound(selector: selector.description) }
        return (try node.vfioLinuxName(), node)
    }
}
