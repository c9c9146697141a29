import ArgumentParser

/// `dtbind`: the host tool for device trees and binding descriptions.
@main
struct DTBind: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dtbind",
        abstract: "Inspect device trees, generate typed Swift from binding files, and check DTBs against bindings.",
        subcommands: [InspectCommand.self, GenerateCommand.self, CheckCommand.self, LintCommand.self]
    )
}
