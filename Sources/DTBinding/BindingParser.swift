import Foundation

/// Turns the YAML of one binding file (and the fragments it includes) into a `Binding`, reporting
/// every problem with its file and line.
final class BindingParser {
    let sink = DiagnosticSink()
    private let readFile: (String) -> String?
    /// Fragments being included, to report cycles.
    private var includeStack: [String] = []

    init(readFile: @escaping (String) -> String?) {
        self.readFile = readFile
    }

    // MARK: Top level

    static let bindingKeys = [
        "name", "compatible", "fallback-compatible", "description", "bus-master", "include",
        "additional-properties", "properties", "examples", "registers",
    ]
    static let fragmentKeys = ["description", "properties", "registers"]

    func parseBinding(path: String) -> Binding? {
        guard let root = loadYAML(path, at: nil) else { return nil }
        guard checkKeys(root, allowed: Self.bindingKeys, context: "binding") else { return nil }
        guard root["compatible"] != nil else {
            sink.error(at: root, "binding has no 'compatible' (a file with only shared pieces is an include fragment: keep it out of the binding list)")
            return nil
        }
        let location = SourceLocation(file: root.file, line: root.line)
        let name = identifier(root, "name", context: "binding", required: true, typeName: true) ?? "Invalid"
        let compatibles = stringList(root, "compatible", context: "binding", nonEmpty: true)
        let fallbacks = stringList(root, "fallback-compatible", context: "binding", nonEmpty: false)
        for compatible in compatibles + fallbacks where !Self.isCompatibleString(compatible) {
            sink.error(at: root["compatible"] ?? root, "'\(compatible)' is not a compatible string (expected vendor,device)")
        }
        var seenCompatibles: Set<String> = []
        for compatible in compatibles + fallbacks where !seenCompatibles.insert(compatible).inserted {
            sink.error(at: root["compatible"] ?? root, "compatible '\(compatible)' is listed twice (in a [flow, list] a comma separates items: quote \"vendor,device\")")
        }
        let description = text(root, "description")
        let busMaster = bool(root, "bus-master", context: "binding") ?? false
        let additional = bool(root, "additional-properties", context: "binding") ?? false

        // Properties: included fragments first, the binding's own definitions override them.
        // (Order: the binding's own, then those only included.)
        var properties = parseProperties(root["properties"])
        for fragment in includes(root, from: path) {
            if let registers = fragment["registers"] {
                sink.error(at: registers, "fragment has 'registers': include it from a register block, not from the binding")
            }
            for property in parseProperties(fragment["properties"]) where !properties.contains(where: { $0.name == property.name }) {
                properties.append(property)
            }
        }

        var examples: [BindingExample] = []
        if let node = root["examples"] {
            if let items = node.sequence {
                for item in items {
                    if let source = item.scalar {
                        examples.append(BindingExample(source: source, location: SourceLocation(file: item.file, line: item.line)))
                    } else {
                        sink.error(at: item, "an example must be a string of dts source, found \(item.kindName)")
                    }
                }
            } else {
                sink.error(at: node, "'examples' must be a list of dts sources, found \(node.kindName)")
            }
        }

        var blocks: [RegisterBlockDef] = []
        if let node = root["registers"] {
            if let pairs = node.mapping {
                for (key, value) in pairs {
                    if let block = parseBlock(key: key, value, path: path) { blocks.append(block) }
                }
            } else {
                sink.error(at: node, "'registers' must map block names to register blocks, found \(node.kindName)")
            }
        }

        var binding = Binding(
            path: path, name: name, compatibles: compatibles, fallbackCompatibles: fallbacks,
            description: description, busMaster: busMaster, additionalProperties: additional,
            properties: properties, examples: examples, blocks: blocks, location: location
        )
        bindBlocks(&binding)
        checkPropertyNames(binding)
        return binding
    }

    static func isCompatibleString(_ text: String) -> Bool {
        !text.isEmpty && text.allSatisfy { $0.isLetter || $0.isNumber || ",.-_+".contains($0) }
    }

    /// Loads and parses a file; reports a missing file at `reference` (an include) or line 0.
    private func loadYAML(_ path: String, at reference: YAMLValue?) -> YAMLValue? {
        guard let text = readFile(path) else {
            if let reference {
                sink.error(at: reference, "cannot read included file '\(path)'")
            } else {
                sink.error(path, 0, "cannot read binding file")
            }
            return nil
        }
        do {
            return try YAMLValue.parse(text, file: path)
        } catch {
            for diagnostic in error.diagnostics { sink.error(diagnostic.file, diagnostic.line, diagnostic.message) }
            return nil
        }
    }

    /// The fragments named by `include:` in `node`, parsed, in order.
    private func includes(_ node: YAMLValue, from path: String) -> [YAMLValue] {
        guard let list = node["include"] else { return [] }
        let items: [YAMLValue]
        if list.scalar != nil {
            items = [list]
        } else if let sequence = list.sequence {
            items = sequence
        } else {
            sink.error(at: list, "'include' must be a file name or a list of them, found \(list.kindName)")
            return []
        }
        var fragments: [YAMLValue] = []
        for item in items {
            guard let relative = item.scalar else {
                sink.error(at: item, "an include must be a file name, found \(item.kindName)")
                continue
            }
            let directory = (path as NSString).deletingLastPathComponent
            let target = directory.isEmpty ? relative : ((directory as NSString).appendingPathComponent(relative) as NSString).standardizingPath
            if includeStack.contains(target) || target == path {
                sink.error(at: item, "include cycle: '\(relative)' includes itself")
                continue
            }
            includeStack.append(target)
            defer { includeStack.removeLast() }
            guard readFile(target) != nil else {
                sink.error(at: item, "cannot read included file '\(relative)'")
                continue
            }
            guard let fragment = loadYAML(target, at: item) else { continue }
            guard checkKeys(fragment, allowed: Self.fragmentKeys, context: "include fragment") else { continue }
            fragments.append(fragment)
        }
        return fragments
    }

