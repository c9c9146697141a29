/// Checks a binding read into the model as a whole: reg entries bound to register blocks, Swift
/// names unique and free, registers and fields not overlapping. Reports at the model's source
/// locations; the values themselves were range-checked by `BindingReader`.
struct BindingValidator {
    let sink: DiagnosticSink

    static let reservedConfigMembers: Set<String> = ["compatibles", "isBusMaster", "bindingName", "node", "init", "describes"]

    /// `binding` with its reg entries bound to blocks, after reporting every problem.
    func validate(_ binding: Binding) -> Binding {
        var binding = binding
        bindBlocks(&binding)
        checkPropertyNames(binding)
        for block in binding.blocks {
            checkMembers(block.members, context: "register block '\(block.name)'")
        }
        return binding
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
        let location = reg.location
        if reg.type != .reg {
            sink.error(location.file, location.line, "property 'reg' must have type reg")
        }
        if reg.blocks.isEmpty && binding.blocks.count == 1 {
            reg.blocks = names
        } else if reg.blocks.isEmpty && binding.blocks.count > 1 {
            sink.error(location.file, location.line, "several register blocks: say which reg entry each is with 'blocks: [\(names.joined(separator: ", "))]'")
        }
        for name in reg.blocks where !names.contains(name) {
            sink.error(location.file, location.line, "reg names unknown register block '\(name)'")
        }
        for block in binding.blocks where !reg.blocks.contains(block.name) {
            sink.error(block.location.file, block.location.line, "register block '\(block.name)' is not bound to a reg entry ('blocks' of property reg)")
        }
        if let maxCount = reg.maxCount, reg.blocks.count > maxCount {
            sink.error(location.file, location.line, "reg binds \(reg.blocks.count) blocks but has at most \(maxCount) entries")
        }
        binding.properties[index] = reg
    }

    private func checkPropertyNames(_ binding: Binding) {
        var seen: [String: PropertySpec] = [:]
        for property in binding.properties {
            let swiftName = SwiftNaming.member(property.name)
            let location = property.location
            if SwiftNaming.keywords.contains(swiftName) {
                sink.error(location.file, location.line, "property '\(property.name)' becomes the Swift keyword '\(swiftName)'")
            } else if Self.reservedConfigMembers.contains(swiftName) {
                sink.error(location.file, location.line, "property '\(property.name)' becomes '\(swiftName)', which the generated config already uses")
            } else if let other = seen[swiftName] {
                sink.error(location.file, location.line, "properties '\(other.name)' and '\(property.name)' both become '\(swiftName)' in Swift")
            }
            seen[swiftName] = property
        }
    }

    /// The members of a block or cluster, then each register's fields and each cluster's members.
    private func checkMembers(_ members: [BlockMember], context: String) {
        MemberChecks(sink: sink).check(members, context: context)
        for member in members {
            switch member {
            case .register(let register):
                let context = "register '\(register.name)'"
                if register.isAliased {
                    FieldChecks(sink: sink).check(register.readFields, context: "read layout of \(context)")
                    FieldChecks(sink: sink).check(register.writeFields, context: "write layout of \(context)")
                } else {
                    FieldChecks(sink: sink).check(register.readFields, context: context)
                }
            case .cluster(let cluster):
                checkMembers(cluster.members, context: "cluster '\(cluster.name)'")
            }
        }
    }
}
