import ByteText
import PlatformCore

/// Why an account could not be found, or privileges could not be changed. `description` names
/// the fix.
public enum PrivilegeError: Error, Sendable, CustomStringConvertible {
    /// No line of `database` names `account` (and it is not a number).
    case unknownAccount(String, database: String)
    /// A group named for a grant is in no line of `database`.
    case unknownGroup(String, database: String)
    /// Switching to another user needs root (or CAP_SETUID and CAP_SETGID); the process runs as `uid`.
    case switchNeedsRoot(user: String, uid: UInt32)
    /// A credential system call failed.
    case systemCall(operation: Message, errno: Errno)
    /// After the drop the process still holds what it should not (the check read it back).
    case stillPrivileged(detail: String)

    /// One line naming what went wrong and the fix.
    public var description: String { sentence.text }

    /// The description, built one piece at a time (`Message`: small in Embedded Swift).
    private var sentence: Message {
        switch self {
        case .unknownAccount(let account, let database):
            return "no user '\(account)' in \(database): add it (`adduser --system \(account)`) or give a uid (--user 1000)"
        case .unknownGroup(let group, let database):
            return "no group '\(group)' in \(database): add it (`addgroup --system \(group)`) or give a gid (--group 1000)"
        case .switchNeedsRoot(let user, let uid):
            return "cannot switch to user \(user): this process runs as uid \(uid); start it as root (the driver drops root after opening its devices), or leave out --user"
        case .systemCall(let operation, let errno):
            return "\(operation) failed: \(errno.description)"
        case .stillPrivileged(let detail):
            return "privileges were not dropped: \(detail)"
        }
    }
}
