import CLinux

extension DeviceTree {
    /// Where Linux exposes the blob it booted with.
    public static let runningSystemPath = "/sys/firmware/fdt"

    /// Reads, validates and indexes a DTB file.
    public init(contentsOfFile path: String) throws(DeviceTreeError) {
        let file = try readWholeFileAligned(path)
        storage = try DeviceTreeStorage(adopting: file.memory, count: file.count, source: "file " + path)
    }

    /// The device tree the running kernel booted with, from /sys/firmware/fdt (readable by root
    /// only on most systems; absent on machines booted without a device tree, e.g. ACPI).
    public static func runningSystem() throws(DeviceTreeError) -> DeviceTree {
        try DeviceTree(contentsOfFile: runningSystemPath)
    }
}

/// Reads a file to its end with open(2)/read(2), straight into 8-byte aligned memory the tree
/// then adopts: no intermediate buffers, since a blob can be large (QEMU's virt board hands the
/// kernel 1 MiB, mostly free space, and /sys/firmware/fdt gives it back 4 KiB per read). The
/// size from fstat is only a hint (sysfs files may report 4096 or 0): the memory grows when the
/// file is longer. The caller owns the memory (`count` bytes read).
func readWholeFileAligned(_ path: String) throws(DeviceTreeError) -> (memory: UnsafeMutableRawPointer, count: Int) {
    let descriptor = path.withCString { clinux_open($0, clinux_o_rdonly(), 0) }
    guard descriptor >= 0 else {
        throw DeviceTreeError.unreadableFile(path: path, errno: clinux_errno())
    }
    defer { _ = close(descriptor) }
    let hint = clinux_file_size(descriptor)
    // One byte more than the hint, so that a file of exactly that size ends in a read of 0.
    var capacity = hint > 0 && hint < 64 << 20 ? Int(hint) + 1 : 65536
    var memory = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 8)
    var count = 0
    while true {
        if count == capacity {
            let larger = UnsafeMutableRawPointer.allocate(byteCount: capacity * 2, alignment: 8)
            larger.copyMemory(from: memory, byteCount: count)
            memory.deallocate()
            memory = larger
            capacity *= 2
        }
        let got = read(descriptor, memory + count, capacity - count)
        if got < 0 {
            let error = clinux_errno()
            if error == EINTR { continue }
            memory.deallocate()
            throw DeviceTreeError.unreadableFile(path: path, errno: error)
        }
        if got == 0 { break }
        count += got
    }
    return (memory, count)
}

/// The C library's text for an errno value ("No such file or directory").
func errnoName(_ value: Int32) -> String {
    guard let text = strerror(value) else { return "error" }
    return String(cString: text)
}
