import CLinux

/// An error number a system call left, as a type: compared by name (`.busy`, `.interrupted`),
/// printed with its name and meaning.
public struct Errno: RawRepresentable, Sendable, Equatable, Hashable, CustomStringConvertible, Error {
    /// The raw errno value.
    public let rawValue: Int32

    /// The error number `rawValue`.
    public init(rawValue: Int32) { self.rawValue = rawValue }

    /// The error number `rawValue`.
    public init(_ rawValue: Int32) { self.rawValue = rawValue }

    /// EPERM: operation not permitted (a capability is missing).
    public static let notPermitted = Errno(EPERM)
    /// ENOENT: no such file or directory.
    public static let noEntry = Errno(ENOENT)
    /// EINTR: interrupted by a signal.
    public static let interrupted = Errno(EINTR)
    /// EIO: input/output error.
    public static let ioError = Errno(EIO)
    /// EAGAIN: nothing to read now.
    public static let wouldBlock = Errno(EAGAIN)
    /// EACCES: permission denied (file mode).
    public static let accessDenied = Errno(EACCES)
    /// EBUSY: device or resource busy.
    public static let busy = Errno(EBUSY)
    /// ENODEV: no such device.
    public static let noDevice = Errno(ENODEV)
    /// EINVAL: invalid argument.
    public static let invalidArgument = Errno(EINVAL)
    /// ENOTTY: the descriptor does not take this ioctl.
    public static let notATerminal = Errno(ENOTTY)
    /// EOVERFLOW: the value (a file offset past what the kernel maps on 32-bit) does not fit.
    public static let overflow = Errno(EOVERFLOW)

    /// Whether the caller lacked a right: file permission (EACCES) or capability (EPERM).
    public var isPermissionDenial: Bool { self == .accessDenied || self == .notPermitted }

    /// "EBUSY (device or resource busy)".
    public var description: String { errnoName(rawValue) }
}

/// A short readable name for the errno values VFIO and sysfs actually produce.
public func errnoName(_ code: Int32) -> String {
    switch code {
    case EPERM: return "EPERM (operation not permitted)"
    case ENOENT: return "ENOENT (no such file or directory)"
    case EIO: return "EIO (input/output error)"
    case EBADF: return "EBADF (bad file descriptor)"
    case EAGAIN: return "EAGAIN (try again)"
    case ENOMEM: return "ENOMEM (out of memory)"
    case EACCES: return "EACCES (permission denied)"
    case EFAULT: return "EFAULT (bad address)"
    case EBUSY: return "EBUSY (device or resource busy)"
    case EEXIST: return "EEXIST (exists)"
    case ENODEV: return "ENODEV (no such device)"
    case EINVAL: return "EINVAL (invalid argument)"
    case ENOTTY: return "ENOTTY (inappropriate ioctl)"
    case ENOSPC: return "ENOSPC (no space left)"
    case ENXIO: return "ENXIO (no such device or address)"
    case EOVERFLOW: return "EOVERFLOW (value too large)"
    case EINTR: return "EINTR (interrupted)"
    default: return "errno \(code)"
    }
}

/// The calling thread's errno.
@inline(__always)
package func currentErrno() -> Errno { Errno(clinux_errno()) }
