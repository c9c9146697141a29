import CFdt

/// The validated blob and the node index built over it, shared by a `DeviceTree` and all of its
/// `DeviceTreeNode` values.
///
/// The blob lives in its own 8-byte aligned allocation (libfdt refuses unaligned trees) that is
/// never written after `init`, which is what makes the `@unchecked Sendable` sound. Nodes are
/// numbered in tree order (depth first, the order of their offsets in the structure block).
final class DeviceTreeStorage: @unchecked Sendable {
    /// Start of the blob.
    let base: UnsafeRawPointer
    /// Number of bytes of the blob (the header's `totalsize`).
    let count: Int
    /// Structure-block offset of every node, in tree order (so ascending).
    let offsets: [Int32]
    /// Index of each node's parent, -1 for the root.
    let parents: [Int32]
    /// Index of each node's first child, -1 for none.
    let firstChildren: [Int32]
    /// Index of each node's next sibling, -1 for none.
    let nextSiblings: [Int32]
    /// Node index for each phandle (`phandle` or the older `linux,phandle`); the first node wins.
    let phandles: PhandleTable
    /// Byte offset (from `base`) of each node's name (with unit address; empty for the root).
    let nameOffsets: [Int32]
    /// Length in bytes of each node's name.
    let nameLengths: [Int32]
    /// Property table: node i's properties are entries `propertyStarts[i] ..< propertyStarts[i + 1]`,
    /// in blob order, so lookups compare hashes instead of rescanning the structure block.
    let propertyStarts: [Int32]
    /// FNV-1a hash of each property's name.
    let propertyHashes: [UInt32]
    /// Byte offset (from `base`) of each property's NUL-terminated name.
    let propertyNames: [Int32]
    /// Byte offset (from `base`) of each property's value.
    let propertyValues: [Int32]
    /// Length in bytes of each property's value.
    let propertyLengths: [Int32]
    /// Per node, the property table entries of the `KnownProperty` cases, -1 for absent: node
    /// n's entry for case k is at n * KnownProperty.allCases.count + k.
    let knownProperties: [Int32]

    /// An 8-byte aligned copy of `bytes` for `init(adopting:count:source:)` (at least one byte is
    /// allocated so that the pointer is never nil).
    static func alignedCopy(of bytes: UnsafeRawBufferPointer) -> UnsafeMutableRawPointer {
        let memory = UnsafeMutableRawPointer.allocate(byteCount: max(bytes.count, 1), alignment: 8)
        if let source = bytes.baseAddress, bytes.count > 0 {
            memory.copyMemory(from: source, byteCount: bytes.count)
        }
        return memory
    }

    /// Takes ownership of `memory` (from `alignedCopy`, `count` bytes long), validates it with
    /// `fdt_check_full` and indexes every node. The memory is freed when validation fails.
    init(adopting memory: UnsafeMutableRawPointer, count bufferCount: Int, source: String) throws(DeviceTreeError) {
        let blob = UnsafeRawPointer(memory)
        do throws(DeviceTreeError) {
            let minimum = Int(cfdt_header_size_minimum())
            if bufferCount < minimum {
                throw DeviceTreeError.malformedBlob(
                    source: source, code: -FDT_ERR_TRUNCATED,
                    detail: "is \(bufferCount) bytes, shorter than the smallest DTB header (\(minimum) bytes)")
            }
            try DeviceTreeStorage.validate(blob, count: bufferCount, source: source)
        } catch {
            memory.deallocate()
            throw error
        }
        base = blob
        count = Int(cfdt_totalsize(blob))
        let index = NodeIndexBuilder(blob: blob)
        offsets = index.offsets
        parents = index.parents
        firstChildren = index.firstChildren
        nextSiblings = index.nextSiblings
        phandles = index.phandles
        nameOffsets = index.nameOffsets
        nameLengths = index.nameLengths
        propertyStarts = index.propertyStarts
        propertyHashes = index.propertyHashes
        propertyNames = index.propertyNames
        propertyValues = index.propertyValues
        propertyLengths = index.propertyLengths
        knownProperties = index.knownProperties
    }

    deinit {
        UnsafeMutableRawPointer(mutating: base).deallocate()
    }

    /// Index of the node at structure offset `offset`, or nil when no node starts there.
    func index(ofOffset offset: Int32) -> Int32? {
        var low = 0
        var high = offsets.count - 1
        while low <= high {
            let middle = (low + high) / 2
            let value = offsets[middle]
            if value == offset { return Int32(middle) }
            if value < offset { low = middle + 1 } else { high = middle - 1 }
        }
        return nil
    }

    /// Number of nodes in the tree.
    var nodeCount: Int { offsets.count }
}
