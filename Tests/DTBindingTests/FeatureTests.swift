import DTBinding
import DeviceTree
import Foundation
import XCTest

/// The binding features the shipped bindings do not use (Fixtures/valid/features.yaml): the
/// generated Swift compiles, in Embedded Swift too, and behaves.
final class FeatureTests: XCTestCase {
    static let path = TestEnvironment.fixtures.appendingPathComponent("valid/features.yaml").path

    func testTheFeatureBindingLoads() throws {
        let binding = try BindingLoader().load(Self.path)
        XCTAssertEqual(binding.compatibles, ["vendor,features", "vendor,features-v2"])
        XCTAssertEqual(binding.property("reg")?.blocks, ["Main", "Aux"])
        XCTAssertEqual(binding.property("mode")?.type, .string, "the binding's own definition beats the fragment's")
        XCTAssertEqual(binding.property("extra")?.defaultValue, .number(7))
        XCTAssertEqual(binding.properties.map(\.name).last, "extra")
        let main = try XCTUnwrap(binding.blocks.first)
        XCTAssertEqual(main.extent, 0x40 + 0x20 + 0x10 + 0x8 + 0x4)
        guard case .register(let control) = main.members[1] else { return XCTFail() }
        XCTAssertEqual(control.reset, 0x100)
        XCTAssertEqual(control.readFields.first { $0.name == "HALF" }.map { [$0.lsb, $0.width] }, [16, 16])
    }

    func generatedRegisters() throws -> String {
        SwiftGenerator(includesConfig: false).generate(try BindingLoader().load(Self.path))
    }

    func testW1CAndWriteOnlyFieldsAreLeftOutOfModify() throws {
        let source = try generatedRegisters()
        // CTRL: ERR (bit 1, w1c) and KICK (bit 2, wo) are not carried over by modify.
        XCTAssertTrue(source.contains("@inlinable public static var modifyPreservedBits: UInt32 { 0xFFFF_FFF9 }"), source)
        XCTAssertTrue(source.contains("public typealias Access = WriteOneToClear"))
        XCTAssertTrue(source.contains("public typealias Access = ReadToClear"))
        XCTAssertTrue(source.contains("@inlinable public static var isBigEndian: Bool { true }"))
    }

    /// Client code using every feature; compiled against the generated file and Registers.
    static let client = """
        import Registers

        public func exercise<Bus: RegisterBus>(_ main: Main<Bus>, _ aux: Aux<Bus>) -> UInt16 {
            let status = main.status.read()
            if status.rx { main.status.clear { $0.rx = true } }
            _ = main.status.readAndClear().level
            main.ctrl.modify { $0.en = true; $0.speed = .fast; $0.half = 0xBEEF }
            main.ctrl.write { $0.kick = true; $0.err = true }
            _ = main.count.read().value
            main.wide.write { $0.all = ~0 }
            main.channel(1).cfg.modify { $0.on = true }
            main.channel(1).sub(1).data.write { $0.byte = 0x5A }
            let speed: MainRegisters.CTRL.SPEED = MainRegisters.CTRL(rawValue: 0x300).speed
            _ = speed == .slow
            return aux.id.read().id
        }
        """

    func compile(_ directory: URL, embedded: Bool) throws -> TestEnvironment.Result {
        let swiftc = TestEnvironment.tool("swiftc") ?? "/opt/swift/usr/bin/swiftc"
        let registers = TestEnvironment.root.appendingPathComponent("Sources/Registers")
        let sources = try FileManager.default.contentsOfDirectory(atPath: registers.path).filter { $0.hasSuffix(".swift") }.sorted()
            .map { registers.appendingPathComponent($0).path }
        let target = (embedded ? ["-target", "aarch64-none-none-elf", "-enable-experimental-feature", "Embedded"] : []) + ["-wmo"]
        var result = try TestEnvironment.run(swiftc, target + ["-parse-as-library", "-Osize"] + TestEnvironment.cmmioInclude + [
            "-module-name", "Registers", "-emit-module", "-emit-module-path", directory.appendingPathComponent("Registers.swiftmodule").path] + sources)
        guard result.status == 0 else { return result }
        let generated = directory.appendingPathComponent("features.swift")
        try generatedRegisters().write(to: generated, atomically: true, encoding: .utf8)
        let client = directory.appendingPathComponent("client.swift")
        try Self.client.write(to: client, atomically: true, encoding: .utf8)
        result = try TestEnvironment.run(swiftc, target + ["-parse-as-library", "-Osize", "-I", directory.path] + TestEnvironment.cmmioInclude + ["-module-name", "Features",
            "-c", "-o", directory.appendingPathComponent("features.o").path, generated.path, client.path])
        return result
    }

    func testTheGeneratedFeaturesCompile() throws {
        let directory = try TestEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try compile(directory, embedded: false)
        XCTAssertEqual(result.status, 0, result.stderr)
    }

    func testTheGeneratedFeaturesCompileInEmbeddedSwift() throws {
        let directory = try TestEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try compile(directory, embedded: true)
        XCTAssertEqual(result.status, 0, result.stderr)
    }

    func testTheShippedBindingsCompileInEmbeddedSwift() throws {
        let directory = try TestEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let swiftc = TestEnvironment.tool("swiftc") ?? "/opt/swift/usr/bin/swiftc"
        let registers = TestEnvironment.root.appendingPathComponent("Sources/Registers")
        let sources = try FileManager.default.contentsOfDirectory(atPath: registers.path).filter { $0.hasSuffix(".swift") }.sorted()
            .map { registers.appendingPathComponent($0).path }
        let embedded = ["-target", "aarch64-none-none-elf", "-enable-experimental-feature", "Embedded", "-wmo", "-parse-as-library", "-Osize"]
        var result = try TestEnvironment.run(swiftc, embedded + TestEnvironment.cmmioInclude + ["-module-name", "Registers", "-emit-module",
            "-emit-module-path", directory.appendingPathComponent("Registers.swiftmodule").path, "-c", "-o", directory.appendingPathComponent("Registers.o").path] + sources)
        XCTAssertEqual(result.status, 0, result.stderr)
        var generated: [String] = []
        for (name, contents) in BindingGeneration.files(for: try BindingLoader().load(TestEnvironment.shippedBindings), includesConfig: false) {
            let path = directory.appendingPathComponent(name).path
            try contents.write(toFile: path, atomically: true, encoding: .utf8)
            generated.append(path)
        }
        result = try TestEnvironment.run(swiftc, embedded + ["-I", directory.path] + TestEnvironment.cmmioInclude + ["-module-name", "Peripherals",
            "-c", "-o", directory.appendingPathComponent("Peripherals.o").path] + generated)
        XCTAssertEqual(result.status, 0, result.stderr)
    }

    func testTheFeatureExampleChecksClean() throws {
        let directory = try TestEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let binding = try BindingLoader().load(Self.path)
        let dtb = try TestEnvironment.compileDTS(TestEnvironment.exampleBoard(binding.examples[0].source), in: directory)
        let report = DeviceTreeChecker(bindings: [binding]).check(try DeviceTree(contentsOfFile: dtb))
        XCTAssertEqual(report.checked.count, 1)
        XCTAssertEqual(report.findings, [], "additional-properties allows anything-goes")
    }
}
