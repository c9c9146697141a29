import DTBinding
import Foundation
import Peripherals
import Registers
import XCTest

/// The register maps compiled into Peripherals decode to exactly what the bindings say: no line
/// left out or misread, every register, field and named value where the binding puts it.
final class RegisterMapTests: XCTestCase {
    /// "OFFSET PATH WIDTH ACCESS FLAGS | FIELD LSB WIDTH VALUES..." per register, from the model.
    private func expected(_ block: RegisterBlockDef) -> [String] {
        var result: [(UInt64, String, String)] = []  // offset, register name, line
        func visit(_ members: [BlockMember], path: String, base: UInt64) {
            for member in members {
                switch member {
                case .register(let register):
                    var text = "\(base + register.offset) \(path)\(register.name)"
                    if register.isArray { text += "[\(register.count),\(register.stride)]" }
                    text += " \(register.width) \(register.access.rawValue) side-effects=\(register.readSideEffects) big=\(register.byteOrder == .big) bank=\(register.bank ?? "-")"
                    let fields = register.access == .wo ? [] : register.readFields.filter(\.access.isReadable).sorted { $0.lsb < $1.lsb }
                    for field in fields {
                        text += " | \(field.name) \(field.lsb) \(field.width)"
                        for value in field.enumeration?.cases.sorted(by: { $0.value < $1.value }) ?? [] { text += " \(value.name)=\(value.value)" }
                    }
                    result.append((base + register.offset, register.name, text))
                case .cluster(let cluster):
                    let part = cluster.name + (cluster.isArray ? "[\(cluster.count),\(cluster.stride)]" : "")
                    visit(cluster.members, path: path + part + ".", base: base + cluster.offset)
                }
            }
        }
        visit(block.members, path: "", base: 0)
        // By offset, and registers sharing one (16550 RBR/THR/DLL) by name, as the generator orders them.
        return result.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.map(\.2)
    }

    private func decoded(_ map: RegisterMap) -> [String] {
        map.registers.map { register in
            var text = "\(register.offset) "
            for cluster in register.clusters { text += cluster.name + (cluster.isArray ? "[\(cluster.count),\(cluster.stride)]" : "") + "." }
            text += register.name
            if register.isArray { text += "[\(register.count),\(register.stride)]" }
            let access = ["ro", "wo", "rw", "w1c", "rc"][Int(register.access.rawValue)]
            text += " \(register.width) \(access) side-effects=\(register.readSideEffects) big=\(register.isBigEndian) bank=\(register.bank ?? "-")"
            for field in register.fields {
                text += " | \(field.name) \(field.lsb) \(field.width)"
                for value in field.values { text += " \(value.name)=\(value.value)" }
            }
            return text
        }
    }

    func testEveryShippedMapDecodesToItsBinding() throws {
        let bindings = try BindingLoader().load(TestEnvironment.shippedBindings)
        XCTAssertEqual(BindingCatalog.registerMaps.count, bindings.count)
        for maps in BindingCatalog.registerMaps {
            let binding = try XCTUnwrap(bindings.first { $0.name == staticText(maps.binding) }, staticText(maps.binding))
            XCTAssertEqual(maps.compatibles.map(staticText), binding.compatibles)
            XCTAssertEqual(maps.regions.map { staticText($0.name) }, binding.property("reg")?.blocks)
            for map in maps.regions {
                let block = try XCTUnwrap(binding.blocks.first { $0.name == staticText(map.name) })
                XCTAssertEqual(map.extent, Int(block.extent), block.name)
                XCTAssertEqual(decoded(map), expected(block), block.name)
            }
        }
    }
}
