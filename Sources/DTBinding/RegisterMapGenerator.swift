/// Writes a register block as data, `<Block>Registers.map` (a `RegisterMap` of module Registers):
/// one line per register (or register array) with its offset, name after the clusters it sits
/// in, width, access, read side effects, byte order and bank, and the fields a read returns with
/// their named values. Tools that have no generated types for a block (`vfioctl dump`) read and
/// decode registers with it. The syntax is `RegisterMap.registers`'s.
struct RegisterMapGenerator {
    /// The `public static var map` declaration, inside the block's `<Block>Registers` enum.
    func write(_ block: RegisterBlockDef, _ out: CodeWriter) {
        let digits = max(3, String(max(block.extent, 1) - 1, radix: 16).count)
        out.line("/// `\(block.name)` as data for tools that read a block without its types (`vfioctl dump`),")
        out.line("/// one register per line: offset, name, width, access, flags, and the fields a read returns")
        out.line("/// (name, lowest bit, width, named values). Listed in `BindingCatalog.registerMaps`.")
        out.line("public static var map: RegisterMap {")
        out.indent {
            out.line("RegisterMap(name: \(SwiftNaming.literal(block.name)), extent: \(hex(block.extent, digits: 1)), encoded: \"\"\"")
            out.indent {
                lines(block.members, path: "", base: 0, digits: digits, out)
                out.line("\"\"\")")
            }
        }
        out.line("}")
    }

    /// One line per register of `members`, by offset; a cluster's registers carry it in their
    /// path and their offsets include the cluster's.
    private func lines(_ members: [BlockMember], path: String, base: UInt64, digits: Int, _ out: CodeWriter) {
        for member in members.sorted(by: { ($0.offset, $0.name) < ($1.offset, $1.name) }) {
            switch member {
            case .register(let register):
                out.line(line(register, path: path, offset: base + register.offset, digits: digits))
            case .cluster(let cluster):
                let part = cluster.name + (cluster.isArray ? "[\(cluster.count),\(hex(cluster.stride, digits: 1))]" : "")
                lines(cluster.members, path: path + part + ".", base: base + cluster.offset, digits: digits, out)
            }
        }
    }

    private func line(_ register: RegisterDef, path: String, offset: UInt64, digits: Int) -> String {
        var text = "\(hex(offset, digits: digits)) \(path)\(register.name)"
        if register.isArray { text += "[\(register.count),\(hex(register.stride, digits: 1))]" }
        text += " \(register.width) \(register.access.rawValue)"
        if register.readSideEffects { text += " side-effects" }
        if register.byteOrder == .big { text += " big-endian" }
        if let bank = register.bank { text += " bank=\(bank)" }
        // A write-only register is never read, so it needs no fields; nor do fields a read does
        // not return (write-only fields of a read/write register).
        let fields = register.access == .wo ? [] : register.readFields.filter(\.access.isReadable).sorted { $0.lsb < $1.lsb }
        if fields.isEmpty { return text }
        return text + ": " + fields.map(field).joined(separator: ", ")
    }

    private func field(_ field: FieldSpec) -> String {
        var text = "\(field.name) \(field.lsb) \(field.width)"
        for value in field.enumeration?.cases.sorted(by: { $0.value < $1.value }) ?? [] {
            text += " \(value.name)=\(value.value)"
        }
        return text
    }
}
