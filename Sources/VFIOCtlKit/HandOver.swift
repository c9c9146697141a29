import ByteText
import DeviceTree
import PlatformCore
import ProgramSupport

/// What an overlay changes in one node to hand it to a userspace driver: it enables the node
/// and, for UIO, drops "arm,primecell" from its compatible list, so that Linux makes it a
/// platform device (which uio_pdrv_genirq can take) and no amba driver matches it any more.
struct HandOver {
    /// The node handed over.
    let node: DeviceTreeNode
    /// The compatible list the overlay writes (the node's own for vfio).
    let compatible: [String]
    /// Whether the node was disabled.
    let enables: Bool
    /// Whether the overlay drops "arm,primecell".
    let dropsPrimeCell: Bool

    /// The hand-over of `node` to `backend`; throws when there is nothing to change (the tree
    /// already hands it over) or the node has no compatible to match a driver by.
    init(_ node: DeviceTreeNode, backend: PlatformBackend) throws(ProgramError) {
        let own = node.compatible
        guard !own.isEmpty else { throw .behaviour("\(node.path) has no compatible: no driver can match it, so there is nothing to hand over") }
        self.node = node
        enables = !node.isEnabled
        switch backend {
        case .uio:
            compatible = own.filter { !$0.sameBytes(as: "arm,primecell") }
            dropsPrimeCell = compatible.count != own.count
            guard !compatible.isEmpty else { throw .behaviour("\(node.path) has no compatible besides arm,primecell: a platform device needs one for uio_pdrv_genirq.of_id") }
        case .vfio:
            compatible = own
            dropsPrimeCell = false
        }
        guard enables || dropsPrimeCell else {
            let why = backend == .uio ? "it is enabled and has no \"arm,primecell\"" : "it is enabled, and vfio takes PrimeCells as they are"
            let ofID = backend == .uio ? " (or uio_pdrv_genirq.of_id=" + (compatible.first ?? "") + ")" : ""
            throw .behaviour("\(node.path) is already handed over to \(backend.description) (\(why)): this tree needs no overlay for it; bind it with `vfioctl grant`\(ofID)")
        }
    }
}

/// The overlay source (.dtso) and blob (.dtbo) of some hand-overs, as `vfioctl overlay` writes them.
struct HandOverOverlay {
    /// The nodes and their changes, one fragment each.
    let handOvers: [HandOver]
    /// The backend they are handed to.
    let backend: PlatformBackend
    /// The command line that made it, for the source's first comment.
    let command: String

    /// The compatible uio_pdrv_genirq.of_id names: the first node's first (one id for all).
    var ofID: String? { backend == .uio ? handOvers.first?.compatible.first : nil }

    /// The nodes whose compatible list does not hold `ofID`, which of_id cannot bind at boot.
    var beyondOfID: [HandOver] {
        guard let ofID else { return [] }
        return handOvers.filter { !$0.compatible.containsBytes(ofID) }
    }

    /// The overlay's source text.
    var source: String {
        var text = "// Written by `\(command)`: hands "
        text += handOvers.map { $0.node.path }.joined(separator: ", ") + " to \(backend == .uio ? "uio_pdrv_genirq" : "vfio").\n"
        text += "// Apply with `fdtoverlay -i board.dtb -o board-handed-over.dtb THIS.dtbo`, U-Boot's `fdt apply`,\n"
        text += "// or the Raspberry Pi firmware's `dtoverlay=THIS` (THIS.dtbo in the overlays folder).\n"
        if let ofID {
            text += "// Then uio_pdrv_genirq needs of_id: `uio_pdrv_genirq.of_id=\(ofID)` on the kernel command line,\n"
            text += "// or `options uio_pdrv_genirq of_id=\(ofID)` in /etc/modprobe.d/ when it is a module.\n"
        } else {
            text += "// vfio needs the device bound at each boot: `vfioctl grant DEVICE --user USER` (or its udev rule).\n"
        }
        text += "/dts-v1/;\n/plugin/;\n\n/ {\n"
        for (index, handOver) in handOvers.enumerated() {
            text += "\tfragment@\(index) {\n\t\ttarget-path = \(quoted(handOver.node.path));\n\t\t__overlay__ {\n"
            if handOver.dropsPrimeCell {
                text += "\t\t\tcompatible = " + handOver.compatible.map { quoted($0) }.joined(separator: ", ") + ";\n"
            }
            text += "\t\t\tstatus = \"okay\";\n\t\t};\n\t};\n"
        }
        text += "};\n"
        return text
    }

    /// The compiled overlay: what dtc makes of `source`.
    func blob() throws(DeviceTreeError) -> [UInt8] {
        var writer = try FlatTreeWriter()
        try writer.beginNode("")
        for (index, handOver) in handOvers.enumerated() {
            try writer.beginNode("fragment@\(index)")
            try writer.property("target-path", string: handOver.node.path)
            try writer.beginNode("__overlay__")
            if handOver.dropsPrimeCell { try writer.property("compatible", strings: handOver.compatible) }
            try writer.property("status", string: "okay")
            try writer.endNode()
            try writer.endNode()
        }
        try writer.endNode()
        return try writer.finish()
    }

    /// `text` as a dts string literal.
    private func quoted(_ text: String) -> String {
        var result = "\""
        for byte in text.utf8 {
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { result += "\\" }
            result += String(decoding: [byte], as: UTF8.self)
        }
        return result + "\""
    }
}
