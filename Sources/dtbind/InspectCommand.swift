import ArgumentParser

/// Placeholder for `dtbind inspect`; replaced by the real command.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "inspect", abstract: "Show the devices of a DTB.")
}
