import ByteText
import DeviceTree
import ProgramSupport

/// How one matched node fared.
public struct ProbeResult {
    /// The node's path.
    public let nodePath: String
    /// The driver that matched it.
    public let driver: String
    /// The instance's position in the host, or nil when probing failed.
    public let instance: Int?
    /// Why probing failed (nil when it succeeded).
    public let error: ProgramError?

    /// Whether the instance runs.
    public var succeeded: Bool { error == nil }
}

/// Why the host's loop ended.
public enum HostStop: Sendable, Equatable {
    /// SIGINT or SIGTERM.
    case signal(TerminationSignal)
    /// Every instance finished (or failed and was removed), or none was probed.
    case allFinished
    /// The time given to `run` passed.
    case timeout
    /// The event loop itself failed.
    case loopFailed
}
