import ByteText
import CFdt

/// Writes a new flattened device tree (a DTB or a .dtbo overlay) node by node, through
/// libfdt's sequential-write functions: `beginNode`, properties, `endNode`, then `finish`
/// for the blob's bytes.
///
///     var writer = try FlatTreeWriter()
///     try writer.beginNode("")
///     try writer.property("status", string: "okay")
///     try writer.endNode()
///     let blob = try writer.finish()
public struct FlatTreeWriter {
    private var buffer: [UInt8]

    /// A writer with room for `capacity` bytes (it grows when a tree needs more).
    public init(capacity: Int = 4096) throws(DeviceTreeError) {
        buffer = [UInt8](repeating: 0, count: capacity)
        let capacity = Int32(buffer.count)
        try check(buffer.withUnsafeMutableBytes { fdt_create($0.baseAddress, capacity) }, "fdt_create")
        try check(buffer.withUnsafeMutableBytes { fdt_finish_reservemap($0.baseAddress) }, "fdt_finish_reservemap")
    }

    /// Opens node `name` ("" for the root) inside the open node.
    public mutating func beginNode(_ name: String) throws(DeviceTreeError) {
        try write("fdt_begin_node") { fdt in name.withCString { fdt_begin_node(fdt, $0) } }
    }

    /// Closes the open node.
    public mutating func endNode() throws(DeviceTreeError) {
        try write("fdt_end_node") { fdt in fdt_end_node(fdt) }
    }

    /// A property holding one string.
    public mutating func property(_ name: String, string: String) throws(DeviceTreeError) {
        try property(name, strings: [string])
    }

    /// A property holding a string list (each string NUL-terminated, as `compatible`).
    public mutating func property(_ name: String, strings: [String]) throws(DeviceTreeError) {
        var bytes: [UInt8] = []
        for string in strings { bytes.append(contentsOf: string.utf8); bytes.append(0) }
        try property(name, bytes: bytes)
    }

    /// A property holding `bytes` as they are.
    public mutating func property(_ name: String, bytes: [UInt8]) throws(DeviceTreeError) {
        try write("fdt_property") { fdt in
            name.withCString { key in bytes.withUnsafeBytes { fdt_property(fdt, key, $0.baseAddress, Int32($0.count)) } }
        }
    }

    /// Ends the tree and returns the blob (packed to its size).
    public mutating func finish() throws(DeviceTreeError) -> [UInt8] {
        try write("fdt_finish") { fdt in fdt_finish(fdt) }
        let size = Int(buffer.withUnsafeBytes { cfdt_totalsize($0.baseAddress!) })
        return Array(buffer.prefix(size))
    }

    /// Runs `body` on the blob, growing it (fdt_resize) and trying again while libfdt says it is full.
    private mutating func write(_ operation: StaticString, _ body: (UnsafeMutableRawPointer) -> Int32) throws(DeviceTreeError) {
        while true {
            let result = buffer.withUnsafeMutableBytes { body($0.baseAddress!) }
            if result != -FDT_ERR_NOSPACE {
                try check(result, operation)
                return
            }
            var larger = [UInt8](repeating: 0, count: buffer.count * 2)
            let size = Int32(larger.count)
            let resized = buffer.withUnsafeMutableBytes { old in larger.withUnsafeMutableBytes { fdt_resize(old.baseAddress, $0.baseAddress, size) } }
            try check(resized, "fdt_resize")
            buffer = larger
        }
    }
}

/// Throws `malformedBlob` naming `operation` when libfdt returned an error.
private func check(_ result: Int32, _ operation: StaticString) throws(DeviceTreeError) {
    if result < 0 {
        let name = operation.withUTF8Buffer { String(decoding: $0, as: UTF8.self) }
        throw .malformedBlob(source: "new tree", code: result, detail: "writing: " + name)
    }
}