    // MARK: Device-tree properties

    static let propertyKeys = ["type", "description", "required", "default", "enum", "const", "count", "min-count", "max-count", "block", "blocks"]

    private func parseProperties(_ node: YAMLValue?) -> [PropertySpec] {
        guard let node else { return [] }
        guard let pairs = node.mapping else {
            sink.error(at: node, "'properties' must map property names to descriptions, found \(node.kindName)")
            return []
        }
        var result: [PropertySpec] = []
        for (key, value) in pairs {
            guard let name = key.scalar, !name.isEmpty else {
                sink.error(at: key, "a property name must be a string")
                continue
            }
            if !name.allSatisfy({ $0.isLetter || $0.isNumber || ",.-_+#?@".contains($0) }) {
                sink.error(at: key, "'\(name)' is not a device-tree property name")
                continue
            }
            if let property = parseProperty(name: name, key: key, value) { result.append(property) }
        }
        return result
    }

    private func parseProperty(name: String, key: YAMLValue, _ node: YAMLValue) -> PropertySpec? {
        let context = "property '\(name)'"
        guard checkKeys(node, allowed: Self.propertyKeys, context: context) else { return nil }
        guard let typeNode = node["type"] else {
            sink.error(at: node, "\(context) has no 'type' (one of \(PropertyType.allCases.map(\.rawValue).joined(separator: ", ")))")
            return nil
        }
        guard let typeName = typeNode.scalar, let type = PropertyType(rawValue: typeName) else {
            sink.error(at: typeNode, "unknown property type '\(typeNode.scalar ?? typeNode.kindName)' for \(context) (expected one of \(PropertyType.allCases.map(\.rawValue).joined(separator: ", ")))")
            return nil
        }
        var spec = PropertySpec(
            name: name, type: type, description: text(node, "description"),
            required: bool(node, "required", context: context) ?? false,
            defaultValue: nil, enumValues: nil, constValue: nil, minCount: nil, maxCount: nil, blocks: [],
            location: SourceLocation(file: key.file, line: key.line)
        )
        if let value = node["default"] {
            if spec.required {
                sink.error(at: value, "\(context) is required, so a default would never be used")
            } else if [.boolean, .phandle, .phandleArray, .reg, .interrupts].contains(type) {
                sink.error(at: value, "a \(type.rawValue) property cannot have a default")
            } else {
                spec.defaultValue = constant(value, for: type, context: context, whole: true)
            }
        }
        if let value = node["enum"] {
            if ![.u32, .u64, .string, .stringArray].contains(type) {
                sink.error(at: value, "'enum' applies to u32, u64, string and string-array properties, not \(type.rawValue)")
            } else if let items = value.sequence, !items.isEmpty {
                var seen: Set<PropertyValue> = []
                var values: [PropertyValue] = []
                for item in items {
                    guard let constant = constant(item, for: type, context: context, whole: false) else { continue }
                    if !seen.insert(constant).inserted { sink.error(at: item, "\(context) lists \(constant) twice in 'enum'") }
                    values.append(constant)
                }
                spec.enumValues = values
                if type == .string {
                    var names: [String: String] = [:]
                    for case .string(let text) in values {
                        let swiftName = SwiftNaming.member(text)
                        if text.isEmpty || !SwiftNaming.isIdentifier(swiftName) {
                            sink.error(at: value, "\(context): enum value \"\(text)\" has no Swift case name")
                        } else if SwiftNaming.keywords.contains(swiftName) {
                            sink.error(at: value, "\(context): enum value \"\(text)\" becomes the Swift keyword '\(swiftName)'")
                        } else if let other = names[swiftName] {
                            sink.error(at: value, "\(context): enum values \"\(other)\" and \"\(text)\" both become '\(swiftName)'")
                        }
                        names[swiftName] = text
                    }
                }
            } else {
                sink.error(at: value, "'enum' must be a non-empty list of values")
            }
        }
        if let value = node["const"] {
            if spec.enumValues != nil {
                sink.error(at: value, "\(context) has both 'enum' and 'const'")
            } else if [.boolean, .phandle, .phandleArray, .reg, .interrupts].contains(type) {
                sink.error(at: value, "'const' does not apply to \(type.rawValue) properties")
            } else {
                spec.constValue = constant(value, for: type, context: context, whole: true)
            }
        }
        if let defaultValue = spec.defaultValue {
            if let values = spec.enumValues, !Self.allowed(defaultValue, in: values) {
                sink.error(at: node["default"]!, "default \(defaultValue) of \(context) is not in its enum")
            }
            if let constValue = spec.constValue, constValue != defaultValue {
                sink.error(at: node["default"]!, "default \(defaultValue) of \(context) differs from its const \(constValue)")
            }
        }
        let count = unsigned(node, "count", context: context)
        let minCount = unsigned(node, "min-count", context: context)
        let maxCount = unsigned(node, "max-count", context: context)
        if count != nil || minCount != nil || maxCount != nil {
            if !type.isList {
                sink.error(at: node["count"] ?? node["min-count"] ?? node["max-count"]!, "counts apply to list properties (cells, string-array, phandle-array, reg, interrupts), not \(type.rawValue)")
            } else if let count {
                if minCount != nil || maxCount != nil {
                    sink.error(at: node["count"]!, "\(context) has 'count' and 'min-count'/'max-count': use one")
                }
                spec.minCount = Int(count)
                spec.maxCount = Int(count)
            } else {
                spec.minCount = minCount.map(Int.init)
                spec.maxCount = maxCount.map(Int.init)
                if let minCount, let maxCount, minCount > maxCount {
                    sink.error(at: node["min-count"]!, "\(context): min-count \(minCount) is above max-count \(maxCount)")
                }
            }
        }
        let blockNode = node["blocks"] ?? node["block"]
        if let blockNode {
            if type != .reg {
                sink.error(at: blockNode, "'blocks' applies to the reg property only")
            } else if let single = blockNode.scalar {
                spec.blocks = [single]
            } else if let items = blockNode.sequence {
                spec.blocks = items.compactMap { item in
                    if let name = item.scalar { return name }
                    sink.error(at: item, "a block name must be a string")
                    return nil
                }
            } else {
                sink.error(at: blockNode, "'blocks' must be a list of register block names")
            }
            if node["block"] != nil && node["blocks"] != nil {
                sink.error(at: blockNode, "\(context) has both 'block' and 'blocks'")
            }
        }
        return spec
    }

