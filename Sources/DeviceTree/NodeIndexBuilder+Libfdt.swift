import CFdt

/// The index built through libfdt's iterators: any blob `fdt_check_full` accepts, any format
/// version. The fallback of the direct reader and the reference it is tested against.
extension NodeIndexBuilder {
    /// Walks the root node's subtree with `fdt_next_node`, and each node's properties with
    /// `fdt_first_property_offset`/`fdt_next_property_offset`.
    mutating func walkWithLibfdt() {
        // ancestors[d] is the index of the latest node seen at depth d.
        var ancestors: [Int32] = []
        var offset: Int32 = 0
        var depth: Int32 = 0
        while offset >= 0 && depth >= 0 {
            let parent: Int32 = depth == 0 ? -1 : ancestors[Int(depth) - 1]
            var nameLength: Int32 = 0
            var nameOffset: Int32 = 0
            if let name = fdt_get_name(blob, offset, &nameLength) {
                nameOffset = Int32(UnsafeRawPointer(name) - blob)
            } else {
                nameLength = 0
            }
            let index = beginNode(at: offset, parent: parent, nameOffset: nameOffset, nameLength: nameLength)
            var property = fdt_first_property_offset(blob, offset)
            while property >= 0 {
                var length: Int32 = 0
                var name: UnsafePointer<CChar>? = nil
                if let value = fdt_getprop_by_offset(blob, property, &name, &length), let name, length >= 0 {
                    addProperty(nameOffset: Int32(UnsafeRawPointer(name) - blob), valueOffset: Int32(value - blob), length: length)
                }
                property = fdt_next_property_offset(blob, property)
            }
            if ancestors.count > Int(depth) { ancestors.removeLast(ancestors.count - Int(depth)) }
            ancestors.append(index)
            offset = fdt_next_node(blob, offset, &depth)
        }
    }
}
