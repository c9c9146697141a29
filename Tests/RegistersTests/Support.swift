import Foundation
import Registers

/// A bus over a dictionary of byte offsets, recording every access in order.
final class RecordingBus: RegisterBus {
    enum Access: Equatable, CustomStringConvertible {
        case read(offset: Int, width: Int)
        case write(offset: Int, width: Int, value: UInt64)

        var description: String {
            switch self {
            case let .read(offset, width): return "read\(width) @0x\(String(offset, radix: 16))"
            case let .write(offset, width, value): return "write\(width) 0x\(String(value, radix: 16)) @0x\(String(offset, radix: 16))"
            }
        }
    }

    var values: [Int: UInt64] = [:]
    var log: [Access] = []

    private func read(_ offset: Int, _ width: Int) -> UInt64 {
        log.append(.read(offset: offset, width: width))
        return values[offset] ?? 0
    }

    private func write(_ value: UInt64, _ offset: Int, _ width: Int) {
        log.append(.write(offset: offset, width: width, value: value))
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

/// Runs swiftc on files, for the compile-fail and code-generation tests.
enum Compiler {
    /// The repository root (Tests/RegistersTests/Support.swift is three levels down).
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var swiftc: String {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/swiftc"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return "/opt/swift/usr/bin/swiftc"
    }

    /// Where Registers' C accessor module (CMMIO) is, for every compile that imports Registers.
    static var cmmioInclude: [String] { ["-I", root.appendingPathComponent("Sources/CMMIO").path] }

    static var registersSources: [String] {
        let directory = root.appendingPathComponent("Sources/Registers")
        return ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0.hasSuffix(".swift") }.sorted().map { directory.appendingPathComponent($0).path }
    }

    /// A fresh temporary directory.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("registers-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Runs swiftc with `arguments`; returns the exit status and everything it printed.
    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: swiftc)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Compiles the Registers sources into a module in `directory` (optimized when `optimize`).
    static func buildRegisters(in directory: URL, optimize: Bool) throws {
        let result = try run([
            "-parse-as-library", "-wmo", optimize ? "-O" : "-Onone",
            "-module-name", "Registers", "-emit-module", "-emit-module-path", directory.appendingPathComponent("Registers.swiftmodule").path,
            "-c", "-o", directory.appendingPathComponent("Registers.o").path,
        ] + cmmioInclude + registersSources)
        guard result.status == 0 else { throw CompileError(output: result.output) }
    }

    struct CompileError: Error, CustomStringConvertible {
        var output: String
        var description: String { output }
    }
}