    static func allowed(_ value: PropertyValue, in values: [PropertyValue]) -> Bool {
        if case .list(let items) = value { return items.allSatisfy { values.contains($0) } }
        return values.contains(value)
    }

    /// A default/enum/const value of the property's type (`whole`: the whole value, else one
    /// element of a list).
    private func constant(_ node: YAMLValue, for type: PropertyType, context: String, whole: Bool) -> PropertyValue? {
        func number(_ item: YAMLValue, bits: Int) -> PropertyValue? {
            guard let value = item.unsigned, item.sequence == nil else {
                sink.error(at: item, "\(context) needs a number here, found \(item.scalar.map { "'\($0)'" } ?? item.kindName)")
                return nil
            }
            if bits < 64 && value >> UInt64(bits) != 0 {
                sink.error(at: item, "\(value) does not fit in the \(bits) bits of \(context)")
                return nil
            }
            return .number(value)
        }
        func string(_ item: YAMLValue) -> PropertyValue? {
            guard let value = item.scalar else {
                sink.error(at: item, "\(context) needs a string here, found \(item.kindName)")
                return nil
            }
            return .string(value)
        }
        func list(_ element: (YAMLValue) -> PropertyValue?) -> PropertyValue? {
            guard let items = node.sequence else {
                sink.error(at: node, "\(context) needs a list here, found \(node.kindName)")
                return nil
            }
            let values = items.compactMap(element)
            return values.count == items.count ? .list(values) : nil
        }
        switch type {
        case .u32: return number(node, bits: 32)
        case .u64: return number(node, bits: 64)
        case .string: return string(node)
        case .cells: return whole ? list { number($0, bits: 32) } : number(node, bits: 32)
        case .stringArray: return whole ? list(string) : string(node)
        default: return nil
        }
    }

    /// Connects `reg` entries to register blocks; a single block binds to the only entry.
    private func bindBlocks(_ binding: inout Binding) {
        let names = binding.blocks.map(\.name)
        guard let index = binding.properties.firstIndex(where: { $0.name == "reg" }) else {
            if let block = binding.blocks.first {
                sink.error(block.location.file, block.location.line, "register block '\(block.name)' needs a 'reg' property to bind to")
            }
            return
        }
        var reg = binding.properties[index]
        if reg.type != .reg {
            sink.error(reg.location.file, reg.location.line, "property 'reg' must have type reg")
        }
        if reg.blocks.isEmpty && binding.blocks.count == 1 {
            reg.blocks = names
        } else if reg.blocks.isEmpty && binding.blocks.count > 1 {
            sink.error(reg.location.file, reg.location.line, "several register blocks: say which reg entry each is with 'blocks: [\(names.joined(separator: ", "))]'")
        }
        for name in reg.blocks where !names.contains(name) {
            sink.error(reg.location.file, reg.location.line, "reg names unknown register block '\(name)'")
        }
        for block in binding.blocks where !reg.blocks.contains(block.name) {
            sink.error(block.location.file, block.location.line, "register block '\(block.name)' is not bound to a reg entry ('blocks' of property reg)")
        }
        if let maxCount = reg.maxCount, reg.blocks.count > maxCount {
            sink.error(reg.location.file, reg.location.line, "reg binds \(reg.blocks.count) blocks but has at most \(maxCount) entries")
        }
        binding.properties[index] = reg
    }

    static let reservedConfigMembers: Set<String> = ["compatibles", "isBusMaster", "bindingName", "node", "init", "describes"]

    private func checkPropertyNames(_ binding: Binding) {
        var seen: [String: PropertySpec] = [:]
        for property in binding.properties {
            let swiftName = SwiftNaming.member(property.name)
            if SwiftNaming.keywords.contains(swiftName) {
                sink.error(property.location.file, property.location.line, "property '\(property.name)' becomes the Swift keyword '\(swiftName)'")
            } else if Self.reservedConfigMembers.contains(swiftName) {
                sink.error(property.location.file, property.location.line, "property '\(property.name)' becomes '\(swiftName)', which the generated config already uses")
            } else if let other = seen[swiftName] {
                sink.error(property.location.file, property.location.line, "properties '\(other.name)' and '\(property.name)' both become '\(swiftName)' in Swift")
            }
            seen[swiftName] = property
        }
    }

    // MARK: Register blocks

    static let blockKeys = ["description", "width", "size", "include", "registers"]
    static let registerKeys = ["name", "swift-name", "description", "offset", "width", "access", "reset", "byte-order", "count", "stride", "bank", "fields", "read", "write"]
    static let clusterKeys = ["name", "swift-name", "description", "offset", "count", "stride", "registers"]
    static let layoutKeys = ["description", "fields"]
    static let fieldKeys = ["bit", "bits", "swift-name", "description", "access", "reset", "type", "enum", "enum-name", "enum-kind"]

