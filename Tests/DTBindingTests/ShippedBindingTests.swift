import DTBinding
import Foundation
import XCTest

/// The bindings in bindings/: they load, match the documented register maps, and generate the
/// same bytes every time.
final class ShippedBindingTests: XCTestCase {
    func loadAll() throws -> [Binding] {
        try BindingLoader().load(TestEnvironment.shippedBindings)
    }

    func testAllShippedBindingsLoadTogether() throws {
        let bindings = try loadAll()
        XCTAssertEqual(Set(bindings.flatMap(\.compatibles)), ["arm,pl011", "arm,sp804", "arm,pl031", "arm,pl061", "qemu,fw-cfg-mmio", "ns16550a", "ns16550", "brcm,bcm2835-system-timer",
                                                                   "fsl,imx6q-uart", "fsl,imx53-uart", "fsl,imx21-uart", "fsl,imx6sx-gpt", "fsl,imx6dl-gpt", "fsl,imx6ul-gpt",
                                                                   "fsl,imx21-wdt", "fsl,imx35-gpio"])
        XCTAssertEqual(try BindingLoader().loadDirectory(TestEnvironment.bindingsDirectory.path).count, bindings.count)
    }

    /// Offsets of every register (array elements and clusters flattened), by name.
    func offsets(_ block: RegisterBlockDef) -> [String: UInt64] {
        var result: [String: UInt64] = [:]
        func visit(_ members: [BlockMember], prefix: String, base: UInt64) {
            for member in members {
                switch member {
                case .register(let register):
                    result[prefix + register.name] = base + register.offset
                case .cluster(let cluster):
                    for index in 0..<cluster.count {
                        visit(cluster.members, prefix: "\(prefix)\(cluster.name)\(index).", base: base + cluster.offset + UInt64(index) * cluster.stride)
                    }
                }
            }
        }
        visit(block.members, prefix: "", base: 0)
        return result
    }

    func block(_ name: String) throws -> RegisterBlockDef {
        let block = try loadAll().flatMap(\.blocks).first { $0.name == name }
        return try XCTUnwrap(block, name)
    }

    func testPL011RegisterMap() throws {
        let block = try block("PL011")
        let map = offsets(block)
        let expected: [String: UInt64] = [
            "DR": 0x000, "RSR": 0x004, "FR": 0x018, "ILPR": 0x020, "IBRD": 0x024, "FBRD": 0x028, "LCR_H": 0x02C,
            "CR": 0x030, "IFLS": 0x034, "IMSC": 0x038, "RIS": 0x03C, "MIS": 0x040, "ICR": 0x044, "DMACR": 0x048,
        ]
        XCTAssertEqual(map, expected)
        // No PrimeCell ID registers: the Raspberry Pi's uart0 window is 0x200 bytes.
        XCTAssertEqual(block.extent, 0x4C)
        let registers = Dictionary(uniqueKeysWithValues: block.members.compactMap { member -> (String, RegisterDef)? in
            if case .register(let register) = member { return (register.name, register) }
            return nil
        })
        XCTAssertEqual(registers["FR"]?.reset, 0x90)
        XCTAssertEqual(registers["CR"]?.reset, 0x300)
        XCTAssertEqual(registers["IFLS"]?.reset, 0x12)
        XCTAssertEqual(registers["FR"]?.access, .ro)
        XCTAssertEqual(registers["ICR"]?.access, .wo)
        XCTAssertEqual(registers["DR"]?.isAliased, true)
        XCTAssertEqual(registers["DR"]?.readFields.map(\.name), ["DATA", "FE", "PE", "BE", "OE"])
        XCTAssertEqual(registers["DR"]?.writeFields.map(\.name), ["DATA"])
    }

    func testPL031RegisterMap() throws {
        XCTAssertEqual(offsets(try block("PL031")), [
            "DR": 0x00, "MR": 0x04, "LR": 0x08, "CR": 0x0C, "IMSC": 0x10, "RIS": 0x14, "MIS": 0x18, "ICR": 0x1C,
            "PeriphID": 0xFE0, "PCellID": 0xFF0,
        ])
    }

