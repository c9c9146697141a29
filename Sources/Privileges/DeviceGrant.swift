import ByteText
import PlatformCore

/// Hands a device's files to an account and takes them back: each file's owner, group and mode
/// are changed, and what they were is recorded first (in `SystemPaths.stateDirectory`, beside
/// the bind's record) so that `revoke` restores exactly that, from any later process. A file
/// several grants share (the device tree blob every driver reads) keeps its first original and
/// is restored when the last grant naming it is revoked.
public struct DeviceGrant: Sendable {
    /// One file of a grant: its path, the ownership given, and the one it had.
    public struct Entry: Sendable, Equatable {
        /// The file.
        public let path: String
        /// What the grant gave it.
        public let granted: FileOwnership
        /// What it had before any grant.
        public let original: FileOwnership
    }

    /// Where the records are kept.
    public var paths: SystemPaths

    /// Grants over `paths`.
    public init(paths: SystemPaths = SystemPaths()) { self.paths = paths }

    /// Gives each of `files` its ownership for device `name`, recording what each had first.
    /// A file missing is an error naming it; nothing is changed then.
    public func grant(_ files: [(path: String, ownership: FileOwnership)], for name: String) throws(PrivilegeError) -> [Entry] {
        var entries = entries(of: name)
        for file in files {
            guard let now = FileOwnership.of(file.path) else {
                throw .systemCall(operation: "stat \(file.path)", errno: .noEntry)
            }
            let original = entries.first { $0.path.sameBytes(as: file.path) }?.original
                ?? sharedOriginal(of: file.path, except: name) ?? now
            entries.removeAll { $0.path.sameBytes(as: file.path) }
            entries.append(Entry(path: file.path, granted: file.ownership, original: original))
        }
        try save(entries, for: name)
        for file in files { try file.ownership.apply(to: file.path) }
        return entries
    }

    /// Restores every file the grant of `name` changed (a file gone with its device is
    /// skipped; one another grant still names is left to that grant) and drops the record.
    /// Returns the files restored.
    @discardableResult
    public func revoke(_ name: String) throws(PrivilegeError) -> [String] {
        var restored: [String] = []
        for entry in entries(of: name) {
            if sharedOriginal(of: entry.path, except: name) != nil { continue }
            guard FileOwnership.of(entry.path) != nil else { continue }
            try entry.original.apply(to: entry.path)
            restored.append(entry.path)
        }
        StateFiles.remove(recordPath(for: name))
        return restored
    }

    /// Whether device `name` has a grant on record.
    public func isGranted(_ name: String) -> Bool { SysfsFiles.exists(recordPath(for: name)) }

    /// The files of `name`'s grant (empty without one).
    public func entries(of name: String) -> [Entry] {
        guard let text = SysfsFiles.read(recordPath(for: name)) else { return [] }
        var entries: [Entry] = []
        for line in text.utf8.split(separator: UInt8(ascii: "\n")) {
            let words = line.split(separator: UInt8(ascii: " ")).map { String(decoding: $0, as: UTF8.self) }
            guard words.count == 7, let granted = Self.ownership(words[1...3]), let original = Self.ownership(words[4...6]) else { continue }
            entries.append(Entry(path: words[0], granted: granted, original: original))
        }
        return entries
    }

    /// The original another device's grant recorded for `path`, if one names it.
    private func sharedOriginal(of path: String, except name: String) -> FileOwnership? {
        for record in SysfsFiles.list(paths.stateDirectory) where record.utf8.count > 6 && record.bytesEnd(with: ".grant") {
            let device = String(decoding: record.utf8.dropLast(6), as: UTF8.self)
            if device.sameBytes(as: name) { continue }
            if let entry = entries(of: device).first(where: { $0.path.sameBytes(as: path) }) { return entry.original }
        }
        return nil
    }

    private func save(_ entries: [Entry], for name: String) throws(PrivilegeError) {
        var text = ""
        for entry in entries {
            text += entry.path + " " + Self.words(entry.granted) + " " + Self.words(entry.original) + "\n"
        }
        do { try StateFiles.write(text, to: recordPath(for: name)) } catch {
            throw .systemCall(operation: "record the grant in \(recordPath(for: name))", errno: .accessDenied)
        }
    }

    private func recordPath(for name: String) -> String { paths.stateDirectory + "/" + name + ".grant" }

    private static func words(_ ownership: FileOwnership) -> String {
        "\(ownership.uid) \(ownership.gid) \(ownership.mode)"
    }

    private static func ownership(_ words: ArraySlice<String>) -> FileOwnership? {
        let numbers = words.compactMap { accountNumber($0) }
        return numbers.count == 3 ? FileOwnership(uid: numbers[0], gid: numbers[1], mode: numbers[2]) : nil
    }
}