    private func parseBlock(key: YAMLValue, _ node: YAMLValue, path: String) -> RegisterBlockDef? {
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
        let members = parseMembers(entries, defaultWidth: width, context: context)
        checkMembers(members, context: context)
        let end = members.map(\.end).max() ?? 0
        var extent = end
        if let size = unsigned(node, "size", context: context) {
            if size < end {
                sink.error(at: node["size"]!, "\(context) has size 0x\(String(size, radix: 16)) but its registers end at 0x\(String(end, radix: 16))")
            }
            extent = max(size, end)
        }
        return RegisterBlockDef(
            name: name, description: text(node, "description"), width: width, members: members, extent: extent,
            location: SourceLocation(file: key.file, line: key.line)
        )
    }

    private func parseMembers(_ entries: [YAMLValue], defaultWidth: Int, context: String) -> [BlockMember] {
        var members: [BlockMember] = []
        for entry in entries {
            guard entry.mapping != nil else {
                sink.error(at: entry, "a register must be a mapping with name and offset, found \(entry.kindName)")
                continue
            }
            if entry["registers"] != nil {
                if let cluster = parseCluster(entry, defaultWidth: defaultWidth) { members.append(.cluster(cluster)) }
            } else if let register = parseRegister(entry, defaultWidth: defaultWidth) {
                members.append(.register(register))
            }
        }
        return members
    }

    private func parseCluster(_ node: YAMLValue, defaultWidth: Int) -> ClusterDef? {
        let name = typeName(node, context: "cluster") ?? "Invalid"
        let context = "cluster '\(name)'"
        guard checkKeys(node, allowed: Self.clusterKeys, context: context) else { return nil }
        let memberName = self.memberName(node, name: name, what: "cluster")
        guard let offset = unsigned(node, "offset", context: context, required: true) else { return nil }
        let members = parseMembers(node["registers"]?.sequence ?? [], defaultWidth: defaultWidth, context: context)
        if node["registers"]?.sequence == nil {
            sink.error(at: node["registers"]!, "'registers' of \(context) must be a list")
        }
        checkMembers(members, context: context)
        var cluster = ClusterDef(
            name: name, memberName: memberName, description: text(node, "description"), offset: offset, count: 1, stride: 0,
            isArray: false, members: members, location: SourceLocation(file: node.file, line: node.line)
        )
        let (count, stride) = arrayShape(node, context: context, elementSize: cluster.extent)
        cluster.count = count
        cluster.stride = stride
        cluster.isArray = node["count"] != nil
        return cluster
    }

    /// `count` and `stride` of an array; stride defaults to the element size.
    private func arrayShape(_ node: YAMLValue, context: String, elementSize: UInt64) -> (Int, UInt64) {
        let count = unsigned(node, "count", context: context)
        let stride = unsigned(node, "stride", context: context)
        if count == nil, let strideNode = node["stride"], stride != nil {
            sink.error(at: strideNode, "\(context) has a stride but no count")
        }
        guard let count else { return (1, elementSize) }
        if count == 0 || count > 65536 {
            sink.error(at: node["count"]!, "\(context) has count \(count) (expected 1 to 65536)")
            return (1, elementSize)
        }
        let actualStride = stride ?? elementSize
        if actualStride < elementSize {
            sink.error(at: node["stride"]!, "\(context) has stride 0x\(String(actualStride, radix: 16)), less than its 0x\(String(elementSize, radix: 16)) bytes: elements would overlap")
        }
        return (Int(count), actualStride)
    }

    private func parseRegister(_ node: YAMLValue, defaultWidth: Int) -> RegisterDef? {
        let name = typeName(node, context: "register") ?? "Invalid"
        let context = "register '\(name)'"
        guard checkKeys(node, allowed: Self.registerKeys, context: context) else { return nil }
        let memberName = self.memberName(node, name: name, what: "register")
        let offset = unsigned(node, "offset", context: context, required: true)
        let width = registerWidth(node, context: context) ?? defaultWidth
        let access = accessKind(node, context: context) ?? .rw
        let location = SourceLocation(file: node.file, line: node.line)
        if let offset, offset % UInt64(width / 8) != 0 {
            sink.error(at: node["offset"]!, "\(context) at 0x\(String(offset, radix: 16)) is not aligned to its \(width / 8)-byte width")
        }
        var byteOrder = ByteOrder.little
        if let orderNode = node["byte-order"] {
            if let text = orderNode.scalar, let order = ByteOrder(rawValue: text) {
                byteOrder = order
            } else {
                sink.error(at: orderNode, "byte-order of \(context) must be little or big")
            }
        }
        var register = RegisterDef(
            name: name, memberName: memberName, description: text(node, "description"), offset: offset ?? 0, width: width, access: access,
            reset: 0, byteOrder: byteOrder, count: 1, stride: UInt64(width / 8), isArray: false,
            bank: node["bank"]?.scalar, readFields: [], writeFields: [], isAliased: false,
            readDescription: nil, writeDescription: nil, location: location
        )
        let (count, stride) = arrayShape(node, context: context, elementSize: UInt64(width / 8))
        register.count = count
        register.stride = stride
        register.isArray = node["count"] != nil

        let explicitReset = unsigned(node, "reset", context: context)
        if let explicitReset, width < 64, explicitReset >> UInt64(width) != 0 {
            sink.error(at: node["reset"]!, "reset value 0x\(String(explicitReset, radix: 16)) of \(context) does not fit in \(width) bits")
        }

        if node["read"] != nil || node["write"] != nil {
            // Aliased: one offset, different read and write layouts.
            if node["fields"] != nil {
                sink.error(at: node["fields"]!, "\(context) has 'read'/'write' layouts, so its fields go inside them")
            }
            if access != .rw {
                sink.error(at: node["access"]!, "\(context) has separate read and write layouts, so its access is rw (got \(access.rawValue))")
            }
            guard let readNode = node["read"], let writeNode = node["write"] else {
                sink.error(at: node, "\(context) needs both a 'read' and a 'write' layout")
                return nil
            }
            register.isAliased = true
            for (layoutNode, isRead) in [(readNode, true), (writeNode, false)] {
                let layoutContext = "\(isRead ? "read" : "write") layout of \(context)"
                guard checkKeys(layoutNode, allowed: Self.layoutKeys, context: layoutContext) else { continue }
                let fields = parseFields(layoutNode["fields"], register: register, defaultAccess: isRead ? .ro : .wo, allowed: isRead ? [.ro, .rc] : [.wo, .w1c], context: layoutContext)
                if isRead {
                    register.readFields = fields
                    register.readDescription = text(layoutNode, "description")
                } else {
                    register.writeFields = fields
                    register.writeDescription = text(layoutNode, "description")
                }
            }
        } else {
            let allowed: [AccessKind]
            switch access {
            case .ro: allowed = [.ro, .rc]
            case .wo: allowed = [.wo, .w1c]
            case .rw: allowed = AccessKind.allCases
            case .w1c: allowed = [.w1c, .ro, .rc]
            case .rc: allowed = [.rc, .ro]
            }
            let fields = parseFields(node["fields"], register: register, defaultAccess: access, allowed: allowed, context: context)
            register.readFields = fields
            register.writeFields = fields
        }

        // The reset value: given, or made of the fields' resets; both must agree.
        let resetFields = register.isAliased ? register.writeFields : register.readFields
        var composed: UInt64 = 0
        for field in resetFields {
            guard let reset = field.reset else { continue }
            composed |= reset << UInt64(field.lsb)
            if let explicitReset, (explicitReset & field.mask) >> UInt64(field.lsb) != reset {
                sink.error(field.location.file, field.location.line, "reset \(reset) of field '\(field.name)' disagrees with reset 0x\(String(explicitReset, radix: 16)) of \(context)")
            }
        }
        register.reset = explicitReset ?? composed
        return register
    }

