// A prototype, not used by the library: the node index DeviceTreeStorage builds (NodeIndexBuilder),
// built by reading the structure block directly instead of through fdt_next_node,
// fdt_first/next_property_offset, fdt_getprop_by_offset and fdt_get_name. Those re-check every
// tag they touch (fdt_offset_ptr, fdt_next_tag), which is most of what `DeviceTree.init` costs;
// after fdt_check_full has accepted the blob the checks are redundant.
//
// `dt-bench --run swift-init-direct` measures fdt_check_full + this walk, to compare with
// `swift-init` (fdt_check_full + NodeIndexBuilder). BENCHMARKS.md reports the difference.

import CFdt

/// The arrays NodeIndexBuilder produces, from one pass over a blob fdt_check_full accepted.
struct DirectIndex {
    var offsets: [Int32] = []
    var parents: [Int32] = []
    var nameOffsets: [Int32] = []
    var nameLengths: [Int32] = []
    var propertyStarts: [Int32] = []
    var propertyHashes: [UInt32] = []
    var propertyNames: [Int32] = []
    var propertyValues: [Int32] = []
    var propertyLengths: [Int32] = []
    var phandles: [UInt32: Int32] = [:]

    init(blob: UnsafeRawPointer) {
        func word(_ offset: Int) -> UInt32 { UInt32(bigEndian: blob.loadUnaligned(fromByteOffset: offset, as: UInt32.self)) }
        let structStart = Int(word(8))
        let stringsStart = Int(word(12))
        let structEnd = structStart + Int(word(36))
        var stack: [Int32] = []
        var cursor = structStart
        walk: while cursor + 4 <= structEnd {
            let tag = word(cursor)
            let tagOffset = cursor
            cursor += 4
            switch tag {
            case 1:  // FDT_BEGIN_NODE: NUL-terminated name, padded to 4
                let name = cursor
                while blob.load(fromByteOffset: cursor, as: UInt8.self) != 0 { cursor += 1 }
                let length = cursor - name
                cursor = (cursor + 4) & ~3
                let index = Int32(offsets.count)
                offsets.append(Int32(tagOffset - structStart))
                parents.append(stack.last ?? -1)
                nameOffsets.append(length > 0 ? Int32(name) : 0)
                nameLengths.append(Int32(length))
                propertyStarts.append(Int32(propertyHashes.count))
                stack.append(index)
            case 2:  // FDT_END_NODE
                stack.removeLast()
            case 3:  // FDT_PROP: length, name offset, value padded to 4
                let length = Int(word(cursor))
                let name = stringsStart + Int(word(cursor + 4))
                let value = cursor + 8
                cursor = (value + length + 3) & ~3
                guard let node = stack.last else { continue }
                let hash = directNameHash(blob + name)
                propertyHashes.append(hash)
                propertyNames.append(Int32(name))
                propertyValues.append(Int32(value))
                propertyLengths.append(Int32(length))
                // fdt_get_phandle's rule; "phandle" wins over "linux,phandle" on the same node.
                if length == 4, hash == phandleHash || hash == linuxPhandleHash {
                    let phandle = word(value)
                    if phandle != 0, phandle != 0xFFFF_FFFF, phandles[phandle] == nil { phandles[phandle] = node }
                }
            case 4:  // FDT_NOP
                continue
            default:  // FDT_END
                break walk
            }
        }
        propertyStarts.append(Int32(propertyHashes.count))
    }
}

/// FNV-1a over a NUL-terminated name, as PropertyTable.swift hashes.
@inline(__always)
func directNameHash(_ name: UnsafeRawPointer) -> UInt32 {
    var hash: UInt32 = 2_166_136_261
    var index = 0
    while true {
        let byte = name.load(fromByteOffset: index, as: UInt8.self)
        if byte == 0 { return hash }
        hash = (hash ^ UInt32(byte)) &* 16_777_619
        index += 1
    }
}

let phandleHash = directNameHash(StaticString("phandle").utf8Start)
let linuxPhandleHash = directNameHash(StaticString("linux,phandle").utf8Start)

/// fdt_check_full + the direct index, on an aligned copy as DeviceTree makes one.
func swiftInitDirect(_ bytes: [UInt8]) -> UInt64 {
    let memory = UnsafeMutableRawPointer.allocate(byteCount: max(bytes.count, 1), alignment: 8)
    defer { memory.deallocate() }
    bytes.withUnsafeBytes { memory.copyMemory(from: $0.baseAddress!, byteCount: bytes.count) }
    guard fdt_check_full(memory, bytes.count) == 0 else { fail("the blob does not pass fdt_check_full") }
    let index = DirectIndex(blob: memory)
    return UInt64(index.offsets.count &+ index.propertyHashes.count &+ index.phandles.count)
}
