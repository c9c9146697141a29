import DeviceTree
import Foundation

/// Loads the DTB a command was given, or the message to print: the loader's reason, plus how to
/// compile the file when it is device-tree source (a .dts) rather than a blob.
enum DeviceTreeFile {
    static func load(_ path: String, command: String) -> Result<DeviceTree, CommandFailure> {
        do {
            return .success(try DeviceTree(contentsOfFile: path))
        } catch {
            var message = "error: dtbind \(command): \(error)"
            if looksLikeSource(path) {
                let blob = ((path as NSString).deletingPathExtension as NSString).appendingPathExtension("dtb") ?? path + ".dtb"
                message += "\n\(path) is device-tree source, not a blob: compile it first with `dtc -I dts -O dtb -o \(blob) \(path)` and pass \(blob)"
            }
            return .failure(CommandFailure(message: message))
        }
    }

    /// A .dts/.dtsi name, or text that starts like device-tree source (`/dts-v1/;`, a comment,
    /// an #include).
    static func looksLikeSource(_ path: String) -> Bool {
        if path.hasSuffix(".dts") || path.hasSuffix(".dtsi") { return true }
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let head = String(decoding: handle.readData(ofLength: 64), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return head.hasPrefix("/dts-v1/") || head.hasPrefix("/*") || head.hasPrefix("//") || head.hasPrefix("#include")
    }
}

/// A message a command prints to standard error before exiting with status 2.
struct CommandFailure: Error {
    var message: String
}
