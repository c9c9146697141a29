import CFdt
import ByteText

/// A flattened device tree (DTB), validated once and then read without further checks.
///
/// The tree owns a private copy of the blob. `init` runs libfdt's `fdt_check_full` before
/// anything reads the bytes, so every later lookup works on a structurally sound blob; what
/// remains possible are semantic problems (a dangling phandle, a `reg` of the wrong length),
/// which the node accessors report as `DeviceTreeError`.
///
/// Values are cheap to copy and `Sendable`: copies share the same immutable storage.
public struct DeviceTree: Sendable {
    let storage: DeviceTreeStorage

    /// Validates and indexes a blob held in memory.
    public init(bytes: [UInt8]) throws(DeviceTreeError) {
        try self.init(bytes: bytes, source: "blob")
    }

    /// Validates and indexes a blob from raw memory; `source` names it in errors
    /// (for example "file /boot/board.dtb").
    public init(copying buffer: UnsafeRawBufferPointer, source: String) throws(DeviceTreeError) {
        let memory = DeviceTreeStorage.alignedCopy(of: buffer)
        storage = try DeviceTreeStorage(adopting: memory, count: buffer.count, source: source)
    }

    /// Validates and indexes a blob held in memory; `source` names it in errors.
    public init(bytes: [UInt8], source: String) throws(DeviceTreeError) {
        let memory = bytes.withUnsafeBytes { DeviceTreeStorage.alignedCopy(of: $0) }
        storage = try DeviceTreeStorage(adopting: memory, count: bytes.count, source: source)
    }

    /// The root node ("/").
    public var root: DeviceTreeNode { DeviceTreeNode(storage: storage, index: 0) }

    /// Number of nodes in the tree, the root included.
    public var nodeCount: Int { storage.nodeCount }

    /// A copy of the blob's bytes (its header's `totalsize` bytes).
    public var bytes: [UInt8] {
        Array(UnsafeRawBufferPointer(start: storage.base, count: storage.count))
    }

    /// The node at a full path such as "/soc/serial@1000".
    ///
    /// Lookup follows libfdt's `fdt_path_offset`: a component without a unit address matches a
    /// node named with one when that is the first such sibling ("/pl011" finds "/pl011@9000000"),
    /// and a path that does not start with "/" begins with an alias name ("serial0" or
    /// "serial0/child").
    public func node(atPath path: String) -> DeviceTreeNode? {
        // libfdt before 1.7.0 (Debian 12 ships 1.6.1) follows a leading alias by calling itself on
        // the alias's value unchecked: a value that is not an absolute path recurses until the
        // stack overflows (serial0 = "serial0"), and one without a NUL is read past its end. Only
        // hand over paths whose alias is what libfdt 1.7 accepts: NUL-terminated, starting with "/".
        if !path.bytesStart(with: "/") {
            let alias = String(decoding: path.utf8.prefix { $0 != UInt8(ascii: "/") }, as: UTF8.self)
            guard let aliases = node(atPath: "/aliases"), let value = aliases.rawProperty(alias),
                  value.length > 0, value.buffer[value.length - 1] == 0, value.buffer[0] == UInt8(ascii: "/")
            else { return nil }
        }
        var text = path
        let offset = text.withUTF8 { utf8 -> Int32 in
            utf8.withMemoryRebound(to: CChar.self) { chars in
                guard let start = chars.baseAddress, !chars.isEmpty else { return -FDT_ERR_BADPATH }
                return fdt_path_offset_namelen(storage.base, start, Int32(chars.count))
            }
        }
        return node(offset: offset)
    }

    /// The node carrying `phandle` (in `phandle` or `linux,phandle`).
    public func node(phandle: UInt32) -> DeviceTreeNode? {
        guard let index = storage.phandles.node(for: phandle) else { return nil }
        return DeviceTreeNode(storage: storage, index: index)
    }

    /// The node an alias in `/aliases` names (for example "serial0").
    public func node(alias: String) -> DeviceTreeNode? {
        guard let path = try? self.node(atPath: "/aliases")?.string(alias), path.bytesStart(with: "/") else { return nil }
        return node(atPath: path)
    }

    /// The node a source label names, through `/__symbols__` (present when dtc ran with `-@`).
    public func node(label: String) -> DeviceTreeNode? {
        guard let path = try? self.node(atPath: "/__symbols__")?.string(label), path.bytesStart(with: "/") else { return nil }
        return node(atPath: path)
    }

    /// Every alias of `/aliases` with the path it stands for, in property order.
    public var aliases: [(name: String, path: String)] {
        guard let aliasNode = node(atPath: "/aliases") else { return [] }
        var result: [(name: String, path: String)] = []
        for property in aliasNode.properties {
            guard let path = try? property.string(), path.bytesStart(with: "/") else { continue }
            result.append((name: property.name, path: path))
        }
        return result
    }

    /// Every label of `/__symbols__` with the path it stands for, in property order.
    public var labels: [(name: String, path: String)] {
        guard let symbols = node(atPath: "/__symbols__") else { return [] }
        var result: [(name: String, path: String)] = []
        for property in symbols.properties {
            guard let path = try? property.string(), path.bytesStart(with: "/") else { continue }
            result.append((name: property.name, path: path))
        }
        return result
    }

    /// The `/chosen` node (boot arguments, `stdout-path`), if the tree has one.
    public var chosen: DeviceTreeNode? { node(atPath: "/chosen") }

    /// Nodes whose `compatible` list contains `compatible`, in tree order.
    public func nodes(compatibleWith compatible: String) -> [DeviceTreeNode] {
        var result: [DeviceTreeNode] = []
        var wanted = compatible
        wanted.withUTF8 { utf8 in
            for index in 0..<Int32(storage.nodeCount) {
                if let list = storage.property(of: index, .compatible), list.containsString(utf8) {
                    result.append(DeviceTreeNode(storage: storage, index: index))
                }
            }
        }
        return result
    }

    /// Nodes compatible with any of `compatibles`, in tree order, each with its rank: the index in
    /// the node's own `compatible` list of its most specific match (lower is a better match).
    public func nodes(compatibleWithAnyOf compatibles: [String]) -> [(node: DeviceTreeNode, rank: Int)] {
        var result: [(node: DeviceTreeNode, rank: Int)] = []
        for node in allNodes() {
            if let rank = node.compatibilityRank(preferring: compatibles) {
                result.append((node: node, rank: rank))
            }
        }
        return result
    }

    /// Every node, the root first, depth first in tree order.
    public func allNodes() -> [DeviceTreeNode] {
        var result: [DeviceTreeNode] = []
        result.reserveCapacity(storage.nodeCount)
        for index in 0..<storage.nodeCount {
            result.append(DeviceTreeNode(storage: storage, index: Int32(index)))
        }
        return result
    }

    /// The node at a structure-block offset returned by libfdt, nil for a negative (error) offset.
    func node(offset: Int32) -> DeviceTreeNode? {
        guard offset >= 0, let index = storage.index(ofOffset: offset) else { return nil }
        return DeviceTreeNode(storage: storage, index: index)
    }
}
