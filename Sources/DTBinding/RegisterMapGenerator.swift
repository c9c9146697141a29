/// Writes a register block as data, `<Block>Registers.map` (a `RegisterMap` of module Registers):
/// every register's name, offset, width, access, read side effects, byte order, bank, array
/// shape, enclosing clusters, and the fields a read returns with their named values. Tools that
/// have no generated types for a block (`vfioctl dump`) read and decode registers with it.
struct RegisterMapGenerator {
    /// The `public static let map` declaration, inside the block's `<Block>Registers` enum.
    func write(_ block: RegisterBlockDef, _ out: CodeWriter) {
        let digits = max(3, String(max(block.extent, 1) - 1, radix: 16).count)
        out.line("/// `\(block.name)` as data: names, offsets, access and fields of every register, for tools")
        out.line("/// that read a block without its types (`vfioctl dump`). Listed in `BindingCatalog.registerMaps`.")
        out.line("public static let map = RegisterMap(name: \(SwiftNaming.literal(block.name)), extent: \(hex(block.extent, digits: 1)), registers: [")
        out.indent {
            entries(block.members, clusters: [], base: 0, digits: digits, out)
        }
        out.line("])")
    }

    /// One entry per register of `members`, by offset; a cluster's registers carry it in
    /// `clusters` and their offsets include the cluster's.
    private func entries(_ members: [BlockMember], clusters: [ClusterDef], base: UInt64, digits: Int, _ out: CodeWriter) {
        for member in members.sorted(by: { ($0.offset, $0.name) < ($1.offset, $1.name) }) {
            switch member {
            case .register(let register):
                entry(register, clusters: clusters, offset: base + register.offset, digits: digits, out)
            case .cluster(let cluster):
                entries(cluster.members, clusters: clusters + [cluster], base: base + cluster.offset, digits: digits, out)
            }
        }
    }

    private func entry(_ register: RegisterDef, clusters: [ClusterDef], offset: UInt64, digits: Int, _ out: CodeWriter) {
        var head = "RegisterMapEntry(\(SwiftNaming.literal(register.name)), offset: \(hex(offset, digits: digits)), width: \(register.width), access: .\(accessCase(register.access))"
        if register.readSideEffects { head += ", readSideEffects: true" }
        if register.byteOrder == .big { head += ", isBigEndian: true" }
        if let bank = register.bank { head += ", bank: \(SwiftNaming.literal(bank))" }
        if register.isArray { head += ", count: \(register.count), stride: \(hex(register.stride, digits: 1)), isArray: true" }
        if !clusters.isEmpty {
            let parts = clusters.map { cluster in
                cluster.isArray
                    ? "RegisterMapCluster(\(SwiftNaming.literal(cluster.name)), count: \(cluster.count), stride: \(hex(cluster.stride, digits: 1)), isArray: true)"
                    : "RegisterMapCluster(\(SwiftNaming.literal(cluster.name)))"
            }
            head += ", clusters: [\(parts.joined(separator: ", "))]"
        }
        // A write-only register is never read, so its map needs no fields; nor do fields a read
        // does not return (write-only fields of a read/write register).
        let fields = register.access == .wo ? [] : register.readFields.filter(\.access.isReadable).sorted { $0.lsb < $1.lsb }
        if fields.isEmpty {
            out.line(head + ", fields: []),")
            return
        }
        out.line(head + ", fields: [")
        out.indent {
            for field in fields { self.field(field, out) }
        }
        out.line("]),")
    }

    private func field(_ field: FieldSpec, _ out: CodeWriter) {
        let head = "RegisterMapField(\(SwiftNaming.literal(field.name)), lsb: \(field.lsb), width: \(field.width)"
        guard let enumeration = field.enumeration else {
            out.line(head + "),")
            return
        }
        let values = enumeration.cases.sorted { $0.value < $1.value }
            .map { "RegisterMapValue(\(SwiftNaming.literal($0.name)), \($0.value))" }
        if values.count <= 4 {
            out.line(head + ", values: [\(values.joined(separator: ", "))]),")
            return
        }
        out.line(head + ", values: [")
        out.indent {
            for value in values { out.line(value + ",") }
        }
        out.line("]),")
    }

    private func accessCase(_ access: AccessKind) -> String {
        switch access {
        case .ro: return "readOnly"
        case .wo: return "writeOnly"
        case .rw: return "readWrite"
        case .w1c: return "writeOneToClear"
        case .rc: return "readToClear"
        }
    }
}
