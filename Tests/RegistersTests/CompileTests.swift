import XCTest

/// Misuse that must not compile, and code that must compile to single volatile accesses. Each
/// test builds the Registers sources with swiftc and compiles a small client against them.
final class CompileTests: XCTestCase {
    /// Specs as dtbind generates them, shared by the client files below.
    static let specs = """
        import Registers

        public struct Status: RegisterSpec, RegisterView {
            public typealias Access = ReadOnly
            public typealias Read = Status
            public typealias Write = Status
            public static var resetValue: UInt32 { 0 }
            public var rawValue: UInt32
            public init(rawValue: UInt32) { self.rawValue = rawValue }
            public var full: Bool { bit(5) }
        }

        public struct Transmit: RegisterSpec, RegisterView {
            public typealias Access = WriteOnly
            public typealias Read = Transmit
            public typealias Write = Transmit
            public static var resetValue: UInt32 { 0 }
            public var rawValue: UInt32
            public init(rawValue: UInt32) { self.rawValue = rawValue }
            public var data: UInt8 { get { bits(0, 8) } set { setBits(0, 8, newValue) } }
        }

        public struct Pending: RegisterSpec, RegisterView {
            public typealias Access = WriteOneToClear
            public typealias Read = Pending
            public typealias Write = Pending
            public static var resetValue: UInt32 { 0 }
            public var rawValue: UInt32
            public init(rawValue: UInt32) { self.rawValue = rawValue }
            public var rx: Bool { get { bit(4) } set { setBit(4, newValue) } }
        }

        public struct Block<Bus: RegisterBus> {
            public let bus: Bus
            public var status: Register<Status, Bus> { Register(bus: bus, offset: 0x18) }
            public var transmit: Register<Transmit, Bus> { Register(bus: bus, offset: 0x00) }
            public var pending: Register<Pending, Bus> { Register(bus: bus, offset: 0x44) }
        }

        """

    private func typecheck(_ body: String) throws -> (status: Int32, output: String) {
        let directory = try Compiler.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try Compiler.buildRegisters(in: directory, optimize: false)
        let file = directory.appendingPathComponent("client.swift")
        try (Self.specs + body).write(to: file, atomically: true, encoding: .utf8)
        return try Compiler.run(["-typecheck", "-parse-as-library", "-I", directory.path, file.path] + Compiler.cmmioInclude)
    }

    private func assertDoesNotCompile(_ body: String, diagnostic: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let result = try typecheck(body)
        XCTAssertNotEqual(result.status, 0, "compiled, but must not:\n\(body)", file: file, line: line)
        XCTAssertTrue(result.output.contains(diagnostic), "expected diagnostic \"\(diagnostic)\", got:\n\(result.output)", file: file, line: line)
    }

    func testTheSpecsAndCorrectUseCompile() throws {
        let result = try typecheck("""
            func use<Bus: RegisterBus>(_ block: Block<Bus>) {
                _ = block.status.read().full
                block.transmit.write { $0.data = 0x41 }
                block.pending.clear { $0.rx = true }
                _ = block.pending.read().rx
            }
            """)
        XCTAssertEqual(result.status, 0, result.output)
    }

    func testWritingAReadOnlyRegisterDoesNotCompile() throws {
        try assertDoesNotCompile(
            "func misuse<Bus: RegisterBus>(_ block: Block<Bus>) { block.status.write { _ in } }",
            diagnostic: "referencing instance method 'write' on 'Register' requires that 'Status.Access' (aka 'ReadOnly') conform to 'Writable'")
    }

    func testReadingAWriteOnlyRegisterDoesNotCompile() throws {
        try assertDoesNotCompile(
            "func misuse<Bus: RegisterBus>(_ block: Block<Bus>) { _ = block.transmit.read() }",
            diagnostic: "referencing instance method 'read()' on 'Register' requires that 'Transmit.Access' (aka 'WriteOnly') conform to 'Readable'")
    }

    func testModifyingAW1CRegisterDoesNotCompile() throws {
        try assertDoesNotCompile(
            "func misuse<Bus: RegisterBus>(_ block: Block<Bus>) { block.pending.modify { $0.rx = true } }",
            diagnostic: "requires that 'Pending.Access' (aka 'WriteOneToClear') conform to 'Modifiable'")
    }

    func testWritingAW1CRegisterFromItsResetValueDoesNotCompile() throws {
        try assertDoesNotCompile(
            "func misuse<Bus: RegisterBus>(_ block: Block<Bus>) { block.pending.write { $0.rx = true } }",
            diagnostic: "requires that 'Pending.Access' (aka 'WriteOneToClear') conform to 'Writable'")
    }

    func testSettingAReadOnlyFieldDoesNotCompile() throws {
        try assertDoesNotCompile(
            "func misuse(_ status: inout Status) { status.full = true }",
            diagnostic: "cannot assign to property: 'full' is a get-only property")
    }
}
