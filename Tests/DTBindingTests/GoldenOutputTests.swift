import DTBinding
import Foundation
import XCTest

/// The generated Swift for every shipped binding, every valid fixture and the template's binding,
/// byte for byte against the files in Golden/. A change to the parser or the generator that
/// changes what users get shows up here as a diff.
///
/// When a change is intended, regenerate with `PDRIVERS_UPDATE_GOLDEN=1 swift test --filter
/// GoldenOutputTests` and review the diff of Tests/DTBindingTests/Golden in the commit.
final class GoldenOutputTests: XCTestCase {
    static let goldenDirectory = TestEnvironment.root.appendingPathComponent("Tests/DTBindingTests/Golden")

    /// Every binding whose output is pinned: (name of its golden file, binding path).
    static var pinnedBindings: [(golden: String, path: String)] {
        var pinned = TestEnvironment.shippedBindings.map { ("shipped-" + ($0 as NSString).lastPathComponent, $0) }
        let valid = TestEnvironment.fixtures.appendingPathComponent("valid")
        let fixtures = ((try? FileManager.default.contentsOfDirectory(atPath: valid.path)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
        pinned += fixtures.map { ("fixture-" + $0, valid.appendingPathComponent($0).path) }
        let template = TestEnvironment.root.appendingPathComponent("Templates/CFIFlash/bindings/cfi-flash.yaml").path
        pinned.append(("template-cfi-flash.yaml", template))
        return pinned.map { (($0.0 as NSString).deletingPathExtension + ".swift.golden", $0.1) }
    }

    func testGeneratedOutputMatchesTheGoldenFiles() throws {
        let update = ProcessInfo.processInfo.environment["PDRIVERS_UPDATE_GOLDEN"] == "1"
        let pinned = Self.pinnedBindings
        XCTAssertGreaterThanOrEqual(pinned.count, 8, "the shipped bindings, the fixtures and the template are all found")
        for (golden, path) in pinned {
            let binding = try BindingLoader().load(path)
            let generated = BindingGeneration.files(for: [binding]).map { "// ---- \($0.name)\n" + $0.contents }.joined(separator: "\n")
            let goldenPath = Self.goldenDirectory.appendingPathComponent(golden)
            if update {
                try FileManager.default.createDirectory(at: Self.goldenDirectory, withIntermediateDirectories: true)
                try generated.write(to: goldenPath, atomically: true, encoding: .utf8)
                continue
            }
            guard let expected = try? String(contentsOf: goldenPath, encoding: .utf8) else {
                XCTFail("no golden file \(golden) for \(path): run with PDRIVERS_UPDATE_GOLDEN=1 and review it")
                continue
            }
            if generated != expected {
                let generatedLines = generated.split(separator: "\n", omittingEmptySubsequences: false)
                let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
                let first = Array(zip(generatedLines, expectedLines)).firstIndex { $0.0 != $0.1 } ?? min(generatedLines.count, expectedLines.count)
                let shown = first < generatedLines.count ? String(generatedLines[first]) : "(end of output)"
                let wanted = first < expectedLines.count ? String(expectedLines[first]) : "(end of golden file)"
                XCTFail("\(path): generated Swift differs from \(golden) at line \(first + 1):\n  generated: \(shown)\n  golden:    \(wanted)")
            }
        }
    }

    /// Golden files with no binding behind them would pin nothing.
    func testEveryGoldenFileHasABinding() throws {
        let expected = Set(Self.pinnedBindings.map(\.golden))
        let present = Set(((try? FileManager.default.contentsOfDirectory(atPath: Self.goldenDirectory.path)) ?? []).filter { $0.hasSuffix(".golden") })
        XCTAssertEqual(present.subtracting(expected).sorted(), [], "golden files without a binding")
    }
}
