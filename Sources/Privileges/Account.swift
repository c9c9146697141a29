import ByteText
import PlatformCore

/// A user account a driver runs as: its name, uid, primary gid and supplementary groups, read
/// from the system's passwd and group files by our own reader (no NSS, so it works in a static
/// Embedded binary and in an initramfs).
public struct Account: Sendable, Equatable {
    /// The name ("pdriver"), or the number as text for an account given by number.
    public let name: String
    /// The user id.
    public let uid: UInt32
    /// The primary group id.
    public let gid: UInt32
    /// Every other group the account is a member of (its group-file memberships).
    public let supplementaryGroups: [UInt32]

    /// An account from its parts.
    public init(name: String, uid: UInt32, gid: UInt32, supplementaryGroups: [UInt32] = []) {
        self.name = name
        self.uid = uid
        self.gid = gid
        self.supplementaryGroups = supplementaryGroups
    }

    /// The account `spec` names: a user name of `paths.etc`/passwd, or a number ("1000", whose
    /// group is the same number unless passwd lists it). Its supplementary groups come from
    /// `paths.etc`/group.
    public static func named(_ spec: String, paths: SystemPaths = SystemPaths()) throws(PrivilegeError) -> Account {
        let passwd = paths.etc + "/passwd"
        let users = AccountFile.records(in: passwd)
        var found: (name: String, uid: UInt32, gid: UInt32)?
        if let number = UInt32(spec) {
            let line = users.first { $0.count >= 4 && $0[2].sameBytes(as: spec) }
            found = (line?[0] ?? spec, number, line.flatMap { UInt32($0[3]) } ?? number)
        } else if let line = users.first(where: { $0.count >= 4 && $0[0].sameBytes(as: spec) }),
                  let uid = UInt32(line[2]), let gid = UInt32(line[3]) {
            found = (spec, uid, gid)
        }
        guard let found else { throw .unknownAccount(spec, database: passwd) }
        var supplementary: [UInt32] = []
        for group in AccountFile.records(in: paths.etc + "/group") where group.count >= 4 {
            guard let gid = UInt32(group[2]), gid != found.gid else { continue }
            let members = group[3].utf8.split(separator: UInt8(ascii: ",")).map { String(decoding: $0, as: UTF8.self) }
            if members.containsBytes(found.name) { supplementary.append(gid) }
        }
        return Account(name: found.name, uid: found.uid, gid: found.gid, supplementaryGroups: supplementary)
    }

    /// The group id `spec` names: a group name of `paths.etc`/group, or a number.
    public static func groupID(_ spec: String, paths: SystemPaths = SystemPaths()) throws(PrivilegeError) -> UInt32 {
        if let number = UInt32(spec) { return number }
        let file = paths.etc + "/group"
        for group in AccountFile.records(in: file) where group.count >= 3 && group[0].sameBytes(as: spec) {
            if let gid = UInt32(group[2]) { return gid }
        }
        throw .unknownGroup(spec, database: file)
    }
}

/// The colon-separated records of passwd and group files.
enum AccountFile {
    /// Every non-comment line of `path`, split at ':' (empty when the file is missing).
    static func records(in path: String) -> [[String]] {
        guard let text = SysfsFiles.read(path) else { return [] }
        var records: [[String]] = []
        for line in text.utf8.split(separator: UInt8(ascii: "\n")) where line.first != UInt8(ascii: "#") {
            records.append(line.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
                .map { String(decoding: $0, as: UTF8.self) })
        }
        return records
    }
}