    private func parseFields(_ node: YAMLValue?, register: RegisterDef, defaultAccess: AccessKind, allowed: [AccessKind], context: String) -> [FieldSpec] {
        guard let node else { return [] }
        guard let pairs = node.mapping else {
            sink.error(at: node, "'fields' of \(context) must map field names to bits, found \(node.kindName)")
            return []
        }
        var fields: [FieldSpec] = []
        for (key, value) in pairs {
            guard let name = key.scalar else {
                sink.error(at: key, "a field name must be a string")
                continue
            }
            if !SwiftNaming.isIdentifier(name) {
                sink.error(at: key, "field name '\(name)' is not an identifier (letters, digits and _, not starting with a digit)")
                continue
            }
            if let field = parseField(name: name, key: key, value, register: register, defaultAccess: defaultAccess, allowed: allowed, context: context) {
                fields.append(field)
            }
        }
        checkFields(fields, context: context)
        // Fields may share an enum type (by enum-name) only when they name the same values.
        var enums: [String: FieldSpec] = [:]
        for field in fields {
            guard let enumeration = field.enumeration else { continue }
            if let other = enums[enumeration.typeName], let otherEnum = other.enumeration {
                let same = otherEnum.isOpen == enumeration.isOpen && other.width == field.width
                    && otherEnum.cases.map({ "\($0.name)=\($0.value)" }) == enumeration.cases.map({ "\($0.name)=\($0.value)" })
                if !same {
                    sink.error(field.location.file, field.location.line, "fields '\(other.name)' and '\(field.name)' of \(context) share enum type '\(enumeration.typeName)' but not its values")
                }
            } else {
                enums[enumeration.typeName] = field
            }
        }
        return fields
    }

    private func parseField(name: String, key: YAMLValue, _ node: YAMLValue, register: RegisterDef, defaultAccess: AccessKind, allowed: [AccessKind], context registerContext: String) -> FieldSpec? {
        let context = "field '\(name)' of \(registerContext)"
        let location = SourceLocation(file: key.file, line: key.line)
        var lsb = 0
        var width = 1
        var description: String?
        var access = defaultAccess
        var reset: UInt64?
        var enumeration: FieldEnum?
        var isBool = true
        var bitsNode = node

        if node.mapping == nil {
            // Shorthand: `TXFF: 5` or `DATA: 0-7`.
            guard let range = bitRange(node, context: context) else { return nil }
            (lsb, width) = range
        } else {
            guard checkKeys(node, allowed: Self.fieldKeys, context: context) else { return nil }
            switch (node["bit"], node["bits"]) {
            case (let bit?, nil):
                bitsNode = bit
                guard let value = bit.unsigned, bit.sequence == nil else {
                    sink.error(at: bit, "'bit' of \(context) must be a bit number, found \(bit.scalar.map { "'\($0)'" } ?? bit.kindName)")
                    return nil
                }
                lsb = Int(min(value, 1000))
            case (nil, let bits?):
                bitsNode = bits
                guard let range = bitRange(bits, context: context) else { return nil }
                (lsb, width) = range
            case (_?, _?):
                sink.error(at: node, "\(context) has both 'bit' and 'bits'")
                return nil
            case (nil, nil):
                sink.error(at: node, "\(context) needs 'bit' or 'bits'")
                return nil
            }
            description = text(node, "description")
            access = accessKind(node, context: context) ?? defaultAccess
            reset = unsigned(node, "reset", context: context)
            if let typeNode = node["type"] {
                switch typeNode.scalar {
                case "bool": isBool = true
                case "uint": isBool = false
                default: sink.error(at: typeNode, "'type' of \(context) must be bool or uint")
                }
                if typeNode.scalar == "bool" && width != 1 {
                    sink.error(at: typeNode, "\(context) is \(width) bits wide: only a 1-bit field can be bool")
                }
            }
        }
        if node["type"]?.scalar != "bool" {
            isBool = width == 1 && node["type"]?.scalar != "uint"
        }
        if lsb + width > register.width {
            sink.error(at: bitsNode, "\(context) (\(width == 1 ? "bit \(lsb)" : "bits \(lsb)-\(lsb + width - 1)")) is outside the \(register.width)-bit register")
            return nil
        }
        if !allowed.contains(access) {
            sink.error(at: node["access"] ?? key, "\(context) is \(access.rawValue), which a \(register.isAliased ? "layout" : register.access.rawValue + " register") cannot hold (allowed: \(allowed.map(\.rawValue).joined(separator: ", ")))")
        }
        if let reset, width < 64, reset >> UInt64(width) != 0 {
            sink.error(at: node["reset"]!, "reset value \(reset) does not fit in the \(width)-bit \(context)")
            return nil
        }
        if let enumNode = node["enum"] {
            enumeration = parseEnum(enumNode, fieldNode: node, fieldName: name, width: width, context: context)
            isBool = enumeration == nil ? isBool : false
        } else if node["enum-name"] != nil || node["enum-kind"] != nil {
            sink.error(at: node["enum-name"] ?? node["enum-kind"]!, "\(context) has enum-name/enum-kind but no 'enum'")
        }
        let member = memberName(node.mapping != nil ? node : nil, name: name, what: "field", at: key)
        return FieldSpec(
            name: name, memberName: member, lsb: lsb, width: width, access: access, reset: reset, description: description,
            enumeration: enumeration, isBool: isBool, location: location
        )
    }

