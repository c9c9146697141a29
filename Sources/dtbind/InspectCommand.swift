import ArgumentParser
import DeviceTree
import Foundation

/// `dtbind inspect FILE.dtb [--compatible C] [--path P] [--json] [--strict]`: shows each node
/// with its compatible list, status, CPU-physical registers, resolved interrupts and the name
/// Linux gives its device. Exit status: 0 shown; 1 with --strict when a node's data is
/// malformed; 2 unusable input (unreadable or malformed DTB, unknown --path).
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show the devices of a DTB.",
        discussion: """
            Registers are CPU physical addresses (translated through every parent's ranges); \
            interrupts are followed through interrupt-parent, interrupts-extended and \
            interrupt-map to their controller, GIC specifiers decoded; the Linux name is the one \
            under /sys/bus/platform/devices. Exit status: 0 shown, 1 malformed node data with \
            --strict, 2 unusable DTB or unknown --path.
            """
    )

    @Argument(help: "The flattened device tree blob (.dtb).")
    var dtb: String

    @Option(name: .long, help: "Only nodes whose compatible list contains this string.")
    var compatible: String?

    @Option(name: .long, help: "Only this node and its descendants (a full path such as /soc/serial@1000).")
    var path: String?

    @Flag(name: .long, help: "Print a JSON array of nodes instead of the tree.")
    var json = false

    @Flag(name: .long, help: "Exit with status 1 when any shown node has malformed data.")
    var strict = false

    func run() throws {
        var output = ""
        var errors = ""
        let status = execute(output: &output, errors: &errors)
        FileHandle.standardOutput.write(Data(output.utf8))
        FileHandle.standardError.write(Data(errors.utf8))
        if status != 0 { throw ExitCode(status) }
    }

    /// Does the work of `run()` into strings; returns the exit status.
    func execute(output: inout String, errors: inout String) -> Int32 {
        let tree: DeviceTree
        switch DeviceTreeFile.load(dtb, command: "inspect") {
        case .success(let loaded):
            tree = loaded
        case .failure(let failure):
            errors += failure.message + "\n"
            return 2
        }
        let selected: [DeviceTreeNode]
        if let path {
            guard let top = tree.node(atPath: path) else {
                errors += "error: dtbind inspect: \(dtb) has no node at \(path): `dtbind inspect \(dtb)` lists them\n"
                return 2
            }
            selected = top.subtree
        } else {
            selected = tree.allNodes()
        }
        let nodes = selected
            .filter { node in compatible.map { node.isCompatible(with: $0) } ?? true }
            .map(InspectedNode.init)
        if json {
            output += InspectedNode.json(nodes) + "\n"
        } else {
            output += InspectedNode.text(nodes, asTree: compatible == nil)
        }
        let malformed = nodes.filter { !$0.errors.isEmpty }
        for node in malformed {
            for error in node.errors { errors += "dtbind inspect: \(error)\n" }
        }
        return strict && !malformed.isEmpty ? 1 : 0
    }
}

/// What `dtbind inspect` reports for one node; the JSON form of the --json output.
struct InspectedNode: Encodable, Equatable {
    /// One `reg` entry as a CPU physical range.
    struct Register: Encodable, Equatable {
        var address: UInt64
        var size: UInt64
    }

    /// One resolved interrupt; `type`, `number` and `trigger` only for GIC controllers.
    struct Interrupt: Encodable, Equatable {
        var controller: String
        var cells: [UInt32]
        var type: String?
        var number: UInt32?
        var trigger: String?

