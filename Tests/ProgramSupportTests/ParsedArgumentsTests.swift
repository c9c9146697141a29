import ProgramSupport
import XCTest

/// The command-line parser shared by the example programs and vfioctl.
final class ParsedArgumentsTests: XCTestCase {
    enum Mode: String, CaseIterable { case echo, send, hold }

    func testWordsFlagsAndValuesKeepTheirOrder() {
        let parsed = ParsedArguments(["echo", "--count", "12", "--allow-noiommu", "extra", "--dtb", "a.dtb"],
                                     valued: ["--count", "--dtb"])
        XCTAssertEqual(parsed.words, ["echo", "extra"])
        XCTAssertEqual(parsed.options.map(\.name), ["--count", "--allow-noiommu", "--dtb"])
        XCTAssertTrue(parsed.has("--allow-noiommu"))
        XCTAssertTrue(parsed.has("--count"))
        XCTAssertFalse(parsed.has("--allow"))
        XCTAssertNil(parsed.value("--allow-noiommu"), "a flag has no value")
        XCTAssertEqual(parsed.value("--dtb"), "a.dtb")
        XCTAssertEqual(parsed.integer("--count", default: 64), 12)
        XCTAssertEqual(parsed.integer("--missing", default: 64), 64)
    }

    func testValuedOptionAtTheEndAndRepeatedOptions() {
        let parsed = ParsedArguments(["--count", "1", "--count", "2", "--count"], valued: ["--count"])
        XCTAssertEqual(parsed.value("--count"), "", "the last one wins, and it had no value")
        XCTAssertEqual(parsed.integer("--count", default: 7), 7, "an empty value is not a number")
        XCTAssertEqual(ParsedArguments(["--count", "x1"], valued: ["--count"]).integer("--count", default: 3), 3)
    }

    func testModeWords() {
        XCTAssertEqual(ParsedArguments(["send"], valued: []).choice(at: 0, default: Mode.echo), .send)
        XCTAssertEqual(ParsedArguments([], valued: []).choice(at: 0, default: Mode.echo), .echo)
        XCTAssertNil(ParsedArguments(["Send"], valued: []).choice(at: 0, default: Mode.echo), "compared by bytes: case matters")
        XCTAssertEqual(ParsedArguments.listing(Mode.self), "echo, send or hold")
    }
}