    /// `5`, `0-7` (low-high) or `7:0` (msb:lsb).
    private func bitRange(_ node: YAMLValue, context: String) -> (lsb: Int, width: Int)? {
        guard let text = node.scalar else {
            sink.error(at: node, "bits of \(context) must be like 4, 0-7 or 7:0, found \(node.kindName)")
            return nil
        }
        if let bit = YAMLValue.parseUnsigned(text) { return (Int(min(bit, 1000)), 1) }
        for separator in ["-", ":"] {
            let parts = text.split(separator: Character(separator)).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, let first = YAMLValue.parseUnsigned(parts[0]), let second = YAMLValue.parseUnsigned(parts[1]) else { continue }
            let (low, high) = separator == "-" ? (first, second) : (second, first)
            if low > high {
                sink.error(at: node, "bits '\(text)' of \(context): write low-high (0-7) or msb:lsb (7:0)")
                return nil
            }
            return (Int(min(low, 1000)), Int(min(high - low + 1, 1000)))
        }
        sink.error(at: node, "bits '\(text)' of \(context) must be like 4, 0-7 or 7:0")
        return nil
    }

    private func parseEnum(_ node: YAMLValue, fieldNode: YAMLValue, fieldName: String, width: Int, context: String) -> FieldEnum? {
        guard let pairs = node.mapping, !pairs.isEmpty else {
            sink.error(at: node, "'enum' of \(context) must map value names to values")
            return nil
        }
        var isOpen = false
        if let kindNode = fieldNode["enum-kind"] {
            switch kindNode.scalar {
            case "open": isOpen = true
            case "closed": isOpen = false
            default: sink.error(at: kindNode, "enum-kind of \(context) must be open or closed")
            }
        }
        var typeName = fieldName
        if let nameNode = fieldNode["enum-name"] {
            if let name = nameNode.scalar { typeName = name } else { sink.error(at: nameNode, "enum-name must be a name") }
        }
        checkTypeName(typeName, at: fieldNode["enum-name"] ?? fieldNode, what: "enum type")
        if ["Read", "Write", "Access", "RawValue"].contains(typeName) {
            sink.error(at: fieldNode["enum-name"] ?? fieldNode, "enum type name '\(typeName)' clashes with the register's own '\(typeName)': set enum-name")
        }
        var cases: [EnumCase] = []
        var values: [UInt64: String] = [:]
        var swiftNames: [String: String] = [:]
        for (key, value) in pairs {
            guard let name = key.scalar, checkName(name, at: key, what: "enum value") else { continue }
            var number: UInt64?
            var description: String?
            if value.mapping != nil {
                guard checkKeys(value, allowed: ["value", "description"], context: "enum value '\(name)'") else { continue }
                number = unsigned(value, "value", context: "enum value '\(name)'", required: true)
                description = text(value, "description")
            } else if let parsed = value.unsigned {
                number = parsed
            } else {
                sink.error(at: value, "enum value '\(name)' of \(context) must be a number, found \(value.scalar.map { "'\($0)'" } ?? value.kindName)")
            }
            guard let number else { continue }
            if width < 64 && number >> UInt64(width) != 0 {
                sink.error(at: value, "enum value '\(name)' = \(number) does not fit in the \(width)-bit \(context)")
                continue
            }
            if let other = values[number] {
                sink.error(at: key, "enum values '\(other)' and '\(name)' of \(context) are both \(number)")
            }
            let swiftName = SwiftNaming.member(name)
            if let other = swiftNames[swiftName] {
                sink.error(at: key, "enum values '\(other)' and '\(name)' both become '\(swiftName)' in Swift")
            }
            values[number] = name
            swiftNames[swiftName] = name
            cases.append(EnumCase(name: name, value: number, description: description, location: SourceLocation(file: key.file, line: key.line)))
        }
        if !isOpen && width < 16 && values.count != 1 << width {
            sink.error(at: node, "closed enum of \(context) names \(values.count) of its \(1 << width) values: name them all, or set enum-kind: open")
        } else if !isOpen && width >= 16 {
            sink.error(at: node, "closed enum of \(context) cannot name all values of a \(width)-bit field: set enum-kind: open")
        }
        return FieldEnum(typeName: typeName, isOpen: isOpen, cases: cases)
    }

