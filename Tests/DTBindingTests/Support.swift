import DTBinding
import DeviceTree
import Foundation
import Registers
import XCTest

/// Paths and tools the tests use.
enum TestEnvironment {
    /// The repository root (Tests/DTBindingTests/Support.swift is three levels down).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// Where Registers' C accessor module (CMMIO) is, for every compile that imports Registers.
    static var cmmioInclude: [String] { ["-I", root.appendingPathComponent("Sources/CMMIO").path] }
    static let bindingsDirectory = root.appendingPathComponent("bindings")
    static let fixtures = root.appendingPathComponent("Tests/DTBindingTests/Fixtures")

    /// The shipped binding files (top level of bindings/), sorted.
    static var shippedBindings: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: bindingsDirectory.path)) ?? [])
            .filter { $0.hasSuffix(".yaml") }.sorted().map { bindingsDirectory.appendingPathComponent($0).path }
    }

    /// The executable `name` on PATH, or nil.
    static func tool(_ name: String) -> String? {
        for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// The dtbind executable built next to the test bundle.
    static var dtbind: String? {
        var directory = Bundle.main.bundleURL
        for _ in 0..<3 {
            let candidate = directory.appendingPathComponent("dtbind").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            directory = directory.deletingLastPathComponent()
        }
        for bundle in Bundle.allBundles {
            let candidate = bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("dtbind").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// The path of a tool a test cannot run without: "dtbind" (the executable built with the
    /// tests), or any other name looked up on PATH ("dtc", "qemu-system-aarch64").
    ///
    /// When the tool is missing, a test must not pass without testing anything. With the
    /// environment variable `PDRIVERS_REQUIRE_TOOLS=1` (which `make test` sets) this throws an
    /// error, so the test FAILS; otherwise it throws `XCTSkip`, so a plain `swift test` on a
    /// machine without dtc or QEMU reports the test as skipped, never as passed. Either way the
    /// message names the missing tool and how to get it. A tool that is found but fails when run
    /// is a failure whatever the variable says: callers report its stderr (XCTFail, or an error
    /// such as `DTCError` that XCTest records as a failure). `file` and `line` place a skip at
    /// the caller.
    static func requireTool(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        if let path = name == "dtbind" ? dtbind : tool(name) { return path }
        let fix: String
        switch name {
        case "dtc": fix = "install it with `apt-get install device-tree-compiler` (`make deps` and `make test` install it)"
        case "qemu-system-aarch64": fix = "install it with `apt-get install qemu-system-arm` (`make deps` and `make test` install it)"
        case "dtbind": fix = "build it with `swift build --build-tests` (or `swift build --product dtbind`) before running the tests"
        default: fix = "install it and put it on PATH"
        }
        let message = name == "dtbind"
            ? "dtbind is not built next to the test bundle; \(fix)"
            : "\(name) is not installed (not found on PATH); \(fix)"
        if ProcessInfo.processInfo.environment["PDRIVERS_REQUIRE_TOOLS"] == "1" {
            throw MissingTool(description: message + " [a failure because PDRIVERS_REQUIRE_TOOLS=1]")
        }
        throw XCTSkip(message + " [skipped; set PDRIVERS_REQUIRE_TOOLS=1 to make this a failure]", file: file, line: line)
    }

    /// What `requireTool` throws under PDRIVERS_REQUIRE_TOOLS=1; XCTest records it as a failure.
    struct MissingTool: Error, CustomStringConvertible {
        var description: String
    }

    /// The binding files (`*.yaml`) directly in Fixtures/`folder`, sorted.
    static func fixtureFiles(_ folder: String) -> [URL] {
        let directory = fixtures.appendingPathComponent(folder)
        return ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0.hasSuffix(".yaml") }.sorted().map { directory.appendingPathComponent($0) }
    }

    /// The `# expect: LINE: MESSAGE` lines of a fixture, without the prefix, in file order.
    static func expectations(of file: URL) throws -> [String] {
        try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
            .filter { $0.hasPrefix("# expect: ") }
            .map { String($0.dropFirst("# expect: ".count)) }
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("dtbinding-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `executable` with `arguments`, capturing both outputs.
    static func run(_ executable: String, _ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Compiles dts source with dtc into a DTB file; returns its path.
    static func compileDTS(_ source: String, in directory: URL, name: String = "test",
                           file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let dts = directory.appendingPathComponent("\(name).dts")
        try source.write(to: dts, atomically: true, encoding: .utf8)
        return try compileDTSFile(dts.path, in: directory, name: name, shownSource: source, file: file, line: line)
    }

    /// Compiles the dts file at `path` with dtc into `directory`/`name`.dtb; returns its path.
    /// dtc failing throws `DTCError` with dtc's stderr and `shownSource` (default: the path), so
    /// the test fails, never skips.
    static func compileDTSFile(_ path: String, in directory: URL, name: String, shownSource: String? = nil,
                               file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let dtc = try requireTool("dtc", file: file, line: line)
        let dtb = directory.appendingPathComponent("\(name).dtb")
        let result = try run(dtc, ["-q", "-I", "dts", "-O", "dtb", "-o", dtb.path, path])
        guard result.status == 0 else { throw DTCError(message: result.stderr, source: shownSource ?? path) }
        return dtb.path
    }

    struct DTCError: Error, CustomStringConvertible {
        var message: String
        var source: String
        var description: String { "dtc failed: \(message)\n\(source)" }
    }

    /// A board around binding examples: the one `dtbind lint` uses (`ExampleBoard`, see
    /// docs/bindings.md).
    static func exampleBoard(_ nodes: String) -> String {
        ExampleBoard.source(wrapping: nodes)
    }
}

/// A bus over a dictionary of byte offsets, recording every access in order.
final class RecordingBus: RegisterBus {
    enum Access: Equatable {
        case read(Int, width: Int)
        case write(Int, width: Int, value: UInt64)
    }

    var values: [Int: UInt64] = [:]
    var log: [Access] = []

    private func read(_ offset: Int, _ width: Int) -> UInt64 {
        log.append(.read(offset, width: width))
        return values[offset] ?? 0
    }

    private func write(_ value: UInt64, _ offset: Int, _ width: Int) {
        log.append(.write(offset, width: width, value: value))
        values[offset] = value
    }

    func read8(at offset: Int) -> UInt8 { UInt8(truncatingIfNeeded: read(offset, 8)) }
    func read16(at offset: Int) -> UInt16 { UInt16(truncatingIfNeeded: read(offset, 16)) }
    func read32(at offset: Int) -> UInt32 { UInt32(truncatingIfNeeded: read(offset, 32)) }
    func read64(at offset: Int) -> UInt64 { read(offset, 64) }
    func write8(_ value: UInt8, at offset: Int) { write(UInt64(value), offset, 8) }
    func write16(_ value: UInt16, at offset: Int) { write(UInt64(value), offset, 16) }
    func write32(_ value: UInt32, at offset: Int) { write(UInt64(value), offset, 32) }
    func write64(_ value: UInt64, at offset: Int) { write(value, offset, 64) }
}

/// A test case with a scratch folder (made before each test, removed after) for DTBs compiled
/// from example-board source.
class ScratchFolderTestCase: XCTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        directory = try TestEnvironment.temporaryDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    /// The node at `path` of the example board around `nodes`, compiled with dtc.
    func node(_ nodes: String, _ path: String) throws -> DeviceTreeNode {
        let dtb = try TestEnvironment.compileDTS(TestEnvironment.exampleBoard(nodes), in: directory)
        return try XCTUnwrap(DeviceTree(contentsOfFile: dtb).node(atPath: path))
    }
}
