@testable import dtbind
import Foundation
import XCTest

/// `dtbind inspect` on dts/qemu-virt.dts, compiled with the dtc on PATH.
final class InspectCommandTests: XCTestCase {
    private static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    private var workDirectory: URL!

    override func setUpWithError() throws {
        workDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("DTBindInspectTests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: workDirectory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: workDirectory)
    }

    /// Compiles dts/qemu-virt.dts with `dtc -@`; fails clearly when dtc is missing.
    private func virtDTB() throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        guard let dtc = path.split(separator: ":").map({ "\($0)/dtc" }).first(where: FileManager.default.isExecutableFile) else {
            XCTFail("dtc (device-tree-compiler) is not on PATH")
            throw CocoaError(.fileNoSuchFile)
        }
        let output = workDirectory.appendingPathComponent("qemu-virt.dtb").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: dtc)
        process.arguments = ["-@", "-q", "-I", "dts", "-O", "dtb", "-o", output,
                             Self.repositoryRoot.appendingPathComponent("dts/qemu-virt.dts").path]
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "dtc failed")
        return output
    }

    private func run(_ arguments: [String]) throws -> (status: Int32, output: String, errors: String) {
        let command = try InspectCommand.parse(arguments)
        var output = ""
        var errors = ""
        let status = command.execute(output: &output, errors: &errors)
        return (status, output, errors)
    }

    /// The JSON for the PL011: 0x9000000 = 150994944, size 0x1000 = 4096, SPI 1 level high,
    /// Linux name 9000000.pl011 (see QemuVirtTests for the derivation).
    func testJSONForPL011() throws {
        let result = try run([try virtDTB(), "--compatible", "arm,pl011", "--json"])
        XCTAssertEqual(result.status, 0)
        XCTAssertEqual(result.errors, "")
        let parsed = try JSONSerialization.jsonObject(with: Data(result.output.utf8))
        let nodes = try XCTUnwrap(parsed as? [[String: Any]])
        XCTAssertEqual(nodes.count, 1)
        let uart = nodes[0]
        XCTAssertEqual(uart["path"] as? String, "/pl011@9000000")
        XCTAssertEqual(uart["name"] as? String, "pl011@9000000")
        XCTAssertEqual(uart["unitAddress"] as? String, "9000000")
        XCTAssertEqual(uart["compatible"] as? [String], ["arm,pl011", "arm,primecell"])
        XCTAssertEqual(uart["status"] as? String, "okay")
        XCTAssertEqual(uart["linuxName"] as? String, "9000000.pl011")
        let reg = try XCTUnwrap(uart["reg"] as? [[String: Any]])
        XCTAssertEqual(reg.count, 1)
        XCTAssertEqual((reg[0]["address"] as? NSNumber)?.uint64Value, 0x900_0000)
        XCTAssertEqual((reg[0]["size"] as? NSNumber)?.uint64Value, 0x1000)
        let interrupts = try XCTUnwrap(uart["interrupts"] as? [[String: Any]])
        XCTAssertEqual(interrupts.count, 1)
        XCTAssertEqual(interrupts[0]["controller"] as? String, "/intc@8000000")
        XCTAssertEqual(interrupts[0]["cells"] as? [Int], [0, 1, 4])
        XCTAssertEqual(interrupts[0]["type"] as? String, "spi")
        XCTAssertEqual(interrupts[0]["number"] as? Int, 1)
        XCTAssertEqual(interrupts[0]["trigger"] as? String, "level-high")
    }

    /// --path selects a subtree; the text form shows the Linux name and registers.
    func testTextForSubtree() throws {
        let result = try run([try virtDTB(), "--path", "/intc@8000000"])
        XCTAssertEqual(result.status, 0)
        XCTAssertTrue(result.output.hasPrefix("intc@8000000  [arm,cortex-a15-gic]\n"), result.output)
        XCTAssertTrue(result.output.contains("  v2m@8020000  [arm,gic-v2m-frame]\n"), result.output)
        XCTAssertTrue(result.output.contains("linux name  8020000.v2m\n"), result.output)
        XCTAssertTrue(result.output.contains("reg         0x8020000 size 0x1000\n"), result.output)
    }

    /// A truncated blob: exit status 2 and the error's sentence on stderr, nothing on stdout.
    func testTruncatedDTBFails() throws {
        let good = try Data(contentsOf: URL(fileURLWithPath: try virtDTB()))
        let bad = workDirectory.appendingPathComponent("truncated.dtb")
        try good.prefix(812).write(to: bad)
        let result = try run([bad.path, "--json"])
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.output, "")
        XCTAssertEqual(result.errors,
                       "error: dtbind inspect: malformed DTB (FDT_ERR_TRUNCATED): file \(bad.path) is 812 bytes but its header says \(good.count)\n")
    }

    func testUnknownPathFails() throws {
        let result = try run([try virtDTB(), "--path", "/no-such-node"])
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.errors.contains("has no node at /no-such-node"))
    }
}
