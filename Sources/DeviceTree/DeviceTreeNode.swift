import CFdt
import ByteText

/// One node of a `DeviceTree`.
///
/// A node is a lightweight handle (the tree's shared storage and the node's index); every
/// accessor reads the validated blob directly. Two handles are equal when they denote the same
/// node of the same loaded tree.
public struct DeviceTreeNode: Sendable, Hashable {
    let storage: DeviceTreeStorage
    let index: Int32

    init(storage: DeviceTreeStorage, index: Int32) {
        self.storage = storage
        self.index = index
    }

    /// The node's structure-block offset (what libfdt functions take).
    public var offset: Int32 { storage.offsets[Int(index)] }

    /// The tree this node belongs to.
    public var tree: DeviceTree { DeviceTree(storage: storage) }

    /// Equal when both handles denote the same node of the same loaded tree.
    public static func == (lhs: DeviceTreeNode, rhs: DeviceTreeNode) -> Bool {
        lhs.storage === rhs.storage && lhs.index == rhs.index
    }

    /// Hashes the node's position in its tree.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(index)
    }

    // MARK: Names

    /// The node name with its unit address, as written in the source: "pl011@9000000".
    /// The root's name is the empty string.
    public var name: String {
        let length = Int(storage.nameLengths[Int(index)])
        if length == 0 { return "" }
        let start = storage.base + Int(storage.nameOffsets[Int(index)])
        return String(decoding: UnsafeRawBufferPointer(start: start, count: length), as: UTF8.self)
    }

    /// The node name without its unit address: "pl011".
    public var baseName: String {
        let full = name
        guard let at = full.utf8.firstIndex(of: UInt8(ascii: "@")) else { return full }
        return String(full[..<at])
    }

    /// The unit address after "@" ("9000000"), or nil when the name has none.
    public var unitAddress: String? {
        let full = name
        guard let at = full.utf8.firstIndex(of: UInt8(ascii: "@")) else { return nil }
        return String(full[full.utf8.index(after: at)...])
    }

    /// The full path from the root: "/soc/serial@1000"; "/" for the root.
    public var path: String {
        if index == 0 { return "/" }
        // Written back to front straight into the string's storage: one allocation at most.
        var length = 0
        var current = index
        while current > 0 {
            length += 1 + Int(storage.nameLengths[Int(current)])
            current = storage.parents[Int(current)]
        }
        return String(unsafeUninitializedCapacity: length) { buffer in
            var end = length
            var current = index
            while current > 0 {
                let nameLength = Int(storage.nameLengths[Int(current)])
                end -= nameLength
                if nameLength > 0, let start = buffer.baseAddress {
                    let name = storage.base + Int(storage.nameOffsets[Int(current)])
                    UnsafeMutableRawPointer(start + end).copyMemory(from: name, byteCount: nameLength)
                }
                end -= 1
                buffer[end] = UInt8(ascii: "/")
                current = storage.parents[Int(current)]
            }
            return length
        }
    }

    /// Nesting depth: 0 for the root, 1 for its children.
    public var depth: Int {
        var count = 0
        var current = index
        while current > 0 {
            count += 1
            current = storage.parents[Int(current)]
        }
        return count
    }

    // MARK: Structure

    /// The parent node, nil for the root.
    public var parent: DeviceTreeNode? {
        let parentIndex = storage.parents[Int(index)]
        return parentIndex < 0 ? nil : DeviceTreeNode(storage: storage, index: parentIndex)
    }

    /// The direct children, in tree order.
    public var children: [DeviceTreeNode] {
        var result: [DeviceTreeNode] = []
        var child = storage.firstChildren[Int(index)]
        while child >= 0 {
            result.append(DeviceTreeNode(storage: storage, index: child))
            child = storage.nextSiblings[Int(child)]
        }
        return result
    }

    /// The direct child whose name is `name`, or whose base name is `name` when `name` has no
    /// unit address (the first such child).
    public func child(named name: String) -> DeviceTreeNode? {
        let hasUnit = name.utf8.contains(UInt8(ascii: "@"))
        for child in children {
            if child.name.sameBytes(as: name) || (!hasUnit && child.baseName.sameBytes(as: name)) { return child }
        }
        return nil
    }

    /// This node and all of its descendants, depth first in tree order.
    public var subtree: [DeviceTreeNode] {
        var result: [DeviceTreeNode] = [self]
        var cursor = Int(index) + 1
        // Descendants are exactly the nodes that follow in tree order until one whose parent
        // chain does not pass through this node.
        while cursor < storage.nodeCount {
            var ancestor = storage.parents[cursor]
            while ancestor > index { ancestor = storage.parents[Int(ancestor)] }
            if ancestor != index { break }
            result.append(DeviceTreeNode(storage: storage, index: Int32(cursor)))
            cursor += 1
        }
        return result
    }

    /// The node's phandle (`phandle` or `linux,phandle`), nil when it has none.
    public var phandleValue: UInt32? {
        let value = (try? u32("phandle")) ?? (try? u32("linux,phandle")) ?? nil
        guard let value, value != 0, value != 0xFFFF_FFFF else { return nil }
        return value
    }

    // MARK: Properties

    /// Every property of the node in blob order, each with a copy of its value.
    public var properties: [DeviceTreeProperty] {
        var result: [DeviceTreeProperty] = []
        let first = Int(storage.propertyStarts[Int(index)])
        let end = Int(storage.propertyStarts[Int(index) + 1])
        result.reserveCapacity(end - first)
        for entry in first..<end {
            let name = (storage.base + Int(storage.propertyNames[entry])).assumingMemoryBound(to: CChar.self)
            let value = UnsafeRawBufferPointer(
                start: storage.base + Int(storage.propertyValues[entry]), count: Int(storage.propertyLengths[entry]))
            result.append(DeviceTreeProperty(name: String(cString: name), bytes: Array(value), node: self))
        }
        return result
    }

    /// The property called `name`, nil when the node has none.
    public func property(_ name: String) -> DeviceTreeProperty? {
        guard let raw = rawProperty(name) else { return nil }
        return DeviceTreeProperty(name: name, bytes: Array(raw.buffer), node: self)
    }

    /// True when the node has a property called `name` (whatever its value, usually empty).
    public func hasProperty(_ name: String) -> Bool {
        rawProperty(name) != nil
    }

    /// The value of property `name` as a view into the blob, without copying.
    func rawProperty(_ name: String) -> RawProperty? {
        storage.property(of: index, named: name)
    }
}

extension DeviceTree {
    init(storage: DeviceTreeStorage) {
        self.storage = storage
    }
}
