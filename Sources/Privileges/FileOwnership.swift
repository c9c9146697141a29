import ByteText
import CLinux
import PlatformCore

/// A file's owner, group and permission bits.
public struct FileOwnership: Sendable, Equatable {
    /// The owning user id.
    public var uid: UInt32
    /// The owning group id.
    public var gid: UInt32
    /// The permission bits (0o660).
    public var mode: UInt32

    /// An ownership from its parts.
    public init(uid: UInt32, gid: UInt32, mode: UInt32) {
        self.uid = uid
        self.gid = gid
        self.mode = mode
    }

    /// The ownership of `path` now, nil when it does not exist.
    public static func of(_ path: String) -> FileOwnership? {
        var uid: UInt32 = 0, gid: UInt32 = 0, mode: UInt32 = 0
        return clinux_stat_owner(path, &uid, &gid, &mode) == 0 ? FileOwnership(uid: uid, gid: gid, mode: mode) : nil
    }

    /// Gives `path` this ownership (chown, then chmod).
    public func apply(to path: String) throws(PrivilegeError) {
        if clinux_chown(path, uid, gid) != 0 { throw .systemCall(operation: "chown \(uid):\(gid) \(path)", errno: currentErrno()) }
        if clinux_chmod(path, mode) != 0 { throw .systemCall(operation: "chmod \(octal(mode)) \(path)", errno: currentErrno()) }
    }

    /// "uid:gid 0660".
    public var summary: String { let text: Message = "\(uid):\(gid) \(octal(mode))"; return text.text }
}

/// `mode` as four octal digits ("0660").
func octal(_ mode: UInt32) -> String {
    var digits = ""
    var rest = mode
    for _ in 0..<4 {
        digits = String(decoding: [UInt8(ascii: "0") + UInt8(rest & 7)], as: UTF8.self) + digits
        rest >>= 3
    }
    return digits
}
