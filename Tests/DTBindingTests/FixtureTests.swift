import DTBinding
import Foundation
import XCTest

/// The corpus of malformed bindings in Fixtures/invalid: each file ends with `# expect: LINE:
/// MESSAGE` comments naming exactly the diagnostics it must produce.
final class FixtureTests: XCTestCase {
    static var invalidFixtures: [URL] { TestEnvironment.fixtureFiles("invalid") }

    func testEveryMalformedBindingGivesExactlyItsDiagnostics() throws {
        let fixtures = Self.invalidFixtures
        XCTAssertGreaterThanOrEqual(fixtures.count, 25)
        for fixture in fixtures {
            let expected = try TestEnvironment.expectations(of: fixture)
            XCTAssertFalse(expected.isEmpty, "\(fixture.lastPathComponent) has no '# expect:' lines")
            do {
                _ = try BindingLoader().load(fixture.path)
                XCTFail("\(fixture.lastPathComponent) loaded without errors")
            } catch {
                XCTAssertTrue(error.diagnostics.allSatisfy { $0.file == fixture.path }, "\(error)")
                let actual = error.diagnostics.map { "\($0.line): \($0.message)" }
                XCTAssertEqual(actual.sorted(), expected.sorted(), fixture.lastPathComponent)
            }
        }
    }

    func testTheCorpusCoversTheRequiredRules() throws {
        let names = Set(Self.invalidFixtures.map { $0.deletingPathExtension().lastPathComponent })
        for required in ["yaml-syntax", "unknown-key", "overlapping-fields", "overlapping-registers", "field-reset-too-wide",
                         "register-reset-too-wide", "bad-access", "duplicate-register", "duplicate-field",
                         "swift-keyword-field", "swift-keyword-register"] {
            XCTAssertTrue(names.contains(required), "missing fixture \(required)")
        }
    }

    func testTheCommandLinePrintsFileLineAndWritesNothing() throws {
        let dtbind = try TestEnvironment.requireTool("dtbind")
        let output = try TestEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: output) }
        for fixture in Self.invalidFixtures {
            // Valid bindings alongside must not be written either.
            let result = try TestEnvironment.run(dtbind, ["generate", TestEnvironment.shippedBindings[0], fixture.path, "--output", output.path])
            XCTAssertEqual(result.status, 1, fixture.lastPathComponent)
            for expected in try TestEnvironment.expectations(of: fixture) {
                // "12: message" printed as "file:12: error: message", the form build logs mark.
                let parts = expected.split(separator: ":", maxSplits: 1)
                XCTAssertTrue(result.stderr.contains("\(fixture.path):\(parts[0]): error:\(parts[1])\n"), "\(fixture.lastPathComponent): \(result.stderr)")
            }
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: output.path), [], fixture.lastPathComponent)
        }
    }

    func testIncludeCyclesAndMisplacedFragmentsAreReported() throws {
        let directory = try TestEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let files = [
            "a.yaml": "name: A\ncompatible: vendor,a\ninclude: [frag.yaml]\n",
            "frag.yaml": "registers:\n  - { name: CR, offset: 0 }\n",
            "b.yaml": "name: B\ncompatible: vendor,a\n",
            "c.yaml": "name: B\ncompatible: vendor,a\n",
        ]
        for (name, text) in files { try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        do {
            _ = try BindingLoader().load([directory.appendingPathComponent("a.yaml").path, directory.appendingPathComponent("b.yaml").path])
            XCTFail("loaded")
        } catch {
            let messages = error.diagnostics.map(\.message)
            XCTAssertTrue(messages.contains("fragment has 'registers': include it from a register block, not from the binding"), "\(messages)")
        }
        do {
            _ = try BindingLoader().load([directory.appendingPathComponent("b.yaml").path, directory.appendingPathComponent("c.yaml").path])
            XCTFail("loaded")
        } catch {
            XCTAssertTrue(error.diagnostics.contains { $0.message.hasPrefix("compatible 'vendor,a' is also claimed by") }, "\(error)")
            XCTAssertTrue(error.diagnostics.contains { $0.message.hasPrefix("Swift type 'BConfig' is also generated from") }, "\(error)")
        }
    }
}
