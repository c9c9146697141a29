import ByteText
import CLinux
import DeviceTree
import PlatformCore

/// The signals that end a driver program.
public enum TerminationSignal: Sendable, Equatable, CustomStringConvertible {
    /// SIGINT (Ctrl-C).
    case interrupt
    /// SIGTERM (kill, systemd stopping the service).
    case terminate

    /// "SIGINT" or "SIGTERM".
    public var description: String { self == .interrupt ? "SIGINT" : "SIGTERM" }
}

/// SIGINT and SIGTERM as a descriptor: blocked for the process, so that instead of killing it
/// they wait in a signalfd the event loop reads, and the host can remove every instance and
/// restore every binding before it exits.
final class SignalWatch {
    /// The signalfd.
    let descriptor: OwnedDescriptor

    /// Blocks SIGINT and SIGTERM and opens the signalfd that receives them.
    init() throws(DeviceError) {
        let fd = clinux_termination_signalfd()
        if fd < 0 { throw .systemCall(operation: "signalfd(SIGINT, SIGTERM)", errno: currentErrno()) }
        descriptor = OwnedDescriptor(fd)
    }

    /// The signal waiting, if one is.
    func take() -> TerminationSignal? {
        switch clinux_signalfd_take(descriptor.rawValue) {
        case clinux_sigint(): return .interrupt
        case clinux_sigterm(): return .terminate
        default: return nil
        }
    }
}
