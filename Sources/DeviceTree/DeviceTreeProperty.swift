import ByteText
/// A property of a device-tree node: its name and a copy of its raw (big-endian) value.
public struct DeviceTreeProperty: Sendable, Equatable {
    /// The property name, for example "reg" or "#address-cells".
    public let name: String
    /// The raw value exactly as stored in the blob.
    public let bytes: [UInt8]
    /// Full path of the node the property was read from (used in error messages).
    public var nodePath: String {
        switch origin {
        case .path(let path): return path
        case .node(let node): return node.path
        }
    }

    /// Where the property came from: a path given by the creator, or the node it was read from
    /// (whose path is only built when an error message asks for it).
    private let origin: Origin

    private enum Origin: Sendable {
        case path(String)
        case node(DeviceTreeNode)
    }

    /// Creates a property value; `nodePath` only serves error messages.
    public init(name: String, bytes: [UInt8], nodePath: String = "?") {
        self.name = name
        self.bytes = bytes
        self.origin = .path(nodePath)
    }

    /// A property read from `node` (which it keeps, for its path in error messages).
    init(name: String, bytes: [UInt8], node: DeviceTreeNode) {
        self.name = name
        self.bytes = bytes
        self.origin = .node(node)
    }

    /// Equal when name, value and node path are.
    public static func == (lhs: DeviceTreeProperty, rhs: DeviceTreeProperty) -> Bool {
        lhs.name.sameBytes(as: rhs.name) && lhs.bytes == rhs.bytes && lhs.nodePath.sameBytes(as: rhs.nodePath)
    }

    /// Number of bytes in the value.
    public var length: Int { bytes.count }

    /// True for an empty (boolean-style) property such as `interrupt-controller;`.
    public var isEmpty: Bool { bytes.isEmpty }

    /// The value as one 32-bit cell; an error unless it is exactly 4 bytes.
    public func u32() throws(DeviceTreeError) -> UInt32 {
        guard let value = bytes.withUnsafeBytes({ PropertyDecoding.u32($0) }) else {
            throw lengthError("exactly 4 bytes (one cell)")
        }
        return value
    }

    /// The value as a 64-bit number (two cells); an error unless it is exactly 8 bytes.
    public func u64() throws(DeviceTreeError) -> UInt64 {
        guard let value = bytes.withUnsafeBytes({ PropertyDecoding.u64($0) }) else {
            throw lengthError("exactly 8 bytes (two cells)")
        }
        return value
    }

    /// The value as 32-bit cells; an error unless its length is a multiple of 4.
    public func cells() throws(DeviceTreeError) -> [UInt32] {
        guard let value = bytes.withUnsafeBytes({ PropertyDecoding.cells($0) }) else {
            throw lengthError("a multiple of 4 bytes (whole cells)")
        }
        return value
    }

    /// The first NUL-terminated string of the value (the whole value for a plain string
    /// property); an error when the value is empty or not NUL-terminated.
    public func string() throws(DeviceTreeError) -> String {
        guard let list = bytes.withUnsafeBytes({ PropertyDecoding.strings($0) }), let first = list.first else {
            throw unterminatedError()
        }
        return first
    }

    /// The value as a list of NUL-terminated strings (`compatible`, `reg-names`); an error when it
    /// does not end with a NUL. An empty value is an empty list.
    public func stringList() throws(DeviceTreeError) -> [String] {
        guard let list = bytes.withUnsafeBytes({ PropertyDecoding.strings($0) }) else {
            throw unterminatedError()
        }
        return list
    }

    private func lengthError(_ expected: String) -> DeviceTreeError {
        .invalidPropertyLength(node: nodePath, property: name, length: bytes.count, expected: expected)
    }

    private func unterminatedError() -> DeviceTreeError {
        .invalidPropertyValue(node: nodePath, property: name, reason: "it is not a NUL-terminated string")
    }
}

/// A property value seen in place in the blob (no copy). Only valid while the storage that
/// owns the blob is alive, so it never leaves the module's accessors.
struct RawProperty {
    /// The value bytes.
    let buffer: UnsafeRawBufferPointer

    /// Length in bytes.
    var length: Int { buffer.count }

    /// Number of whole 32-bit cells.
    var cellCount: Int { buffer.count / 4 }

    /// The cell at `index` (big-endian in the blob); `index` must be below `cellCount`.
    func cell(_ index: Int) -> UInt32 {
        UInt32(bigEndian: buffer.loadUnaligned(fromByteOffset: index * 4, as: UInt32.self))
    }

    /// True when the value, read as NUL-separated strings, has one equal to `utf8` (what
    /// libfdt's `fdt_stringlist_contains` does for `compatible`).
    func containsString(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        var start = 0
        while start < buffer.count {
            var end = start
            while end < buffer.count && buffer[end] != 0 { end += 1 }
            if end - start == utf8.count {
                var equal = true
                for offset in 0..<utf8.count where buffer[start + offset] != utf8[offset] {
                    equal = false
                    break
                }
                if equal && end < buffer.count { return true }
            }
            start = end + 1
        }
        return false
    }

    /// `count` cells starting at cell `start` read as one number; only the low 64 bits are kept,
    /// as Linux's `of_read_number` does.
    func number(at start: Int, cells count: Int) -> UInt64 {
        var value: UInt64 = 0
        for index in start..<(start + count) {
            value = (value << 32) | UInt64(cell(index))
        }
        return value
    }
}

/// Value decoders shared by `DeviceTreeProperty` (copied bytes) and node accessors (in place).
enum PropertyDecoding {
    /// Exactly one cell, else nil.
    static func u32(_ buffer: UnsafeRawBufferPointer) -> UInt32? {
        guard buffer.count == 4 else { return nil }
        return UInt32(bigEndian: buffer.loadUnaligned(as: UInt32.self))
    }

    /// Exactly two cells, high cell first, else nil.
    static func u64(_ buffer: UnsafeRawBufferPointer) -> UInt64? {
        guard buffer.count == 8 else { return nil }
        let high = UInt64(UInt32(bigEndian: buffer.loadUnaligned(as: UInt32.self)))
        let low = UInt64(UInt32(bigEndian: buffer.loadUnaligned(fromByteOffset: 4, as: UInt32.self)))
        return high << 32 | low
    }

    /// Whole cells, else nil.
    static func cells(_ buffer: UnsafeRawBufferPointer) -> [UInt32]? {
        guard buffer.count % 4 == 0 else { return nil }
        var result: [UInt32] = []
        result.reserveCapacity(buffer.count / 4)
        for index in 0..<(buffer.count / 4) {
            result.append(UInt32(bigEndian: buffer.loadUnaligned(fromByteOffset: index * 4, as: UInt32.self)))
        }
        return result
    }

    /// NUL-separated strings, nil when the value does not end with a NUL. Empty value: [].
    static func strings(_ buffer: UnsafeRawBufferPointer) -> [String]? {
        if buffer.isEmpty { return [] }
        guard buffer[buffer.count - 1] == 0 else { return nil }
        var result: [String] = []
        var start = 0
        for index in 0..<buffer.count where buffer[index] == 0 {
            result.append(String(decoding: UnsafeRawBufferPointer(rebasing: buffer[start..<index]), as: UTF8.self))
            start = index + 1
        }
        return result
    }
}