    // MARK: Overlaps and names

    static let reservedFieldMembers: Set<String> = ["rawValue", "bits", "bit", "setBits", "setBit", "resetValue", "modifyPreservedBits"]
    static let reservedBlockMembers: Set<String> = ["bus", "base", "extent"]

    private func checkFields(_ fields: [FieldSpec], context: String) {
        let sorted = fields.sorted { ($0.lsb, $0.location.line) < ($1.lsb, $1.location.line) }
        for (index, field) in sorted.enumerated() {
            for other in sorted[(index + 1)...] where other.lsb <= field.msb {
                let (first, second) = field.location.line <= other.location.line ? (field, other) : (other, field)
                sink.error(second.location.file, second.location.line, "field '\(second.name)' (\(second.bitsText)) overlaps field '\(first.name)' (\(first.bitsText)) in \(context)")
            }
        }
        var seen: [String: FieldSpec] = [:]
        for field in fields {
            let swiftName = field.memberName
            if Self.reservedFieldMembers.contains(swiftName) {
                sink.error(field.location.file, field.location.line, "field '\(field.name)' becomes '\(swiftName)', which register values already have")
            } else if let other = seen[swiftName] {
                sink.error(field.location.file, field.location.line, "fields '\(other.name)' and '\(field.name)' of \(context) both become '\(swiftName)' in Swift")
            }
            seen[swiftName] = field
        }
    }

    /// Duplicate names, and overlapping registers (allowed only between a read-only and a
    /// write-only register, or registers in different banks).
    private func checkMembers(_ members: [BlockMember], context: String) {
        var names: [String: BlockMember] = [:]
        var swiftNames: [String: BlockMember] = [:]
        for member in members {
            let location = member.location
            if let other = names[member.name] {
                sink.error(location.file, location.line, "duplicate name '\(member.name)' in \(context) (first at line \(other.location.line))")
                continue
            }
            names[member.name] = member
            let swiftName = member.memberName
            if Self.reservedBlockMembers.contains(swiftName) {
                sink.error(location.file, location.line, "'\(member.name)' becomes '\(swiftName)', which every generated block already has")
            } else if let other = swiftNames[swiftName] {
                sink.error(location.file, location.line, "'\(other.name)' and '\(member.name)' in \(context) both become '\(swiftName)' in Swift")
            }
            swiftNames[swiftName] = member
        }

        struct Span { var start: UInt64; var end: UInt64; var member: Int }
        var spans: [Span] = []
        for (index, member) in members.enumerated() {
            switch member {
            case .register(let register):
                for element in 0..<register.count {
                    let start = register.offset + UInt64(element) * register.stride
                    spans.append(Span(start: start, end: start + register.size, member: index))
                }
            case .cluster(let cluster):
                for element in 0..<cluster.count {
                    let start = cluster.offset + UInt64(element) * cluster.stride
                    spans.append(Span(start: start, end: start + max(cluster.extent, 1), member: index))
                }
            }
        }
        spans.sort { ($0.start, $0.member) < ($1.start, $1.member) }
        var reported: Set<[Int]> = []
        for (index, span) in spans.enumerated() {
            var next = index + 1
            while next < spans.count, spans[next].start < span.end {
                let other = spans[next]
                next += 1
                guard other.member != span.member, !mayShare(members[span.member], members[other.member]) else { continue }
                let pair = [min(span.member, other.member), max(span.member, other.member)]
                guard reported.insert(pair).inserted else { continue }
                let first = members[pair[0]]
                let second = members[pair[1]]
                let (early, late) = first.location.line <= second.location.line ? (first, second) : (second, first)
                let lateSpan = late.name == members[span.member].name ? span : other
                let earlySpan = late.name == members[span.member].name ? other : span
                sink.error(late.location.file, late.location.line, "'\(late.name)' (\(Self.hex(lateSpan.start))-\(Self.hex(lateSpan.end - 1))) overlaps '\(early.name)' (\(Self.hex(earlySpan.start))-\(Self.hex(earlySpan.end - 1))) in \(context)")
            }
        }
    }

    static func hex(_ value: UInt64) -> String { "0x" + String(value, radix: 16) }

    private func mayShare(_ first: BlockMember, _ second: BlockMember) -> Bool {
        guard case .register(let a) = first, case .register(let b) = second else { return false }
        if a.bank != b.bank { return true }
        let readOnly: Set<AccessKind> = [.ro, .rc]
        return (readOnly.contains(a.access) && b.access == .wo) || (readOnly.contains(b.access) && a.access == .wo)
    }

    // MARK: Small readers

    /// Reports keys of `node` not in `allowed`; false if `node` is not a mapping.
    @discardableResult
    private func checkKeys(_ node: YAMLValue, allowed: [String], context: String) -> Bool {
        guard let pairs = node.mapping else {
            sink.error(at: node, "\(context) must be a mapping, found \(node.kindName)")
            return false
        }
        for (key, _) in pairs {
            guard let name = key.scalar else {
                sink.error(at: key, "keys of \(context) must be strings")
                continue
            }
            if !allowed.contains(name) {
                sink.error(at: key, "unknown key '\(name)' in \(context) (expected one of: \(allowed.joined(separator: ", ")))")
            }
        }
        return true
    }

    private func text(_ node: YAMLValue, _ key: String) -> String? {
        guard let value = node[key] else { return nil }
        guard let text = value.scalar else {
            if !value.isNull { sink.error(at: value, "'\(key)' must be text, found \(value.kindName)") }
            return nil
        }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }

