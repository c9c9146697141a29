/// Writes one register block: a struct generic over its bus with one accessor per register or
/// cluster, the cluster structs, and (through `RegisterLayoutGenerator`) the register layouts.
struct RegisterBlockGenerator {
    /// The block struct, its cluster structs and the `<Block>Registers` layouts of `block`.
    func write(_ block: RegisterBlockDef, binding: Binding, _ out: CodeWriter) {
        let namespace = block.name + "Registers"
        out.line("// MARK: - \(block.name)")
        out.blank()
        out.doc(block.description)
        if block.description != nil { out.line("///") }
        let regIndex = binding.property("reg")?.blocks.firstIndex(of: block.name) ?? 0
        out.line("/// The registers of `reg` entry \(regIndex) of \(binding.compatibles.map { "`\($0)`" }.joined(separator: " / ")) nodes, \(hex(block.extent, digits: 1)) bytes.")
        out.line("/// Bind it to a bus: `\(block.name)(bus: MemoryRegisterBus(base: mapping))`; layouts are in `\(namespace)`.")
        out.line("public struct \(block.name)<Bus: RegisterBus>: RegisterBlock {")
        out.indent {
            out.line("/// The bytes a region needs for every register of the block.")
            out.line("public static var extent: Int { \(hex(block.extent, digits: 1)) }")
            out.line("/// The bus the registers are accessed through.")
            out.line("public let bus: Bus")
            out.blank()
            out.line("/// The block on `bus`, whose offset 0 is the block's first register.")
            out.line("@inlinable @inline(__always)")
            out.line("public init(bus: Bus) { self.bus = bus }")
            members(block.members, namespace: namespace, base: nil, digits: digits(block.extent), out)
        }
        out.line("}")
        out.blank()
        out.line("extension \(block.name): Sendable where Bus: Sendable {}")
        clusterExtensions(block.members, owner: block.name, namespace: namespace, digits: digits(block.extent), out)
        out.blank()
        out.line("/// The register layouts of `\(block.name)`: one type per register, with its fields.")
        out.line("public enum \(namespace) {")
        out.indent {
            RegisterLayoutGenerator().layouts(block.members, out)
            out.blank()
            RegisterMapGenerator().write(block, out)
        }
        out.line("}")
    }

    private func digits(_ extent: UInt64) -> Int {
        max(3, String(max(extent, 1) - 1, radix: 16).count)
    }

    /// Accessors for `members`; `base` is the stored base offset of a cluster element.
    private func members(_ members: [BlockMember], namespace: String, base: String?, digits: Int, _ out: CodeWriter) {
        for member in members.sorted(by: { ($0.offset, $0.name) < ($1.offset, $1.name) }) {
            out.blank()
            let offset = { (value: UInt64) in base.map { "\($0) + \(hex(value, digits: digits))" } ?? hex(value, digits: digits) }
            switch member {
            case .register(let register):
                let type = "Register<\(namespace).\(register.name), Bus>"
                let name = register.memberName
                out.doc(register.description)
                if register.description != nil { out.line("///") }
                out.line("/// \(registerSummary(register, digits: digits, relative: base != nil))")
                if register.isArray {
                    out.line("@inlinable @inline(__always)")
                    out.line("public func \(name)(_ index: Int) -> \(type) {")
                    out.indent {
                        out.line("precondition(index >= 0 && index < \(register.count), \"\(register.name) index out of range\")")
                        out.line("return Register(bus: bus, offset: \(offset(register.offset)) + index * \(hex(register.stride, digits: 1)))")
                    }
                    out.line("}")
                } else {
                    out.line("@inlinable public var \(name): \(type) {")
                    out.indent { out.line("@inline(__always) get { Register(bus: bus, offset: \(offset(register.offset))) }") }
                    out.line("}")
                }
            case .cluster(let cluster):
                let name = cluster.memberName
                out.doc(cluster.description)
                if cluster.description != nil { out.line("///") }
                if cluster.isArray {
                    out.line("/// \(cluster.count) × `\(cluster.name)` from offset \(hex(cluster.offset, digits: digits)), every \(hex(cluster.stride, digits: 1)) bytes.")
                    out.line("@inlinable @inline(__always)")
                    out.line("public func \(name)(_ index: Int) -> \(cluster.name) {")
                    out.indent {
                        out.line("precondition(index >= 0 && index < \(cluster.count), \"\(cluster.name) index out of range\")")
                        out.line("return \(cluster.name)(bus: bus, base: \(offset(cluster.offset)) + index * \(hex(cluster.stride, digits: 1)))")
                    }
                    out.line("}")
                } else {
                    out.line("/// `\(cluster.name)` at offset \(hex(cluster.offset, digits: digits)).")
                    out.line("@inlinable public var \(name): \(cluster.name) {")
                    out.indent { out.line("@inline(__always) get { \(cluster.name)(bus: bus, base: \(offset(cluster.offset))) }") }
                    out.line("}")
                }
            }
        }
    }

    private func clusterStruct(_ cluster: ClusterDef, namespace: String, digits: Int, _ out: CodeWriter) {
        out.doc(cluster.description)
        if cluster.description != nil { out.line("///") }
        out.line("/// One `\(cluster.name)`: \(hex(cluster.extent, digits: 1)) bytes of registers.")
        out.line("@frozen")
        out.line("public struct \(cluster.name) {")
        out.indent {
            out.line("/// The bus the registers are accessed through.")
            out.line("public let bus: Bus")
            out.line("/// The offset of this element on `bus`.")
            out.line("public let base: Int")
            out.blank()
            out.line("@inlinable @inline(__always)")
            out.line("public init(bus: Bus, base: Int) {")
            out.indent {
                out.line("self.bus = bus")
                out.line("self.base = base")
            }
            out.line("}")
            members(cluster.members, namespace: namespace, base: "base", digits: digits, out)
        }
        out.line("}")
    }

    /// `extension Owner { struct Cluster }` at file scope for each cluster in `members`, then
    /// for the clusters inside those (`extension Owner.Cluster { ... }`).
    private func clusterExtensions(_ members: [BlockMember], owner: String, namespace: String, digits: Int, _ out: CodeWriter) {
        for case .cluster(let cluster) in members {
            out.blank()
            out.line("extension \(owner) {")
            out.indent { clusterStruct(cluster, namespace: namespace + "." + cluster.name, digits: digits, out) }
            out.line("}")
            out.blank()
            out.line("extension \(owner).\(cluster.name): Sendable where Bus: Sendable {}")
            clusterExtensions(cluster.members, owner: owner + "." + cluster.name, namespace: namespace + "." + cluster.name, digits: digits, out)
        }
    }

    private func registerSummary(_ register: RegisterDef, digits: Int, relative: Bool) -> String {
        let access: String
        switch register.access {
        case .ro: access = "read-only"
        case .wo: access = "write-only"
        case .rw: access = register.isAliased ? "reads and writes different layouts" : "read/write"
        case .w1c: access = "write 1 to clear"
        case .rc: access = "read clears"
        }
        let offset = (relative ? "+" : "") + hex(register.offset, digits: digits)
        var text = register.isArray
            ? "\(register.count) × \(register.width)-bit from offset \(offset), every \(hex(register.stride, digits: 1)) bytes, \(access)"
            : "Offset \(offset), \(register.width)-bit, \(access)"
        if register.access != .ro && register.access != .rc {
            text += ", reset \(hex(register.reset, digits: register.width / 4, grouped: true))"
        }
        if register.byteOrder == .big { text += ", big-endian" }
        if let bank = register.bank { text += ", bank \(bank)" }
        return text + "."
    }
}
