/// Reading one register: placement, access, byte order, fields (or read/write layouts) and the
/// reset value.
extension BindingReader {
    static let registerKeys = ["name", "swift-name", "description", "offset", "width", "access", "reset", "byte-order", "count", "stride", "bank", "read-side-effects", "fields", "read", "write"]
    static let layoutKeys = ["description", "fields"]

    /// The field access kinds a register of each access kind can hold.
    static func fieldAccessKinds(in access: AccessKind) -> [AccessKind] {
        switch access {
        case .ro: return [.ro, .rc]
        case .wo: return [.wo, .w1c]
        case .rw: return AccessKind.allCases
        case .w1c: return [.w1c, .ro, .rc]
        case .rc: return [.rc, .ro]
        }
    }

    func readRegister(_ node: YAMLValue, defaultWidth: Int) -> RegisterDef? {
        let name = typeName(node, context: "register") ?? "Invalid"
        let context = "register '\(name)'"
        guard checkKeys(node, allowed: Self.registerKeys, context: context) else { return nil }
        let memberName = self.memberName(node, name: name, what: "register", at: node["name"] ?? node)
        let offset = self.offset(node, context: context)
        let width = registerWidth(node, context: context) ?? defaultWidth
        let size = UInt64(width / 8)
        let access = accessKind(node, context: context) ?? .rw
        if let offset, offset % size != 0, let offsetNode = node["offset"] {
            sink.error(at: offsetNode, "\(context) at 0x\(String(offset, radix: 16)) is not aligned to its \(size)-byte width")
        }
        var byteOrder = ByteOrder.little
        if let orderNode = node["byte-order"] {
            if let text = orderNode.scalar, let order = ByteOrder(rawValue: text) {
                byteOrder = order
            } else {
                sink.error(at: orderNode, "byte-order of \(context) must be little or big")
            }
        }
        let shape = arrayShape(node, context: context, elementSize: size)
        var register = RegisterDef(
            name: name, memberName: memberName, description: text(node, "description"), offset: offset ?? 0, width: width, access: access,
            reset: 0, byteOrder: byteOrder, count: shape.count, stride: shape.stride, isArray: node["count"] != nil,
            bank: node["bank"]?.scalar, readFields: [], writeFields: [], isAliased: false,
            readDescription: nil, writeDescription: nil, location: SourceLocation(file: node.file, line: node.line)
        )
        register.isPlaced = offset != nil && shape.isValid
            && checkEnd(node, context: context, offset: offset ?? 0, shape: shape, size: size)

        let explicitReset = unsigned(node, "reset", context: context)
        if let explicitReset, width < 64, explicitReset >> UInt64(width) != 0, let resetNode = node["reset"] {
            sink.error(at: resetNode, "reset value 0x\(String(explicitReset, radix: 16)) of \(context) does not fit in \(width) bits")
        }

        if node["read"] != nil || node["write"] != nil {
            guard readLayouts(node, into: &register, context: context) else { return nil }
        } else {
            let fields = readFields(node["fields"], register: register, defaultAccess: access, allowed: Self.fieldAccessKinds(in: access), context: context)
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
        register.readSideEffects = readSideEffects(node, register, context: context)
        return register
    }

    /// `read-side-effects:` of a register, checked against its access: a write-only register is
    /// never read, and an `rc` register (or one with `rc` fields) always has read side effects.
    private func readSideEffects(_ node: YAMLValue, _ register: RegisterDef, context: String) -> Bool {
        let clearsOnRead = register.access == .rc || register.readFields.contains { $0.access == .rc }
        guard let flagNode = node["read-side-effects"], let flag = bool(node, "read-side-effects", context: context) else {
            return clearsOnRead
        }
        if register.access == .wo {
            sink.error(at: flagNode, "\(context) is write-only, so it is never read: drop 'read-side-effects'")
        } else if clearsOnRead && !flag {
            sink.error(at: flagNode, "\(context) clears bits when read (rc), so its reads have side effects: drop 'read-side-effects: false'")
        }
        return flag || clearsOnRead
    }

    /// An aliased register: one offset, different `read` and `write` layouts. False when the
    /// register cannot be read (a layout missing).
    private func readLayouts(_ node: YAMLValue, into register: inout RegisterDef, context: String) -> Bool {
        if let fieldsNode = node["fields"] {
            sink.error(at: fieldsNode, "\(context) has 'read'/'write' layouts, so its fields go inside them")
        }
        if register.access != .rw, let accessNode = node["access"] {
            sink.error(at: accessNode, "\(context) has separate read and write layouts, so its access is rw (got \(register.access.rawValue))")
        }
        guard let readNode = node["read"], let writeNode = node["write"] else {
            sink.error(at: node, "\(context) needs both a 'read' and a 'write' layout")
            return false
        }
        register.isAliased = true
        for (layoutNode, isRead) in [(readNode, true), (writeNode, false)] {
            let layoutContext = "\(isRead ? "read" : "write") layout of \(context)"
            guard checkKeys(layoutNode, allowed: Self.layoutKeys, context: layoutContext) else { continue }
            let fields = readFields(layoutNode["fields"], register: register, defaultAccess: isRead ? .ro : .wo, allowed: isRead ? [.ro, .rc] : [.wo, .w1c], context: layoutContext)
            if isRead {
                register.readFields = fields
                register.readDescription = text(layoutNode, "description")
            } else {
                register.writeFields = fields
                register.writeDescription = text(layoutNode, "description")
            }
        }
        return true
    }
}
