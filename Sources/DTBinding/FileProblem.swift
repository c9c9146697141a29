import Foundation

/// Why a file or folder the tools were pointed at cannot be used, in words that say what to do.
/// "cannot read" alone does not tell a missing file from a binary one or a permission problem.
public enum FileProblem {
    /// Reads `path` as UTF-8 text, or says why it cannot: missing, a folder, unreadable, not text.
    public static func readText(_ path: String) -> Result<String, FileReadFailure> {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return .failure(FileReadFailure(reason: "no such file: check the path"))
        }
        if isDirectory.boolValue {
            return .failure(FileReadFailure(reason: "it is a folder, not a file"))
        }
        guard FileManager.default.isReadableFile(atPath: path), let data = FileManager.default.contents(atPath: path) else {
            return .failure(FileReadFailure(reason: "permission denied: make it readable (chmod a+r) or run as its owner"))
        }
        if data.contains(0) {
            return .failure(FileReadFailure(reason: "it holds NUL bytes: a binary file, not YAML text"))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            return .failure(FileReadFailure(reason: "it is not UTF-8 text (\(data.count) bytes, a binary file?)"))
        }
        return .success(text)
    }

    /// Why the folder at `path` cannot be listed: missing, a file, or unreadable.
    public static func folderReason(_ path: String) -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return "no such folder: check the path"
        }
        if !isDirectory.boolValue { return "it is a file, not a folder: pass the folder that holds the *.yaml files" }
        return "permission denied: make it readable (chmod a+rx) or run as its owner"
    }

    /// Why `path` cannot be written as an output folder (for `--output`), or nil when it can.
    public static func outputFolderProblem(_ path: String) -> String? {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            if !isDirectory.boolValue { return "it is an existing file, not a folder: name a folder (it is created if missing)" }
            if !FileManager.default.isWritableFile(atPath: path) { return "the folder is not writable: choose another or fix its permissions" }
            return nil
        }
        var parent = (path as NSString).deletingLastPathComponent
        if parent.isEmpty { parent = "." }
        while !FileManager.default.fileExists(atPath: parent, isDirectory: &isDirectory) {
            let next = (parent as NSString).deletingLastPathComponent
            if next.isEmpty || next == parent { return nil }
            parent = next
        }
        if !isDirectory.boolValue { return "\(parent) is a file, so no folder can be made below it" }
        if !FileManager.default.isWritableFile(atPath: parent) { return "cannot create it: \(parent) is not writable" }
        return nil
    }
}

/// Why a file could not be read as text.
public struct FileReadFailure: Error, Equatable, Sendable {
    /// What is wrong and what to do, without the path.
    public var reason: String
}
