import DeviceTree
import Foundation
import XCTest

/// Compiles the sample sources under dts/ with the `dtc` found on PATH, once per run, into a
/// private temporary directory, and loads the results.
enum Fixtures {
    /// Why a fixture could not be produced; XCTest prints the description.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The repository root (this file is Tests/DeviceTreeTests/Fixtures.swift).
    static let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The dts/ directory.
    static var dtsDirectory: URL { repositoryRoot.appendingPathComponent("dts") }

    /// A fresh directory for this test process's compiled blobs.
    static let outputDirectory: URL = {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("DeviceTreeTests-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }()

    /// `dtc` from PATH, or a failure that says how to get it.
    static func dtcPath() throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/dtc"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw Failure(description: "dtc (the device-tree compiler) is not on PATH; install it (Debian: apt-get install device-tree-compiler) to run these tests")
    }

    /// Compiles dts/`name` (for example "nested-bus.dts" or "broken/bad-lengths.dts") with
    /// `dtc -@ -q` and returns the path of the blob. Warnings are silenced because the broken
    /// samples are meant to draw them.
    static func compile(_ name: String) throws -> String {
        let source = dtsDirectory.appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: source.path) else {
            throw Failure(description: "sample source \(source.path) is missing")
        }
        let output = outputDirectory.appendingPathComponent(
            name.replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: ".dts", with: ".dtb"))
        if FileManager.default.fileExists(atPath: output.path) { return output.path }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try dtcPath())
        process.arguments = ["-@", "-q", "-I", "dts", "-O", "dtb", "-o", output.path, source.path]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw Failure(description: "dtc failed on \(source.path) (status \(process.terminationStatus)): \(String(decoding: message, as: UTF8.self))")
        }
        return output.path
    }

    /// The compiled bytes of dts/`name`.
    static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: try compile(name))))
    }

    /// The loaded tree of dts/`name`.
    static func tree(_ name: String) throws -> DeviceTree {
        try DeviceTree(contentsOfFile: try compile(name))
    }

    /// Writes `bytes` to a temporary file and returns its path.
    static func write(_ bytes: [UInt8], as name: String) throws -> String {
        let url = outputDirectory.appendingPathComponent(name)
        try Data(bytes).write(to: url)
        return url.path
    }
}

/// Asserts that `body` throws exactly `expected`.
func XCTAssertThrows<T>(
    _ expected: DeviceTreeError, _ body: () throws(DeviceTreeError) -> T,
    file: StaticString = #filePath, line: UInt = #line
) {
    do {
        let value = try body()
        XCTFail("expected \(expected), got a value: \(value)", file: file, line: line)
    } catch {
        XCTAssertEqual(error, expected, file: file, line: line)
    }
}

/// Unwraps a node lookup or fails the test with the path.
func requireNode(_ tree: DeviceTree, _ path: String, file: StaticString = #filePath, line: UInt = #line) throws -> DeviceTreeNode {
    guard let found = tree.node(atPath: path) else {
        XCTFail("no node at \(path)", file: file, line: line)
        throw Fixtures.Failure(description: "no node at \(path)")
    }
    return found
}