        enum CodingKeys: String, CodingKey { case controller, cells, type, number, trigger }

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(controller, forKey: .controller)
            try container.encode(cells, forKey: .cells)
            try container.encode(type, forKey: .type)
            try container.encode(number, forKey: .number)
            try container.encode(trigger, forKey: .trigger)
        }
    }

    var path: String
    var name: String
    var depth: Int
    var unitAddress: String?
    var compatible: [String]
    var status: String
    var reg: [Register]
    var interrupts: [Interrupt]
    var linuxName: String?
    /// Why `reg` is empty although the node has one (not memory-mapped: I2C, CPUs, no ranges).
    var notes: [String]
    /// Malformed data: wrong lengths, dangling phandles, interrupt loops.
    var errors: [String]

    enum CodingKeys: String, CodingKey {
        case path, name, unitAddress, compatible, status, reg, interrupts, linuxName, notes, errors
    }

    init(_ node: DeviceTreeNode) {
        path = node.path
        name = node.name
        depth = node.depth
        unitAddress = node.unitAddress
        compatible = node.compatible
        status = node.status.description
        notes = []
        errors = []
        reg = []
        do {
            reg = try node.registers().map { Register(address: $0.address, size: $0.size) }
        } catch {
            if case .untranslatableAddress = error { notes.append(error.description) } else { errors.append(error.description) }
        }
        interrupts = []
        do {
            interrupts = try node.interrupts().map { resolved in
                Interrupt(
                    controller: resolved.controllerPath, cells: resolved.cells,
                    type: resolved.gic.map { $0.kind.description.lowercased() },
                    number: resolved.gic?.number,
                    trigger: resolved.gic?.trigger?.description)
            }
        } catch {
            errors.append("\(error)")
        }
        linuxName = nil
        if node.parent != nil {
            do {
                linuxName = try node.linuxDeviceName()
            } catch {
                errors.append("\(error)")
            }
        }
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(path, forKey: .path)
        try container.encode(name, forKey: .name)
        try container.encode(unitAddress, forKey: .unitAddress)
        try container.encode(compatible, forKey: .compatible)
        try container.encode(status, forKey: .status)
        try container.encode(reg, forKey: .reg)
        try container.encode(interrupts, forKey: .interrupts)
        try container.encode(linuxName, forKey: .linuxName)
        try container.encode(notes, forKey: .notes)
        try container.encode(errors, forKey: .errors)
    }

    /// The nodes as a pretty-printed JSON array (keys sorted, so output is stable).
    static func json(_ nodes: [InspectedNode]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(nodes) else { return "[]" }
        return String(decoding: data, as: UTF8.self)
    }

    /// Human-readable form: indented by depth when `asTree`, else one full path per node.
    static func text(_ nodes: [InspectedNode], asTree: Bool) -> String {
        var text = ""
        let base = nodes.map(\.depth).min() ?? 0
        for node in nodes {
            let indent = asTree ? String(repeating: "  ", count: node.depth - base) : ""
            let title = asTree ? (node.path == "/" ? "/" : node.name) : node.path
            var line = indent + title
            if !node.compatible.isEmpty { line += "  [" + node.compatible.joined(separator: ", ") + "]" }
            if node.status != "okay" { line += "  (" + node.status + ")" }
            text += line + "\n"
            let detail = indent + "    "
            if let linuxName = node.linuxName, !node.compatible.isEmpty || !node.reg.isEmpty {
                text += detail + "linux name  " + linuxName + "\n"
            }
            for register in node.reg {
                text += detail + "reg         0x" + String(register.address, radix: 16)
                    + " size 0x" + String(register.size, radix: 16) + "\n"
            }
            for interrupt in node.interrupts {
                var described: String
                if let type = interrupt.type, let number = interrupt.number {
                    described = type.uppercased() + " \(number) " + (interrupt.trigger ?? "trigger-unspecified")
                } else {
                    described = "<" + interrupt.cells.map { "0x" + String($0, radix: 16) }.joined(separator: " ") + ">"
                }
                text += detail + "interrupt   " + described + " on " + interrupt.controller + "\n"
            }
            for note in node.notes { text += detail + "note        " + note + "\n" }
            for error in node.errors { text += detail + "ERROR       " + error + "\n" }
        }
        return text
    }
}