    private func bool(_ node: YAMLValue, _ key: String, context: String) -> Bool? {
        guard let value = node[key] else { return nil }
        guard let result = value.bool else {
            sink.error(at: value, "'\(key)' of \(context) must be true or false, found \(value.scalar.map { "'\($0)'" } ?? value.kindName)")
            return nil
        }
        return result
    }

    private func unsigned(_ node: YAMLValue, _ key: String, context: String, required: Bool = false) -> UInt64? {
        guard let value = node[key] else {
            if required { sink.error(at: node, "\(context) needs '\(key)'") }
            return nil
        }
        guard let number = value.unsigned, value.sequence == nil else {
            sink.error(at: value, "'\(key)' of \(context) must be a non-negative number, found \(value.scalar.map { "'\($0)'" } ?? value.kindName)")
            return nil
        }
        return number
    }

    private func stringList(_ node: YAMLValue, _ key: String, context: String, nonEmpty: Bool) -> [String] {
        guard let value = node[key] else { return [] }
        if let single = value.scalar { return [single] }
        guard let items = value.sequence, !(nonEmpty && items.isEmpty) else {
            sink.error(at: value, "'\(key)' of \(context) must be a string or a non-empty list of strings")
            return []
        }
        return items.compactMap { item in
            if let text = item.scalar { return text }
            sink.error(at: item, "'\(key)' entries must be strings, found \(item.kindName)")
            return nil
        }
    }

    private func registerWidth(_ node: YAMLValue, context: String) -> Int? {
        guard let value = node["width"] else { return nil }
        guard let width = value.unsigned, [8, 16, 32, 64].contains(width) else {
            sink.error(at: value, "width of \(context) must be 8, 16, 32 or 64 bits, found \(value.scalar ?? value.kindName)")
            return nil
        }
        return Int(width)
    }

    private func accessKind(_ node: YAMLValue, context: String) -> AccessKind? {
        guard let value = node["access"] else { return nil }
        guard let text = value.scalar, let access = AccessKind(rawValue: text) else {
            sink.error(at: value, "unknown access kind '\(value.scalar ?? value.kindName)' for \(context) (expected ro, wo, rw, w1c or rc)")
            return nil
        }
        return access
    }

    /// A name used for a Swift member (and type): an identifier whose Swift form is no keyword.
    @discardableResult
    private func checkName(_ name: String, at node: YAMLValue, what: String) -> Bool {
        guard SwiftNaming.isIdentifier(name) else {
            sink.error(at: node, "\(what) name '\(name)' is not an identifier (letters, digits and _, not starting with a digit)")
            return false
        }
        let swiftName = SwiftNaming.member(name)
        if SwiftNaming.keywords.contains(name) || SwiftNaming.keywords.contains(swiftName) {
            sink.error(at: node, "\(what) name '\(name)' becomes the Swift keyword '\(SwiftNaming.keywords.contains(name) ? name : swiftName)'")
            return false
        }
        return true
    }

    private func checkTypeName(_ name: String, at node: YAMLValue, what: String) {
        if checkName(name, at: node, what: what), let first = name.unicodeScalars.first, first.isASCIILower {
            sink.error(at: node, "\(what) name '\(name)' becomes a Swift type, so it starts with a capital letter")
        }
    }

    /// The `name:` of a register or cluster: a Swift type name (its member name is checked
    /// separately, so a datasheet name like `IS` is fine here with a `swift-name`).
    private func typeName(_ node: YAMLValue, context: String) -> String? {
        guard let value = node["name"] else {
            sink.error(at: node, "\(context) needs 'name'")
            return nil
        }
        guard let name = value.scalar else {
            sink.error(at: value, "'name' of \(context) must be a name, found \(value.kindName)")
            return nil
        }
        if !SwiftNaming.isIdentifier(name) {
            sink.error(at: value, "\(context) name '\(name)' is not an identifier (letters, digits and _, not starting with a digit)")
        } else if SwiftNaming.keywords.contains(name) {
            sink.error(at: value, "\(context) name '\(name)' is the Swift keyword '\(name)'")
        } else if let first = name.unicodeScalars.first, first.isASCIILower {
            sink.error(at: value, "\(context) name '\(name)' becomes a Swift type, so it starts with a capital letter")
        }
        return name
    }

    /// The Swift member name: `swift-name:` if given, else derived from `name`; never a keyword.
    private func memberName(_ node: YAMLValue?, name: String, what: String, at nameNode: YAMLValue? = nil) -> String {
        if let value = node?["swift-name"] {
            guard let swiftName = value.scalar, SwiftNaming.isIdentifier(swiftName) else {
                sink.error(at: value, "swift-name of \(what) '\(name)' must be an identifier")
                return name
            }
            if SwiftNaming.keywords.contains(swiftName) {
                sink.error(at: value, "swift-name '\(swiftName)' of \(what) '\(name)' is a Swift keyword")
            }
            return swiftName
        }
        let swiftName = SwiftNaming.member(name)
        if SwiftNaming.keywords.contains(swiftName) {
            sink.error(at: nameNode ?? node?["name"] ?? node!, "\(what) name '\(name)' becomes the Swift keyword '\(swiftName)' (rename it or set swift-name)")
        }
        return swiftName
    }

    private func identifier(_ node: YAMLValue, _ key: String, context: String, required: Bool, typeName: Bool) -> String? {
        guard let value = node[key] else {
            if required { sink.error(at: node, "\(context) needs '\(key)'") }
            return nil
        }
        guard let name = value.scalar else {
            sink.error(at: value, "'\(key)' of \(context) must be a name, found \(value.kindName)")
            return nil
        }
        if typeName { checkTypeName(name, at: value, what: context) } else { checkName(name, at: value, what: context) }
        return name
    }
}
