import DTBinding
import Foundation
import XCTest

/// Misuse of the generated PL011 accessors that must not compile, with the diagnostics a user sees.
final class GeneratedMisuseTests: XCTestCase {
    nonisolated(unsafe) static var directory: URL?

    /// Registers and the generated PL011 block (no config), built once.
    func modules() throws -> URL {
        if let directory = Self.directory { return directory }
        let directory = try TestEnvironment.temporaryDirectory()
        let swiftc = TestEnvironment.tool("swiftc") ?? "/opt/swift/usr/bin/swiftc"
        let registers = TestEnvironment.root.appendingPathComponent("Sources/Registers")
        let sources = try FileManager.default.contentsOfDirectory(atPath: registers.path).filter { $0.hasSuffix(".swift") }.sorted()
            .map { registers.appendingPathComponent($0).path }
        var result = try TestEnvironment.run(swiftc, ["-wmo", "-parse-as-library"] + TestEnvironment.cmmioInclude + ["-module-name", "Registers",
            "-emit-module", "-emit-module-path", directory.appendingPathComponent("Registers.swiftmodule").path] + sources)
        XCTAssertEqual(result.status, 0, result.stderr)
        let binding = try BindingLoader().load(TestEnvironment.bindingsDirectory.appendingPathComponent("pl011.yaml").path)
        let generated = directory.appendingPathComponent("pl011.swift")
        try SwiftGenerator(includesConfig: false).generate(binding).write(to: generated, atomically: true, encoding: .utf8)
        result = try TestEnvironment.run(swiftc, ["-wmo", "-parse-as-library", "-I", directory.path] + TestEnvironment.cmmioInclude + ["-module-name", "Peripherals",
            "-emit-module", "-emit-module-path", directory.appendingPathComponent("Peripherals.swiftmodule").path, generated.path])
        XCTAssertEqual(result.status, 0, result.stderr)
        Self.directory = directory
        return directory
    }

    override class func tearDown() {
        if let directory { try? FileManager.default.removeItem(at: directory) }
        super.tearDown()
    }

    func typecheck(_ body: String) throws -> TestEnvironment.Result {
        let directory = try modules()
        let file = directory.appendingPathComponent("client-\(UUID().uuidString).swift")
        try ("import Peripherals\nimport Registers\n\nfunc use<Bus: RegisterBus>(_ uart: PL011<Bus>) {\n    \(body)\n}\n")
            .write(to: file, atomically: true, encoding: .utf8)
        return try TestEnvironment.run(TestEnvironment.tool("swiftc") ?? "/opt/swift/usr/bin/swiftc", ["-typecheck", "-I", directory.path] + TestEnvironment.cmmioInclude + [file.path])
    }

    func assertRejected(_ body: String, _ diagnostic: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let result = try typecheck(body)
        XCTAssertNotEqual(result.status, 0, "compiled: \(body)", file: file, line: line)
        XCTAssertTrue(result.stderr.contains(diagnostic), "expected \"\(diagnostic)\" in:\n\(result.stderr)", file: file, line: line)
    }

    func testCorrectUseCompiles() throws {
        let result = try typecheck("if uart.fr.read().txff { uart.cr.write { $0.uarten = true } }; uart.dr.write { $0.data = 0x41 }; _ = uart.dr.read().fe")
        XCTAssertEqual(result.status, 0, result.stderr)
    }

    func testWritingTheReadOnlyFlagRegister() throws {
        try assertRejected("uart.fr.write { _ in }",
                           "referencing instance method 'write' on 'Register' requires that 'PL011Registers.FR.Access' (aka 'ReadOnly') conform to 'Writable'")
    }

    func testReadingTheWriteOnlyInterruptClearRegister() throws {
        try assertRejected("_ = uart.icr.read()",
                           "referencing instance method 'read()' on 'Register' requires that 'PL011Registers.ICR.Access' (aka 'WriteOnly') conform to 'Readable'")
    }

    func testSettingAFieldOnlyTheReadLayoutHas() throws {
        try assertRejected("uart.dr.write { $0.fe = true }", "value of type 'PL011Registers.DR.Write' has no member 'fe'")
    }

    func testModifyingAnAliasedRegister() throws {
        try assertRejected("uart.dr.modify { $0.data = 1 }", "requires the types 'PL011Registers.DR.Read' and 'PL011Registers.DR.Write' be equivalent")
    }

    func testSettingAReadOnlyField() throws {
        try assertRejected("var flags = uart.fr.read(); flags.txff = true", "cannot assign to property: 'txff' is a get-only property")
    }
}
