import CLinux
import ByteText

/// Small-file helpers for sysfs attributes and links. Everything here works the same on a real
/// /sys and on a directory tree a test builds to look like one.
package enum SysfsFiles {
    /// The content of a small text file without its trailing newline, or nil when it cannot be read.
    package static func read(_ path: String) -> String? {
        let fd = clinux_open(path, clinux_o_rdonly(), 0)
        if fd < 0 { return nil }
        defer { _ = close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 512)
        while true {
            let count = chunk.withUnsafeMutableBytes { CLinux.read(fd, $0.baseAddress, $0.count) }
            if count < 0 && currentErrno() == .interrupted { continue }
            if count <= 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        while let last = bytes.last, last == 10 || last == 0 { bytes.removeLast() }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Writes `text` to a sysfs attribute in one write(2), as the kernel expects. (O_TRUNC means
    /// nothing to sysfs; it keeps a test's plain-file stand-in holding exactly what was written.)
    package static func write(_ text: String, to path: String) throws(DeviceError) {
        let fd = clinux_open(path, clinux_o_wronly() | clinux_o_trunc(), 0)
        if fd < 0 {
            let code = currentErrno()
            if code.isPermissionDenial { throw .permissionDenied(path: path, noIOMMU: false) }
            throw .systemCall(operation: "open \(path) for writing", errno: code)
        }
        defer { _ = close(fd) }
        var utf8 = Array(text.utf8)
        let written = utf8.withUnsafeMutableBytes { CLinux.write(fd, $0.baseAddress, $0.count) }
        if written < 0 {
            throw .systemCall(operation: "write '\(text)' to \(path)", errno: currentErrno())
        }
    }

    /// The last path component a symbolic link points to ("vfio-amba" for .../drivers/vfio-amba).
    package static func linkTargetName(_ path: String) -> String? {
        guard let target = linkTarget(path) else { return nil }
        return lastComponent(target)
    }

    /// The raw target of a symbolic link, or nil when `path` is not one.
    package static func linkTarget(_ path: String) -> String? {
        var buffer = [CChar](repeating: 0, count: 1024)
        let count = buffer.withUnsafeMutableBufferPointer { readlink(path, $0.baseAddress!, $0.count - 1) }
        if count <= 0 { return nil }
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The names in a directory (without "." and ".."), sorted by bytes; empty when it cannot be read.
    package static func list(_ path: String) -> [String] {
        guard let dir = clinux_opendir(path) else { return [] }
        defer { clinux_closedir(dir) }
        var names: [String] = []
        while let entry = clinux_readdir_name(dir) {
            names.append(String(cString: entry))
        }
        return names.smallSorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    /// Whether anything exists at `path`.
    package static func exists(_ path: String) -> Bool { clinux_path_exists(path) != 0 }

    /// The text after the last "/".
    package static func lastComponent(_ path: String) -> String {
        let bytes = path.utf8
        guard let slash = bytes.lastIndex(of: UInt8(ascii: "/")) else { return path }
        return String(decoding: bytes[bytes.index(after: slash)...], as: UTF8.self)
    }
}
