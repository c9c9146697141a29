import DTBinding
import Foundation
import XCTest

/// `dtbind lint` compiles and checks each binding's examples with file:line; `dtbind check`
/// merges several binding folders, refuses two bindings for one compatible, and does not pass
/// quietly when no binding loaded.
final class LintAndMergeTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws { directory = try TestEnvironment.temporaryDirectory() }
    override func tearDown() { try? FileManager.default.removeItem(at: directory) }

    private func write(_ name: String, _ text: String) throws -> String {
        let path = directory.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    private static let watchdog = """
        name: Watchdog
        compatible: acme,watchdog
        description: A watchdog whose examples are checked.
        bus-master: false
        properties:
          reg:
            type: reg
            required: true
          timeout-sec:
            type: u32
        examples:
          - |
            watchdog@1000 {
                compatible = "acme,watchdog";
                reg = <0x1000 0x1000>;
                timeout-sec = "eleven";
            };
          - |
            watchdog@2000 {
                compatible = "acme,watchdog"
                reg = <0x2000 0x1000>;
            };
          - |
            timer@3000 {
                compatible = "acme,other";
                reg = <0x3000 0x1000>;
            };

        """

    func testTheShippedBindingsLintClean() throws {
        let dtbind = try TestEnvironment.requireTool("dtbind")
        _ = try TestEnvironment.requireTool("dtc")
        let result = try TestEnvironment.run(dtbind, ["lint"] + TestEnvironment.shippedBindings)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "11 bindings, 11 examples, 0 problems\n")
    }

    func testEveryBrokenExampleIsReportedAtItsLine() throws {
        let dtbind = try TestEnvironment.requireTool("dtbind")
        _ = try TestEnvironment.requireTool("dtc")
        let path = try write("watchdog.yaml", Self.watchdog)
        // The generator accepts the binding: only its examples are wrong.
        XCTAssertNoThrow(try BindingLoader().load(path))
        let result = try TestEnvironment.run(dtbind, ["lint", path])
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertEqual(result.stderr.split(separator: "\n").map(String.init), [
            "\(path):12: error: example 1: /watchdog@1000 property 'timeout-sec': must be one cell (u32), but is 7 bytes (the string \"eleven\") [wrong-type]",
            "\(path):18: error: example 2 does not compile with dtc: line 21: syntax error; FATAL ERROR: Unable to parse input tree. The example board (docs/bindings.md) has 1 address and 1 size cell, a 3-cell interrupt parent and a clock `clk`",
            "\(path):23: error: example 3 has no enabled node compatible with acme,watchdog: it does not show this binding",
        ])
        XCTAssertEqual(result.stdout, "1 binding, 3 examples, 3 problems\n")
    }

    func testCheckMergesBindingFoldersAndRefusesADoubleClaim() throws {
        let dtbind = try TestEnvironment.requireTool("dtbind")
        let dtb = try TestEnvironment.compileDTS(TestEnvironment.exampleBoard("""
            watchdog@1000 { compatible = "acme,watchdog"; reg = <0x1000 0x1000>; timeout-sec = <10>; };
            serial@9000000 { compatible = "arm,pl011", "arm,primecell"; reg = <0x9000000 0x1000>; interrupts = <0 1 4>; clocks = <&clk &clk>; clock-names = "uartclk", "apb_pclk"; };
            """), in: directory)
        let own = directory.appendingPathComponent("own")
        try FileManager.default.createDirectory(at: own, withIntermediateDirectories: true)
        try Self.watchdog.write(to: own.appendingPathComponent("watchdog.yaml"), atomically: true, encoding: .utf8)
        let merged = try TestEnvironment.run(dtbind, ["check", dtb, "--bindings", own.path, "--bindings", TestEnvironment.bindingsDirectory.path])
        XCTAssertEqual(merged.status, 0, merged.stderr + merged.stdout)
        XCTAssertEqual(merged.stdout, "2 nodes checked, 0 findings\n", "both folders' bindings were used")

        let duplicate = Self.watchdog.replacingOccurrences(of: "acme,watchdog", with: "arm,pl011").replacingOccurrences(of: "name: Watchdog", with: "name: Dup")
        try duplicate.write(to: own.appendingPathComponent("dup.yaml"), atomically: true, encoding: .utf8)
        let twice = try TestEnvironment.run(dtbind, ["check", dtb, "--bindings", own.path, "--bindings", TestEnvironment.bindingsDirectory.path])
        XCTAssertEqual(twice.status, 2)
        XCTAssertTrue(twice.stderr.contains("\(TestEnvironment.bindingsDirectory.path)/pl011.yaml:4: error: compatible 'arm,pl011' is also claimed by \(own.path)/dup.yaml"), twice.stderr)
    }

    func testNoBindingLoadedIsAWarningAndAFailure() throws {
        let dtbind = try TestEnvironment.requireTool("dtbind")
        let dtb = try TestEnvironment.compileDTS(TestEnvironment.exampleBoard(""), in: directory)
        let empty = directory.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let result = try TestEnvironment.run(dtbind, ["check", dtb, "--bindings", empty.path])
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.stderr, "warning: dtbind check: no binding loaded from \(empty.path) (no *.yaml file directly in it): nothing would be checked. Point --bindings at the folder holding the binding files.\n")
        XCTAssertEqual(result.stdout, "")
    }
}
