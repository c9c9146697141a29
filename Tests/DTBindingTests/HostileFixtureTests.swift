import DTBinding
import Foundation
import XCTest

/// The hostile bindings in Fixtures/hostile (numbers at their edges, wrong types): each file
/// starts with `# expect: LINE: MESSAGE` lines giving every diagnostic it must produce, in order.
final class HostileFixtureTests: XCTestCase {
    static var hostileFixtures: [URL] { TestEnvironment.fixtureFiles("hostile") }

    func testEveryHostileBindingGivesExactlyItsDiagnosticsInOrder() throws {
        let fixtures = Self.hostileFixtures
        XCTAssertGreaterThanOrEqual(fixtures.count, 25)
        for fixture in fixtures {
            let expected = try TestEnvironment.expectations(of: fixture)
            XCTAssertFalse(expected.isEmpty, "\(fixture.lastPathComponent) does not start with '# expect:' lines")
            do {
                _ = try BindingLoader().load(fixture.path)
                XCTFail("\(fixture.lastPathComponent) loaded without errors")
            } catch {
                XCTAssertTrue(error.diagnostics.allSatisfy { $0.file == fixture.path }, "\(error)")
                XCTAssertEqual(error.diagnostics.map { "\($0.line): \($0.message)" }, expected, fixture.lastPathComponent)
            }
        }
    }

    func testTheHostileCorpusHasTheReportedDefects() {
        let names = Set(Self.hostileFixtures.map { $0.deletingPathExtension().lastPathComponent })
        for required in ["offset-near-uint64-max", "size-uint64-max", "offset-2-63-without-size", "compatible-number",
                         "offset-list-no-spurious-overlap"] {
            XCTAssertTrue(names.contains(required), "missing fixture \(required)")
        }
    }
}
