import ByteText
import CLinux
import PlatformCore

/// What this process may do, as the kernel sees it now: its user and group ids, its
/// capability sets and its no_new_privs bit.
public struct ProcessCredentials: Sendable {
    /// Real, effective and saved user ids.
    public let uids: (real: UInt32, effective: UInt32, saved: UInt32)
    /// Real, effective and saved group ids.
    public let gids: (real: UInt32, effective: UInt32, saved: UInt32)
    /// The permitted capabilities.
    public let permitted: CapabilitySet
    /// The effective capabilities.
    public let effective: CapabilitySet
    /// The inheritable capabilities.
    public let inheritable: CapabilitySet
    /// Whether execve can no longer grant privileges (setuid bits, file capabilities).
    public let noNewPrivileges: Bool

    /// The calling process's credentials.
    public static func current() throws(PrivilegeError) -> ProcessCredentials {
        var uid: (UInt32, UInt32, UInt32) = (0, 0, 0)
        var gid: (UInt32, UInt32, UInt32) = (0, 0, 0)
        var permitted: UInt64 = 0, effective: UInt64 = 0, inheritable: UInt64 = 0
        guard clinux_getresuid(&uid.0, &uid.1, &uid.2) == 0, clinux_getresgid(&gid.0, &gid.1, &gid.2) == 0 else {
            throw .systemCall(operation: "getresuid", errno: currentErrno())
        }
        guard clinux_capget(&permitted, &effective, &inheritable) == 0 else {
            throw .systemCall(operation: "capget", errno: currentErrno())
        }
        return ProcessCredentials(uids: (uid.0, uid.1, uid.2), gids: (gid.0, gid.1, gid.2),
                                  permitted: CapabilitySet(rawValue: permitted), effective: CapabilitySet(rawValue: effective),
                                  inheritable: CapabilitySet(rawValue: inheritable), noNewPrivileges: clinux_get_no_new_privs() == 1)
    }

    /// Credentials from their parts.
    public init(uids: (real: UInt32, effective: UInt32, saved: UInt32), gids: (real: UInt32, effective: UInt32, saved: UInt32),
                permitted: CapabilitySet, effective: CapabilitySet, inheritable: CapabilitySet, noNewPrivileges: Bool) {
        self.uids = uids
        self.gids = gids
        self.permitted = permitted
        self.effective = effective
        self.inheritable = inheritable
        self.noNewPrivileges = noNewPrivileges
    }

    /// Whether any user id is 0.
    public var anyRoot: Bool { uids.real == 0 || uids.effective == 0 || uids.saved == 0 }

    /// "uid 1000 gid 1000, capabilities none, no_new_privs".
    public var summary: String {
        let text: Message = "uid \(uids.effective) gid \(gids.effective), capabilities \(permitted.description)"
        return text.text + (noNewPrivileges ? ", no_new_privs" : "")
    }
}
