import CFdt

/// The index read straight from the structure block, for the blobs nearly everyone has: format
/// version 17 (or later), the root node first. It follows libfdt's iteration exactly:
///
/// - the nodes are the root's subtree, in structure order; anything after the root ends is not
///   part of the tree;
/// - a node's properties are those between its begin tag and its first child or its end,
///   `FDT_NOP` tags skipped (libfdt's property iterator stops at the first child too);
/// - a node's name is the NUL-terminated string after its begin tag.
///
/// Every offset is bounds-checked again here, so a blob the reader does not expect makes it
/// return false (and the caller use libfdt) rather than read outside the blob.
extension NodeIndexBuilder {
    /// Fills the index from the structure block; false, with the index partly filled, when the
    /// blob is not one this reader handles.
    mutating func readStructureBlock() -> Bool {
        let blobSize = Int(cfdt_totalsize(blob))
        guard cfdt_version(blob) >= 17 else { return false }
        let structStart = Int(cfdt_off_dt_struct(blob))
        let structEnd = structStart + Int(cfdt_size_dt_struct(blob))
        let stringsStart = Int(cfdt_off_dt_strings(blob))
        let stringsEnd = stringsStart + Int(cfdt_size_dt_strings(blob))
        guard structStart % 4 == 0, structEnd <= blobSize, stringsEnd <= blobSize,
              structEnd <= Int(Int32.max), stringsEnd <= Int(Int32.max) else { return false }

        func word(_ offset: Int) -> UInt32 {
            UInt32(bigEndian: blob.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
        }
        /// The length of the NUL-terminated string at `start`, when the NUL comes before `end`.
        func stringLength(at start: Int, before end: Int) -> Int? {
            var cursor = start
            while cursor < end {
                if blob.load(fromByteOffset: cursor, as: UInt8.self) == 0 { return cursor - start }
                cursor += 1
            }
            return nil
        }

        var open: [Int32] = []          // the nodes begun and not yet ended, innermost last
        var takesProperties = false     // no child or end seen since the innermost node began
        var cursor = structStart
        guard structEnd - cursor >= 4, word(cursor) == 1 else { return false }
        while structEnd - cursor >= 4 {
            let tagOffset = cursor
            cursor += 4
            switch word(tagOffset) {
            case 1:  // FDT_BEGIN_NODE: a NUL-terminated name, padded to 4 bytes
                guard let length = stringLength(at: cursor, before: structEnd) else { return false }
                let index = beginNode(
                    at: Int32(tagOffset - structStart), parent: open.last ?? -1,
                    nameOffset: Int32(cursor), nameLength: Int32(length))
                open.append(index)
                takesProperties = true
                cursor = (cursor + length + 4) & ~3
            case 2:  // FDT_END_NODE
                open.removeLast()
                takesProperties = false
                if open.isEmpty { return true }
            case 3:  // FDT_PROP: value length, name offset in the strings block, value padded to 4
                guard structEnd - cursor >= 8 else { return false }
                let length = Int(word(cursor))
                let nameOffset = Int(word(cursor + 4))
                let value = cursor + 8
                guard length <= structEnd - value, nameOffset < stringsEnd - stringsStart,
                      stringLength(at: stringsStart + nameOffset, before: stringsEnd) != nil else { return false }
                if takesProperties {
                    addProperty(nameOffset: Int32(stringsStart + nameOffset), valueOffset: Int32(value), length: Int32(length))
                }
                cursor = (value + length + 3) & ~3
            case 9:  // FDT_END before the root ended
                return false
            case 4:  // FDT_NOP
                continue
            default:
                return false
            }
        }
        return false
    }
}
