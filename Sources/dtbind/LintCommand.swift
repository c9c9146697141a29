import ArgumentParser
import DTBinding
import Foundation

/// `dtbind lint BINDING.yaml... [--bindings DIR...]`: checks the binding files themselves, then
/// compiles each of their `examples` with dtc and checks it against them. Exit status 0: clean;
/// 1: problems (each as file:line: error: message); 2: dtc missing.
struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check binding files and compile and check their examples.",
        discussion: """
            Each binding is parsed and validated as `generate` does; then every example is \
            compiled with dtc on the example board (1 address and 1 size cell, a 3-cell interrupt \
            parent `gic`, a clock `clk`) and checked against the bindings, like `check`. \
            --bindings adds folders whose bindings the examples may also use (they are not linted).
            """
    )

    @Argument(help: "Binding files (YAML) to lint.")
    var files: [String]

    @Option(name: .long, help: "Folders of further bindings the examples are checked against too (repeatable).")
    var bindings: [String] = []

    @Option(name: .long, help: "The device-tree compiler to run.")
    var dtc = "dtc"

    func run() throws {
        let loaded: [Binding]
        let context: [Binding]
        do {
            loaded = try BindingLoader().load(files)
            let others = try BindingLoader().loadDirectories(bindings)
            let linted = Set(loaded.map { ($0.path as NSString).standardizingPath })
            context = loaded + others.filter { !linted.contains(($0.path as NSString).standardizingPath) }
            if !bindings.isEmpty { _ = try BindingLoader().load(context.map(\.path)) }  // one compatible, one binding
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode(1)
        }
        let problems: [BindingDiagnostic]
        do {
            problems = try ExampleLinter(dtc: dtc).lint(loaded, against: context)
        } catch {
            FileHandle.standardError.write(Data("error: dtbind lint: \(error)\n".utf8))
            throw ExitCode(2)
        }
        for problem in problems { FileHandle.standardError.write(Data("\(problem)\n".utf8)) }
        let examples = loaded.reduce(0) { $0 + $1.examples.count }
        print("\(loaded.count) binding\(loaded.count == 1 ? "" : "s"), \(examples) example\(examples == 1 ? "" : "s"), \(problems.count) problem\(problems.count == 1 ? "" : "s")")
        if !problems.isEmpty { throw ExitCode(1) }
    }
}
