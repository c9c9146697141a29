/// Reading register blocks, their members, clusters and the placement (offset, count, stride)
/// of arrays.
extension BindingReader {
    static let blockKeys = ["description", "width", "size", "include", "registers"]
    static let clusterKeys = ["name", "swift-name", "description", "offset", "count", "stride", "registers"]

    func readBlock(key: YAMLValue, _ node: YAMLValue, path: String) -> RegisterBlockDef? {
        guard let name = key.scalar else {
            sink.error(at: key, "a register block name must be a string")
            return nil
        }
        checkTypeName(name, at: key, what: "register block")
        let context = "register block '\(name)'"
        guard checkKeys(node, allowed: Self.blockKeys, context: context) else { return nil }
        let width = registerWidth(node, context: context) ?? 32
        var entries: [YAMLValue] = []
        for fragment in includes(node, from: path) {
            if let properties = fragment["properties"] {
                sink.error(at: properties, "fragment has 'properties': include it from the binding, not from a register block")
            }
            if let list = fragment["registers"] {
                if let items = list.sequence { entries += items } else { sink.error(at: list, "'registers' must be a list, found \(list.kindName)") }
            }
        }
        if let list = node["registers"] {
            if let items = list.sequence { entries += items } else { sink.error(at: list, "'registers' must be a list, found \(list.kindName)") }
        }
        let members = readMembers(entries, defaultWidth: width)
        // Each placed member ends within the block limit, so `end` is too.
        let end = members.filter(\.isPlaced).map(\.end).max() ?? 0
        var extent = end
        if let sizeNode = node["size"],
           let size = unsigned(sizeNode, named: "'size' of \(context)", in: NumericLimits.byteCounts, hex: true, advice: NumericLimits.blockSpanAdvice) {
            if size < end {
                sink.error(at: sizeNode, "\(context) has size 0x\(String(size, radix: 16)) but its registers end at 0x\(String(end, radix: 16))")
            }
            extent = max(size, end)
        }
        return RegisterBlockDef(
            name: name, description: text(node, "description"), width: width, members: members, extent: extent,
            location: SourceLocation(file: key.file, line: key.line)
        )
    }

    func readMembers(_ entries: [YAMLValue], defaultWidth: Int) -> [BlockMember] {
        var members: [BlockMember] = []
        for entry in entries {
            guard entry.mapping != nil else {
                sink.error(at: entry, "a register must be a mapping with name and offset, found \(entry.kindName)")
                continue
            }
            if entry["registers"] != nil {
                if let cluster = readCluster(entry, defaultWidth: defaultWidth) { members.append(.cluster(cluster)) }
            } else if let register = readRegister(entry, defaultWidth: defaultWidth) {
                members.append(.register(register))
            }
        }
        return members
    }

    private func readCluster(_ node: YAMLValue, defaultWidth: Int) -> ClusterDef? {
        let name = typeName(node, context: "cluster") ?? "Invalid"
        let context = "cluster '\(name)'"
        guard checkKeys(node, allowed: Self.clusterKeys, context: context) else { return nil }
        let memberName = self.memberName(node, name: name, what: "cluster", at: node["name"] ?? node)
        guard let offset = self.offset(node, context: context) else { return nil }
        let list = node["registers"]
        let members = readMembers(list?.sequence ?? [], defaultWidth: defaultWidth)
        if let list, list.sequence == nil {
            sink.error(at: list, "'registers' of \(context) must be a list")
        }
        var cluster = ClusterDef(
            name: name, memberName: memberName, description: text(node, "description"), offset: offset, count: 1, stride: 0,
            isArray: node["count"] != nil, members: members, location: SourceLocation(file: node.file, line: node.line)
        )
        let shape = arrayShape(node, context: context, elementSize: cluster.extent)
        cluster.count = shape.count
        cluster.stride = shape.stride
        cluster.isPlaced = shape.isValid && checkEnd(node, context: context, offset: offset, shape: shape, size: cluster.extent)
        return cluster
    }

    /// `offset:` of a register or cluster (required): a byte offset within the block.
    func offset(_ node: YAMLValue, context: String) -> UInt64? {
        unsigned(node, "offset", context: context, required: true, in: NumericLimits.offsets, hex: true, advice: NumericLimits.blockSpanAdvice)
    }

    /// The count and stride of an array (stride defaults to the element size); `isValid` is
    /// false when either is in error (then the shape is one element).
    struct ArrayShape {
        var count: Int
        var stride: UInt64
        var isValid: Bool
    }

    func arrayShape(_ node: YAMLValue, context: String, elementSize: UInt64) -> ArrayShape {
        let single = ArrayShape(count: 1, stride: elementSize, isValid: true)
        let count = unsigned(node, "count", context: context, in: NumericLimits.arrayCounts,
                             advice: "give the number of elements, or leave 'count' out for a single one")
        let stride = unsigned(node, "stride", context: context, in: NumericLimits.byteCounts, hex: true, advice: NumericLimits.blockSpanAdvice)
        var isValid = (node["count"] == nil || count != nil) && (node["stride"] == nil || stride != nil)
        if node["count"] == nil, let strideNode = node["stride"], stride != nil {
            sink.error(at: strideNode, "\(context) has a stride but no count")
            isValid = false
        }
        guard let count, isValid else { return ArrayShape(count: 1, stride: elementSize, isValid: isValid) }
        let actualStride = stride ?? elementSize
        if actualStride < elementSize, let strideNode = node["stride"] {
            sink.error(at: strideNode, "\(context) has stride 0x\(String(actualStride, radix: 16)), less than its 0x\(String(elementSize, radix: 16)) bytes: elements would overlap")
            return ArrayShape(count: single.count, stride: single.stride, isValid: false)
        }
        return ArrayShape(count: Int(count), stride: actualStride, isValid: true)
    }

    /// Whether the member at `offset` with `shape` and elements of `size` bytes ends within the
    /// block limit; reported at its offset when not.
    func checkEnd(_ node: YAMLValue, context: String, offset: UInt64, shape: ArrayShape, size: UInt64) -> Bool {
        let end = NumericLimits.end(offset: offset, count: UInt64(shape.count), stride: shape.stride, size: size)
        if let end, end <= NumericLimits.maxBlockExtent { return true }
        let shown = end.map { "0x" + String($0, radix: 16) } ?? "beyond 64 bits"
        sink.error(at: node["offset"] ?? node, "\(context) ends at \(shown), past the 0x\(String(NumericLimits.maxBlockExtent, radix: 16)) bytes a register block may span: lower its offset, count or stride")
        return false
    }
}
