import Foundation
import XCTest

/// The judging helpers of `make bench` (scripts/bench-lib.sh): a measurement that failed stays
/// empty and reads "not measured", never "met" (on a fresh machine every callgrind row once
/// printed `0.00 Swift | 0.00 C | -nanx | 1.00x (met)`).
final class BenchHarnessTests: XCTestCase {
    /// Runs `script` in bash after sourcing bench-lib.sh; returns its standard output.
    private func bench(_ script: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", "set -euo pipefail; . \"$0\"; " + script,
                             Board.packageRoot.appendingPathComponent("scripts/bench-lib.sh").path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, script)
        return String(decoding: data, as: UTF8.self)
    }

    func testAFailedCountIsNotMeasuredNeverMet() throws {
        // A program that cannot run is not counted: no number, so no ratio, so "not measured".
        XCTAssertEqual(try bench(#"printf '[%s]' "$(per_unit /nonexistent/program --run x 10)""#), "[]")
        XCTAssertEqual(try bench(#"printf '[%s]' "$(ratio "" 3.00)""#), "[]")
        XCTAssertEqual(try bench(#"printf '[%s]' "$(ratio 0.00 0.00)""#), "[]", "0/0 is no ratio")
        XCTAssertEqual(try bench(#"verdict "$(ratio 0.00 0.00)" le 1.0"#), "not measured\n")
        XCTAssertEqual(try bench(#"verdict "-nanx" le 1.0"#), "not measured\n")
        XCTAssertEqual(try bench(#"verdict "" ge 10"#), "not measured\n")
        XCTAssertEqual(try bench(#"shown """#), "not measured\n")
    }

    func testMeasuredValuesAreJudgedAgainstTheGoal() throws {
        XCTAssertEqual(try bench(#"verdict "$(ratio 3.00 3.00)" le 1.0"#), "met\n")
        XCTAssertEqual(try bench(#"verdict "$(ratio 3.60 3.00)" le 1.0"#), "missed\n")
        XCTAssertEqual(try bench(#"verdict 12.5x ge 10"#), "met\n")
        XCTAssertEqual(try bench(#"shown 7.50"#), "7.50\n")
    }

    func testValgrindGetsACopyWithoutDebugInformation() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("bench-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let copy = try bench("measurable /bin/true \(folder.path)").trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertEqual(copy, folder.appendingPathComponent("true.nodebug").path)
        XCTAssertTrue(FileManager.default.isExecutableFile(atPath: copy))
        XCTAssertEqual(try bench("\(copy) && echo ran"), "ran\n", "the copy still runs")
    }
}
