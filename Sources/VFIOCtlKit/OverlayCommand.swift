import ByteText
import CLinux
import DeviceTree
import PlatformCore
import ProgramSupport

/// `vfioctl overlay DEVICE... --backend uio|vfio --out NAME [--dtb FILE]`: writes NAME.dtso and
/// NAME.dtbo, an overlay handing each DEVICE's node over (`HandOver`), for the boot loader or
/// `fdtoverlay` to apply to the board's DTB; says what the kernel then needs. DEVICE may name a
/// disabled node (that is what an overlay is for): a node path, alias:, label:, compatible:, or
/// a Linux name the tree gives a node.
enum OverlayCommand {
    static func run(_ arguments: CommandLineOptions) throws(ProgramError) {
        guard let out = arguments.values["--out"] else { throw .usage("overlay needs --out NAME (NAME.dtso and NAME.dtbo are written)") }
        guard !arguments.positional.isEmpty else { throw .usage("name a DEVICE to hand over (see `vfioctl` for usage)") }
        let backend: PlatformBackend
        switch try arguments.backendChoice() {
        case .uio: backend = .uio
        case .vfio: backend = .vfio
        case .auto: throw .usage("overlay needs --backend uio or --backend vfio (what the node is handed to)")
        }
        let tree = try arguments.deviceTree()
        var handOvers: [HandOver] = []
        for word in arguments.positional {
            let node = try anyNode(DeviceSelector(parsing: word), word: word, in: tree)
            if handOvers.contains(where: { $0.node.path.sameBytes(as: node.path) }) { continue }
            handOvers.append(try HandOver(node, backend: backend))
        }
        let overlay = HandOverOverlay(handOvers: handOvers, backend: backend,
                                      command: "vfioctl overlay " + arguments.positional.joined(separator: " ") + " --backend \(backend)")
        let blob: [UInt8]
        do { blob = try overlay.blob() } catch { throw .device(.deviceTree(error)) }
        try write(Array(overlay.source.utf8), to: out + ".dtso")
        try write(blob, to: out + ".dtbo")
        for handOver in handOvers {
            var changes: [String] = []
            if handOver.enables { changes.append("enabled") }
            if handOver.dropsPrimeCell { changes.append("\"arm,primecell\" dropped (a platform device now: no amba driver matches it)") }
            Output.line("\(handOver.node.path): " + changes.joined(separator: ", "))
        }
        Output.line("wrote \(out).dtso and \(out).dtbo (\(blob.count) bytes): `fdtoverlay -i board.dtb -o board-handed-over.dtb \(out).dtbo`")
        if let ofID = overlay.ofID {
            Output.line("kernel: uio_pdrv_genirq.of_id=\(ofID) on the command line (built in), or `options uio_pdrv_genirq of_id=\(ofID)` in /etc/modprobe.d/ (a module)")
            for other in overlay.beyondOfID {
                Output.line("\(other.node.path): of_id names one compatible only; bind this one after boot: `vfioctl grant \(other.node.path) --backend uio --user USER`")
            }
            Output.line("a kernel platform driver matching \(ofID) would still take the device first: without one (PrimeCells have none) of_id binds it at boot")
        } else {
            Output.line("kernel: vfio binds by driver_override only: `vfioctl grant DEVICE --user USER --backend vfio` at each boot (its --udev-rule, or the unit's ExecStartPre)")
        }
    }

    /// The node `selector` names, enabled or not.
    private static func anyNode(_ selector: DeviceSelector, word: String, in tree: DeviceTree) throws(ProgramError) -> DeviceTreeNode {
        let found: DeviceTreeNode?
        switch selector {
        case .linuxName(let name): found = tree.allNodes().first { (try? $0.linuxDeviceName())?.sameBytes(as: name) ?? false }
        case .path(let path): found = tree.node(atPath: path)
        case .alias(let name): found = tree.node(alias: name)
        case .label(let name): found = tree.node(label: name)
        case .compatible(let string): found = tree.nodes(compatibleWith: string).first
        }
        guard let found else {
            throw .behaviour("no node \(word) in the device tree: `vfioctl list` shows its enabled devices; `fdtget -l FILE.dtb /` lists nodes")
        }
        return found
    }

    /// Writes `bytes` to `path` (created or truncated, mode 0644).
    private static func write(_ bytes: [UInt8], to path: String) throws(ProgramError) {
        let fd = clinux_open(path, clinux_o_wronly() | clinux_o_creat() | clinux_o_trunc(), 0o644)
        guard fd >= 0 else { throw .device(.systemCall(operation: "create \(path)", errno: Errno(clinux_errno()))) }
        defer { _ = close(fd) }
        let written = bytes.withUnsafeBytes { CLinux.write(fd, $0.baseAddress, $0.count) }
        if written != bytes.count { throw .device(.systemCall(operation: "write \(path)", errno: Errno(clinux_errno()))) }
    }
}
