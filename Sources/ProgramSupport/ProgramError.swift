import PlatformCore

/// What a driver program or tool can fail with: a command line it cannot use, a device that
/// could not be opened or driven, a node whose configuration does not fit its binding, or a
/// device that did not behave. One type, so a program's `main` has one `catch`.
public enum ProgramError: Error, CustomStringConvertible {
    /// The command line is wrong (an unknown word, a missing or malformed value).
    case usage(Message)
    /// Opening or driving a device failed, on whichever backend.
    case device(DeviceError)
    /// A node's configuration is missing or wrong. (A `Message`: written as a literal with
    /// interpolations, it stays small on the board.)
    case configuration(Message)
    /// The device did not do what it should (e.g. an interrupt that never came).
    case behaviour(Message)

    /// A readable sentence; a device error gains the command-line flag of the option it names.
    public var description: String {
        switch self {
        case .usage(let message): return "usage: " + message.text
        case .device(let error): return CommonOptions.explain(error)
        case .configuration(let message): return "configuration: " + message.text
        case .behaviour(let message): return message.text
        }
    }
}
