import CLinux
import ByteText

/// The small files the framework keeps under `SystemPaths.stateDirectory` (what a bind replaced,
/// what a grant changed), so that a later process can undo the change after its maker is gone.
package enum StateFiles {
    /// Writes `text` to `path`, creating the file (mode 0644) and its directories.
    package static func write(_ text: String, to path: String) throws(DeviceError) {
        if let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) {
            makeDirectories(String(decoding: path.utf8[..<slash], as: UTF8.self))
        }
        let fd = clinux_open(path, clinux_o_wronly() | clinux_o_creat() | clinux_o_trunc(), 0o644)
        if fd < 0 { throw .systemCall(operation: "create \(path)", errno: currentErrno()) }
        _ = close(fd)
        try SysfsFiles.write(text, to: path)
    }

    /// Removes `path` (nothing when it is missing).
    package static func remove(_ path: String) { _ = unlink(path) }

    /// mkdir -p: creates `path` and any missing parents (mode 0755).
    package static func makeDirectories(_ path: String) {
        var partial = ""
        for component in path.utf8.split(separator: UInt8(ascii: "/")) {
            partial += "/" + String(decoding: component, as: UTF8.self)
            _ = mkdir(partial, 0o755)
        }
    }
}
