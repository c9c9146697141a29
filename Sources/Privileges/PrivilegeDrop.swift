import ByteText
import CLinux
import PlatformCore

/// Gives up what a driver no longer needs once its devices are open: switches to `account`
/// (when the process runs as root), keeps only `keeping` of its capabilities (none by default:
/// an open vfio device descriptor, a UIO node and an eventfd need none), empties the bounding
/// and ambient sets where it can, and sets no_new_privs, so that nothing the process executes
/// gets any of it back. After it, the process cannot bind or unbind (sysfs files are root's),
/// open another device node it was not granted, or open a no-IOMMU vfio group (CAP_SYS_RAWIO).
///
///     let credentials = try PrivilegeDrop(to: Account.named("pdriver")).apply()
public struct PrivilegeDrop: Sendable {
    /// The account to switch to; nil keeps the user and drops capabilities only.
    public var account: Account?
    /// Capabilities kept (permitted and effective) after the drop.
    public var keeping: CapabilitySet
    /// Whether `keeping` also passes to programs this process executes (inheritable and
    /// ambient), as a service manager's AmbientCapabilities= does: for a launcher.
    public var passingOn: Bool

    /// A drop to `account` (nil: stay the same user) keeping `keeping`, passed on across
    /// execve when `passingOn`.
    public init(to account: Account?, keeping: CapabilitySet = [], passingOn: Bool = false) {
        self.account = account
        self.keeping = keeping
        self.passingOn = passingOn
    }

    /// Drops (as `apply`), then executes `arguments` (argv[0] looked up in PATH) in place of this
    /// process; returns only by throwing.
    public func exec(_ arguments: [String]) throws(PrivilegeError) -> Never {
        try apply()
        var packed: [UInt8] = []
        for word in arguments { packed.append(contentsOf: word.utf8); packed.append(0) }
        _ = packed.withUnsafeBufferPointer { bytes in
            bytes.baseAddress!.withMemoryRebound(to: CChar.self, capacity: bytes.count) { clinux_execvp_packed($0, arguments.count) }
        }
        throw .systemCall(operation: "execute \(arguments.first ?? "")", errno: currentErrno())
    }

    /// Drops, then reads the credentials back and throws unless they are what was asked for.
    @discardableResult
    public func apply() throws(PrivilegeError) -> ProcessCredentials {
        let before = try ProcessCredentials.current()
        if before.effective.contains(CapabilitySet(.setPCap)) { dropBoundingSet() }
        // A process already running as the account (and nowhere as root) keeps its ids: only
        // its capabilities go.
        if let account, before.uids.effective != account.uid || before.anyRoot {
            if !before.effective.contains([CapabilitySet(.setUID), CapabilitySet(.setGID)]) {
                throw .switchNeedsRoot(user: account.name, uid: before.uids.effective)
            }
            try check(clinux_setgroups(account.supplementaryGroups, account.supplementaryGroups.count), "setgroups")
            try check(clinux_set_keepcaps(keeping.isEmpty ? 0 : 1), "prctl(PR_SET_KEEPCAPS)")
            try check(clinux_setresgid(account.gid), "setresgid(\(account.gid))")
            try check(clinux_setresuid(account.uid), "setresuid(\(account.uid))")
        }
        let kept = CapabilitySet(rawValue: keeping.rawValue & before.permitted.rawValue)
        let inheritable = passingOn ? kept : CapabilitySet()
        try check(clinux_capset(kept.rawValue, kept.rawValue, inheritable.rawValue), "capset")
        _ = clinux_ambient_clear_all()
        for number in 0..<64 where inheritable.contains(number: number) {
            try check(clinux_ambient_raise(Int32(number)), "prctl(PR_CAP_AMBIENT_RAISE)")
        }
        try check(clinux_set_no_new_privs(), "prctl(PR_SET_NO_NEW_PRIVS)")
        let after = try ProcessCredentials.current()
        try verify(after, kept: kept, inheritable: inheritable)
        return after
    }

    /// Throws unless `after` is the account asked for, with `kept` alone and no_new_privs.
    private func verify(_ after: ProcessCredentials, kept: CapabilitySet, inheritable: CapabilitySet) throws(PrivilegeError) {
        if let account {
            guard after.uids.real == account.uid, after.uids.effective == account.uid, after.uids.saved == account.uid,
                  after.gids.real == account.gid, after.gids.effective == account.gid, after.gids.saved == account.gid else {
                throw .stillPrivileged(detail: "now \(after.summary), asked for uid \(account.uid) gid \(account.gid)")
            }
        }
        guard after.permitted == kept, after.effective == kept, after.inheritable == inheritable, after.noNewPrivileges else {
            throw .stillPrivileged(detail: "now \(after.summary)")
        }
    }

    /// Removes every capability but `keeping` from the bounding set (needs CAP_SETPCAP; stops
    /// at the first number the kernel does not know).
    private func dropBoundingSet() {
        var number: Int32 = 0
        while number < 64, clinux_capbset_read(number) >= 0 {
            if !keeping.contains(number: Int(number)) { _ = clinux_capbset_drop(number) }
            number += 1
        }
    }

    private func check(_ result: Int32, _ operation: Message) throws(PrivilegeError) {
        if result != 0 { throw .systemCall(operation: operation, errno: currentErrno()) }
    }
}
