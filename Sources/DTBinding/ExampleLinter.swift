import DeviceTree
import Foundation

/// Checks the `examples` of bindings: each one compiles with dtc on the example board
/// (`ExampleBoard`), and the nodes it describes check clean against the bindings, with at least
/// one node checked against the binding the example belongs to. Problems point at the binding
/// file and the example's line.
public struct ExampleLinter: Sendable {
    /// The dtc to run.
    public var dtc: String

    /// A linter running `dtc` (found on PATH by default).
    public init(dtc: String = "dtc") { self.dtc = dtc }

    /// Every problem of every example of `bindings`, each checked against `context` (all of
    /// `bindings` when nil); empty when they are all good. Throws when dtc cannot be run at all.
    public func lint(_ bindings: [Binding], against context: [Binding]? = nil) throws -> [BindingDiagnostic] {
        let checker = DeviceTreeChecker(bindings: context ?? bindings)
        var problems: [BindingDiagnostic] = []
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dtbind-lint-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for binding in bindings {
            if binding.examples.isEmpty {
                problems.append(BindingDiagnostic(file: binding.location.file, line: binding.location.line,
                                                  message: "the binding has no examples: add one under 'examples' (a node as it would appear in a .dts)"))
            }
            for (index, example) in binding.examples.enumerated() {
                problems += try lint(example, number: index + 1, of: binding, checker: checker, in: directory)
            }
        }
        return problems
    }

    private func lint(_ example: BindingExample, number: Int, of binding: Binding, checker: DeviceTreeChecker, in directory: URL) throws -> [BindingDiagnostic] {
        let file = example.location.file
        let line = example.location.line
        let source = directory.appendingPathComponent("example.dts")
        let blob = directory.appendingPathComponent("example.dtb")
        try ExampleBoard.source(wrapping: example.source).write(to: source, atomically: true, encoding: .utf8)
        let result = try run([dtc, "-q", "-I", "dts", "-O", "dtb", "-o", blob.path, source.path])
        if result.status != 0 {
            let messages = result.stderr.split(separator: "\n").map { exampleMessage(String($0), source: source.path, exampleLine: line) }
            return [BindingDiagnostic(file: file, line: line, message: "example \(number) does not compile with dtc: \(messages.joined(separator: "; ")). The example board (docs/bindings.md) has 1 address and 1 size cell, a 3-cell interrupt parent and a clock `clk`")]
        }
        let tree: DeviceTree
        do {
            tree = try DeviceTree(contentsOfFile: blob.path)
        } catch {
            return [BindingDiagnostic(file: file, line: line, message: "example \(number): dtc's output does not load: \(error)")]
        }
        let report = checker.check(tree)
        var problems = report.findings.map {
            BindingDiagnostic(file: file, line: line, message: "example \(number): \($0.node)\($0.property.map { " property '\($0)'" } ?? ""): \($0.message) [\($0.rule)]")
        }
        if !report.checked.contains(where: { $0.bindingFile == binding.path }) {
            problems.append(BindingDiagnostic(file: file, line: line, message: "example \(number) has no enabled node compatible with \(binding.compatibles.joined(separator: " or ")): it does not show this binding"))
        }
        return problems
    }

    /// dtc's "FILE:LINE.COL-COL message" with the line turned into the example's line in the
    /// binding file.
    private func exampleMessage(_ text: String, source: String, exampleLine: Int) -> String {
        var message = text
        if message.hasPrefix("Error: ") { message.removeFirst(7) }
        guard message.hasPrefix(source + ":") else { return message }
        let rest = message.dropFirst(source.count + 1)
        let digits = rest.prefix { $0.isNumber }
        guard let dtsLine = Int(digits) else { return String(rest) }
        let after = rest.dropFirst(digits.count).drop { $0 != " " }.drop { $0 == " " }
        let yamlLine = exampleLine + 1 + (dtsLine - ExampleBoard.headerLineCount - 1)
        return "line \(yamlLine): \(after)"
    }

    private func run(_ arguments: [String]) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw ExampleLintError.dtcUnavailable(dtc)
        }
        let data = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        if process.terminationStatus == 127 { throw ExampleLintError.dtcUnavailable(dtc) }
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

/// Why examples could not be linted at all.
public enum ExampleLintError: Error, CustomStringConvertible {
    /// dtc is not installed (or not at the given path).
    case dtcUnavailable(String)

    public var description: String {
        switch self {
        case .dtcUnavailable(let dtc): return "cannot run \(dtc): install the device-tree compiler (apt-get install device-tree-compiler)"
        }
    }
}
