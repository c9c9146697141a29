import ArgumentParser
import DTBinding
import DeviceTree
import Foundation

/// `dtbind check FILE.dtb --bindings DIR [--bindings DIR...] [--json]`: checks every enabled node
/// that has a binding in any of the folders (merged; a compatible claimed twice is an error).
/// Exit status 0: clean; 1: findings; 2: unusable input (DTB or bindings, or no binding at all).
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a DTB against binding files.",
        discussion: """
            Every enabled node whose compatible has a binding in DIR is checked: required \
            properties, types, counts, enums and consts, unknown properties, fallback compatibles, \
            and reg entries too small for their register blocks. Exit status: 0 clean, 1 findings, \
            2 unusable input (unreadable DTB or invalid bindings).
            """
    )

    @Argument(help: "The flattened device tree blob to check.")
    var dtb: String

    @Option(name: .long, help: "Directory of binding files (the *.yaml files directly in it); repeat it to merge several (your own and the shipped ones).")
    var bindings: [String]

    @Flag(name: .long, help: "Print the report as JSON.")
    var json = false

    func run() throws {
        let loaded: [Binding]
        do {
            loaded = try BindingLoader().loadDirectories(bindings)
        } catch {
            FileHandle.standardError.write(Data("error: dtbind check: the bindings have problems; nothing was checked:\n\(error)\n".utf8))
            throw ExitCode(2)
        }
        if loaded.isEmpty {
            FileHandle.standardError.write(Data("warning: dtbind check: no binding loaded from \(bindings.joined(separator: ", ")) (no *.yaml file directly in it): nothing would be checked. Point --bindings at the folder holding the binding files.\n".utf8))
            throw ExitCode(2)
        }
        let tree: DeviceTree
        switch DeviceTreeFile.load(dtb, command: "check") {
        case .success(let loaded):
            tree = loaded
        case .failure(let failure):
            FileHandle.standardError.write(Data((failure.message + "\n").utf8))
            throw ExitCode(2)
        }
        let report = DeviceTreeChecker(bindings: loaded).check(tree)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            var data = try encoder.encode(report)
            data.append(0x0A)
            FileHandle.standardOutput.write(data)
        } else {
            for finding in report.findings { print(finding) }
            let summary = "\(report.checked.count) node\(report.checked.count == 1 ? "" : "s") checked, \(report.findings.count) finding\(report.findings.count == 1 ? "" : "s")"
            print(summary)
        }
        if !report.isClean { throw ExitCode(1) }
    }
}
