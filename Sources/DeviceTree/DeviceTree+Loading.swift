import CLinux

extension DeviceTree {
    /// Where Linux exposes the blob it booted with.
    public static let runningSystemPath = "/sys/firmware/fdt"

    /// Reads, validates and indexes a DTB file.
    public init(contentsOfFile path: String) throws(DeviceTreeError) {
        let bytes = try readWholeFile(path)
        try self.init(bytes: bytes, source: "file " + path)
    }

    /// The device tree the running kernel booted with, from /sys/firmware/fdt (readable by root
    /// only on most systems; absent on machines booted without a device tree, e.g. ACPI).
    public static func runningSystem() throws(DeviceTreeError) -> DeviceTree {
        try DeviceTree(contentsOfFile: runningSystemPath)
    }
}

/// Reads a file to its end with open(2)/read(2). The size from fstat is only a hint, since
/// sysfs files may report a size of 4096 or 0.
func readWholeFile(_ path: String) throws(DeviceTreeError) -> [UInt8] {
    let descriptor = path.withCString { clinux_open($0, clinux_o_rdonly(), 0) }
    guard descriptor >= 0 else {
        throw DeviceTreeError.unreadableFile(path: path, errno: clinux_errno())
    }
    defer { _ = close(descriptor) }
    let hint = clinux_file_size(descriptor)
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: hint > 0 && hint < 64 << 20 ? Int(hint) + 1 : 65536)
    while true {
        let count = chunk.withUnsafeMutableBytes { buffer in
            read(descriptor, buffer.baseAddress, buffer.count)
        }
        if count < 0 {
            let error = clinux_errno()
            if error == EINTR { continue }
            throw DeviceTreeError.unreadableFile(path: path, errno: error)
        }
        if count == 0 { break }
        bytes.append(contentsOf: chunk[0..<count])
    }
    return bytes
}

/// The C library's text for an errno value ("No such file or directory").
func errnoName(_ value: Int32) -> String {
    guard let text = strerror(value) else { return "error" }
    return String(cString: text)
}