    func testPL061RegisterMap() throws {
        let block = try block("PL061")
        XCTAssertEqual(offsets(block), [
            "DATA": 0x000, "DIR": 0x400, "IS": 0x404, "IBE": 0x408, "IEV": 0x40C, "IE": 0x410, "RIS": 0x414,
            "MIS": 0x418, "IC": 0x41C, "AFSEL": 0x420, "PeriphID": 0xFE0, "PCellID": 0xFF0,
        ])
        guard case .register(let data)? = block.members.first(where: { $0.name == "DATA" }) else { return XCTFail() }
        XCTAssertEqual(data.count, 256)
        XCTAssertEqual(data.offset + data.span, 0x400, "address-masked DATA spans 0x000-0x3FC")
    }

    func testSP804RegisterMap() throws {
        let map = offsets(try block("SP804"))
        for (timer, base) in [(0, UInt64(0x00)), (1, 0x20)] {
            for (name, offset) in [("Load", 0x00), ("Value", 0x04), ("Control", 0x08), ("IntClr", 0x0C), ("RIS", 0x10), ("MIS", 0x14), ("BGLoad", 0x18)] {
                XCTAssertEqual(map["Timer\(timer).\(name)"], base + UInt64(offset), "Timer\(timer).\(name)")
            }
        }
        XCTAssertEqual(map["ITCR"], 0xF00)
        XCTAssertEqual(map["PeriphID"], 0xFE0)
    }

    func testFwCfgRegisterMap() throws {
        let block = try block("FwCfg")
        XCTAssertEqual(offsets(block), ["DATA": 0x00, "SELECTOR": 0x08, "DMA": 0x10])
        XCTAssertEqual(block.extent, 0x18)
        guard case .register(let selector)? = block.members.first(where: { $0.name == "SELECTOR" }) else { return XCTFail() }
        XCTAssertEqual(selector.width, 16)
        XCTAssertEqual(selector.byteOrder, .big)
        let binding = try loadAll().first { $0.compatibles == ["qemu,fw-cfg-mmio"] }
        XCTAssertEqual(binding?.busMaster, true)
    }

    func testNS16550RegisterMap() throws {
        let block = try block("NS16550")
        XCTAssertEqual(offsets(block), ["RBR": 0, "THR": 0, "IER": 1, "IIR": 2, "FCR": 2, "LCR": 3, "MCR": 4, "LSR": 5, "MSR": 6, "SCR": 7, "DLL": 0, "DLM": 1])
        XCTAssertEqual(block.width, 8)
    }

    func testBCM2835SystemTimerRegisterMap() throws {
        let block = try block("BCM2835SystemTimer")
        XCTAssertEqual(offsets(block), ["CS": 0x00, "CLO": 0x04, "CHI": 0x08, "C": 0x0C])
        XCTAssertEqual(block.extent, 0x1C, "C0-C3 end at 0x1C: QEMU decodes 0x20 bytes, the device tree gives a page")
        let registers = Dictionary(uniqueKeysWithValues: block.members.compactMap { member -> (String, RegisterDef)? in
            if case .register(let register) = member { return (register.name, register) }
            return nil
        })
        XCTAssertEqual(registers["CS"]?.access, .w1c)
        XCTAssertEqual(registers["CS"]?.readFields.map(\.name), ["M0", "M1", "M2", "M3"])
        XCTAssertEqual(registers["CLO"]?.access, .ro)
        XCTAssertEqual(registers["CHI"]?.access, .ro)
        XCTAssertEqual(registers["C"]?.count, 4)
        XCTAssertEqual(registers["C"]?.memberName, "compare")
        let binding = try XCTUnwrap(try loadAll().first { $0.compatibles == ["brcm,bcm2835-system-timer"] })
        XCTAssertEqual(binding.property("interrupts")?.minCount, 4, "one interrupt per compare channel")
        XCTAssertEqual(binding.property("clock-frequency")?.defaultValue, .number(1_000_000))
        XCTAssertFalse(binding.busMaster)
    }

