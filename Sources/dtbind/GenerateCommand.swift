import ArgumentParser
import DTBinding
import Foundation

/// `dtbind generate BINDING.yaml... --output DIR`: typed Swift for register blocks and
/// device-tree configs, one file per binding.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate Swift register accessors and config structs from binding files.",
        discussion: """
            Writes DIR/<binding>.swift for each binding (pl011.yaml -> pl011.swift). Every file is \
            checked first; on any problem nothing is written, each problem is printed as \
            file:line: error: message, and the exit status is 1.
            """
    )

    @Argument(help: "Binding files (YAML). Include fragments are found through 'include:'.")
    var bindings: [String]

    @Option(name: .shortAndLong, help: "The directory to write the Swift files to.")
    var output: String

    @Flag(name: .long, help: "Only the register blocks (no config structs; the files then need only the Registers module).")
    var registersOnly = false

    func run() throws {
        if let problem = FileProblem.outputFolderProblem(output) {
            FileHandle.standardError.write(Data("error: dtbind generate: cannot write to --output \(output): \(problem)\n".utf8))
            throw ExitCode(2)
        }
        do {
            try BindingGeneration.generate(paths: bindings, into: output, includesConfig: !registersOnly)
        } catch let errors as BindingErrors {
            FileHandle.standardError.write(Data((errors.description + "\n").utf8))
            throw ExitCode(1)
        } catch {
            // A write that failed after the checks above (disk full, a file that vanished):
            // the system's own words, never the raw error value.
            FileHandle.standardError.write(Data("error: dtbind generate: cannot write the generated files to \(output): \(error.localizedDescription)\n".utf8))
            throw ExitCode(2)
        }
    }
}
