/// Writes register layouts: per register a `RegisterSpec` view type with one accessor per field
/// (an aliased register gets a `Read` and a `Write` view), and the enums of its fields.
struct RegisterLayoutGenerator {
    /// The layouts of `members`, by offset; a cluster becomes a nested enum of its layouts.
    func layouts(_ members: [BlockMember], _ out: CodeWriter) {
        var first = true
        for member in members.sorted(by: { ($0.offset, $0.name) < ($1.offset, $1.name) }) {
            if !first { out.blank() }
            first = false
            switch member {
            case .register(let register):
                registerLayout(register, out)
            case .cluster(let cluster):
                out.line("/// The register layouts of cluster `\(cluster.name)`.")
                out.line("public enum \(cluster.name) {")
                out.indent { layouts(cluster.members, out) }
                out.line("}")
            }
        }
    }

    private func rawType(bits: Int) -> String {
        bits <= 8 ? "UInt8" : bits <= 16 ? "UInt16" : bits <= 32 ? "UInt32" : "UInt64"
    }

    private func registerLayout(_ register: RegisterDef, _ out: CodeWriter) {
        let raw = rawType(bits: register.width)
        let allBits: UInt64 = register.width == 64 ? ~0 : (1 << UInt64(register.width)) - 1
        let w1c = register.writeFields.filter { $0.access == .w1c }.reduce(UInt64(0)) { $0 | $1.mask }
        let writeOnlyInRW = register.isAliased || register.access != .rw ? 0 : register.writeFields.filter { $0.access == .wo }.reduce(UInt64(0)) { $0 | $1.mask }
        let preserved = allBits & ~(w1c | writeOnlyInRW)
        let startValue = register.reset & ~w1c
        func specMembers() {
            out.line("public typealias Access = \(register.access.swiftType)")
            if !register.isAliased && (register.access == .ro || register.access == .rc || register.access == .w1c) {
                out.line("/// The value after reset.")
            } else {
                out.line(startValue == register.reset
                    ? "/// The value after reset, which `write` starts from."
                    : "/// The value `write` starts from: the reset value with write-one-to-clear fields 0.")
            }
            out.line("@inlinable public static var resetValue: \(raw) { \(hex(startValue, digits: register.width / 4, grouped: true)) }")
            if preserved != allBits {
                out.line("/// The bits `modify` keeps from the value it read (write-one-to-clear and write-only fields excluded).")
                out.line("@inlinable public static var modifyPreservedBits: \(raw) { \(hex(preserved, digits: register.width / 4, grouped: true)) }")
            }
            if register.byteOrder == .big {
                out.line("/// The device holds this register big-endian.")
                out.line("@inlinable public static var isBigEndian: Bool { true }")
            }
        }
        out.doc(register.description)
        if register.isAliased {
            out.line("public enum \(register.name): RegisterSpec {")
            out.indent {
                specMembers()
                out.blank()
                out.doc(register.readDescription ?? "What reading `\(register.name)` returns.")
                view("Read", fields: register.readFields, raw: raw, mode: .aliasedRead, out)
                out.blank()
                out.doc(register.writeDescription ?? "What writing `\(register.name)` takes.")
                view("Write", fields: register.writeFields, raw: raw, mode: .aliasedWrite, out)
            }
            out.line("}")
        } else {
            view(register.name, fields: register.readFields, raw: raw, mode: .plain, spec: {
                out.line("public typealias Read = \(register.name)")
                out.line("public typealias Write = \(register.name)")
                specMembers()
            }, out)
        }
    }

    private enum ViewMode { case plain, aliasedRead, aliasedWrite }

    private func view(_ name: String, fields: [FieldSpec], raw: String, mode: ViewMode, spec: (() -> Void)? = nil, _ out: CodeWriter) {
        out.line("@frozen")
        out.line("public struct \(name): \(spec != nil ? "RegisterSpec, " : "")RegisterView, Sendable, Equatable {")
        out.indent {
            spec?()
            out.line("/// The whole register value.")
            out.line("public var rawValue: \(raw)")
            out.blank()
            out.line("@inlinable @inline(__always)")
            out.line("public init(rawValue: \(raw)) { self.rawValue = rawValue }")
            for field in fields.sorted(by: { $0.lsb < $1.lsb }) {
                out.blank()
                self.field(field, mode: mode, out)
            }
            var emitted: Set<String> = []
            for field in fields.sorted(by: { $0.lsb < $1.lsb }) {
                if let enumeration = field.enumeration, emitted.insert(enumeration.typeName).inserted {
                    out.blank()
                    fieldEnum(enumeration, field: field, out)
                }
            }
        }
        out.line("}")
    }

    private func field(_ field: FieldSpec, mode: ViewMode, _ out: CodeWriter) {
        let raw = rawType(bits: field.width)
        let type = field.enumeration?.typeName ?? (field.isBool ? "Bool" : raw)
        let settable: Bool
        switch mode {
        case .plain: settable = field.access.isWritable
        case .aliasedRead: settable = false
        case .aliasedWrite: settable = true
        }
        out.doc(field.description)
        if field.description != nil { out.line("///") }
        var summary = "\(field.width == 1 ? "Bit \(field.lsb)" : "Bits \(field.lsb)-\(field.msb)"), \(field.access.rawValue)"
        if let reset = field.reset { summary += ", reset \(reset < 10 ? "\(reset)" : "0x" + String(reset, radix: 16))" }
        if field.access == .w1c && settable { summary += "; set to clear" }
        out.line("/// \(summary).")
        let getter: String
        let setter: String
        if let enumeration = field.enumeration {
            getter = "\(enumeration.typeName)(rawValue: bits(\(field.lsb), \(field.width)))\(enumeration.isOpen ? "" : "!")"
            setter = "setBits(\(field.lsb), \(field.width), newValue.rawValue)"
        } else if field.isBool {
            getter = "bit(\(field.lsb))"
            setter = "setBit(\(field.lsb), newValue)"
        } else {
            getter = "bits(\(field.lsb), \(field.width))"
            setter = "setBits(\(field.lsb), \(field.width), newValue)"
        }
        out.line("@inlinable public var \(field.memberName): \(type) {")
        out.indent {
            out.line("@inline(__always) get { \(getter) }")
            if settable { out.line("@inline(__always) set { \(setter) }") }
        }
        out.line("}")
    }

    private func fieldEnum(_ enumeration: FieldEnum, field: FieldSpec, _ out: CodeWriter) {
        let raw = rawType(bits: field.width)
        let cases = enumeration.cases.sorted { $0.value < $1.value }
        if enumeration.isOpen {
            out.line("/// Values of `\(field.memberName)`; other values may occur.")
            out.line("@frozen")
            out.line("public struct \(enumeration.typeName): RawRepresentable, Equatable, Hashable, Sendable {")
            out.indent {
                out.line("public var rawValue: \(raw)")
                out.line("@inlinable @inline(__always)")
                out.line("public init(rawValue: \(raw)) { self.rawValue = rawValue }")
                for item in cases {
                    out.doc(item.description)
                    out.line("@inlinable public static var \(SwiftNaming.member(item.name)): \(enumeration.typeName) { \(enumeration.typeName)(rawValue: \(item.value)) }")
                }
            }
            out.line("}")
        } else {
            out.line("/// Values of `\(field.memberName)`.")
            out.line("@frozen")
            out.line("public enum \(enumeration.typeName): \(raw), Sendable, CaseIterable {")
            out.indent {
                for item in cases {
                    out.doc(item.description)
                    out.line("case \(SwiftNaming.member(item.name)) = \(item.value)")
                }
            }
            out.line("}")
        }
    }
}