    /// Registers whose reads change the device, per the TRMs and QEMU's models: PL011 DR and
    /// 16550 RBR pop the receive FIFO, fw-cfg DATA advances the item's data pointer, and the
    /// 16550's IIR, LSR and MSR clear bits (rc). PL031, PL061, SP804 and the system timer have
    /// none; write-only registers are never read, so they carry no flag.
    func testReadSideEffectsAreMarkedWhereTheHardwareHasThem() throws {
        var marked: [String] = []
        func visit(_ members: [BlockMember], block: String) {
            for member in members {
                switch member {
                case .register(let register):
                    if register.readSideEffects { marked.append("\(block).\(register.name)") }
                    if register.access == .wo { XCTAssertFalse(register.readSideEffects, register.name) }
                case .cluster(let cluster):
                    visit(cluster.members, block: block)
                }
            }
        }
        for block in try loadAll().flatMap(\.blocks) { visit(block.members, block: block.name) }
        XCTAssertEqual(marked.sorted(), ["FwCfg.DATA", "IMXUART.URXD", "NS16550.IIR", "NS16550.LSR", "NS16550.MSR", "NS16550.RBR", "PL011.DR"])
    }

    func testGenerationIsDeterministic() throws {
        let first = BindingGeneration.files(for: try loadAll())
        let second = BindingGeneration.files(for: try loadAll())
        XCTAssertEqual(first.map(\.name), ["bcm2835-system-timer.swift", "fw-cfg.swift", "imx-gpt.swift", "imx-uart.swift", "imx-wdt.swift", "imx35-gpio.swift",
                                        "ns16550a.swift", "pl011.swift", "pl031.swift", "pl061.swift", "sp804.swift", "BindingCatalog.swift"])
        XCTAssertEqual(first.map(\.contents), second.map(\.contents))
    }

    func testTheCommandLineWritesTheSameBytesTwice() throws {
        let dtbind = try TestEnvironment.requireTool("dtbind")
        let one = try TestEnvironment.temporaryDirectory()
        let two = try TestEnvironment.temporaryDirectory()
        defer {
            try? FileManager.default.removeItem(at: one)
            try? FileManager.default.removeItem(at: two)
        }
        for directory in [one, two] {
            let result = try TestEnvironment.run(dtbind, ["generate"] + TestEnvironment.shippedBindings + ["--output", directory.path])
            XCTAssertEqual(result.status, 0, result.stderr)
        }
        let names = try FileManager.default.contentsOfDirectory(atPath: one.path).sorted()
        XCTAssertEqual(names.count, 12, "eleven bindings and their catalog: \(names)")
        for name in names {
            XCTAssertEqual(FileManager.default.contents(atPath: one.appendingPathComponent(name).path),
                           FileManager.default.contents(atPath: two.appendingPathComponent(name).path), name)
        }
        let pl011 = try String(contentsOf: one.appendingPathComponent("pl011.swift"), encoding: .utf8)
        XCTAssertTrue(pl011.hasPrefix("// Generated by `dtbind generate` from pl011.yaml."))
        XCTAssertTrue(pl011.contains("public struct PL011<Bus: RegisterBus>: RegisterBlock {"))
        XCTAssertTrue(pl011.contains("public struct PL011Config: DeviceBindingConfig {"))
        let catalog = try String(contentsOf: one.appendingPathComponent("BindingCatalog.swift"), encoding: .utf8)
        XCTAssertTrue(catalog.contains("BindingSummary(FwCfgConfig.self),\n"), catalog)
        XCTAssertFalse(pl011.contains("import Foundation"))
    }

    func testThePluginListNamesEveryShippedBinding() throws {
        let list = TestEnvironment.root.appendingPathComponent("Sources/examples/Peripherals/bindings.list")
        let listed = try String(contentsOf: list, encoding: .utf8).split(separator: "\n")
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && !$0.hasPrefix("#") }
            .map { URL(fileURLWithPath: $0, relativeTo: list.deletingLastPathComponent()).standardizedFileURL.path }
        XCTAssertEqual(listed.sorted(), TestEnvironment.shippedBindings.map { URL(fileURLWithPath: $0).standardizedFileURL.path }.sorted(),
                       "bindings.list must name exactly the top-level files of bindings/ (the plugin generates one Swift file per entry)")
    }

    func testRegistersOnlyOutputNeedsOnlyRegisters() throws {
        let binding = try BindingLoader().load(TestEnvironment.bindingsDirectory.appendingPathComponent("pl011.yaml").path)
        let source = SwiftGenerator(includesConfig: false).generate(binding)
        XCTAssertFalse(source.contains("import DeviceTree"))
        XCTAssertFalse(source.contains("PL011Config"))
        XCTAssertTrue(source.contains("import Registers"))
    }
}
