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
        let number = accountNumber(spec)
        // name:password:uid:gid:...; a number matches the uid field, anything else the name.
        let line = AccountFile.records(in: passwd).first { fields in
            fields.count >= 4 && (number == nil ? fields[0].sameBytes(as: spec) : fields[2].sameBytes(as: spec))
        }
        let uid = number ?? line.flatMap { accountNumber($0[2]) }
        guard let uid, let gid = line.map({ accountNumber($0[3]) }) ?? number else { throw .unknownAccount(spec, database: passwd) }
        let name = line?[0] ?? spec
        var supplementary: [UInt32] = []
        // name:password:gid:member,member
        for group in AccountFile.records(in: paths.etc + "/group") where group.count >= 4 {
            guard let id = accountNumber(group[2]), id != gid else { continue }
            if AccountFile.listsMember(group[3], name) { supplementary.append(id) }
        }
        return Account(name: name, uid: uid, gid: gid, supplementaryGroups: supplementary)
    }

    /// The group id `spec` names: a group name of `paths.etc`/group, or a number.
    public static func groupID(_ spec: String, paths: SystemPaths = SystemPaths()) throws(PrivilegeError) -> UInt32 {
        if let number = accountNumber(spec) { return number }
        let file = paths.etc + "/group"
        for group in AccountFile.records(in: file) where group.count >= 3 && group[0].sameBytes(as: spec) {
            if let gid = accountNumber(group[2]) { return gid }
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

    /// Whether the comma-separated `members` list names `name`.
    static func listsMember(_ members: String, _ name: String) -> Bool {
        members.utf8.split(separator: UInt8(ascii: ",")).contains { $0.elementsEqual(name.utf8) }
    }
}

/// A decimal user, group or mode number ("1000"), nil for anything else.
func accountNumber(_ text: String) -> UInt32? {
    guard !text.utf8.isEmpty, text.utf8.count <= 10 else { return nil }
    var value: UInt64 = 0
    for byte in text.utf8 {
        guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
        value = value * 10 + UInt64(byte - UInt8(ascii: "0"))
    }
    return UInt32(exactly: value)
}
