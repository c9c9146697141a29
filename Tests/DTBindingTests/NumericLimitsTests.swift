import DTBinding
import XCTest

/// The defects users found with hostile numbers and types, each with its exact message, and the
/// limits at their edges (accepted exactly up to the limit).
final class NumericLimitsTests: XCTestCase {
    static let header = "name: Test\ncompatible: vendor,test\nproperties:\n  reg: { type: reg, required: true, count: 1 }\nregisters:\n  Test:\n"

    /// The diagnostics (`line: message`) of `text` loaded as `test.yaml`; empty when it loads.
    func diagnostics(_ text: String) -> [String] {
        let loader = BindingLoader(readFile: { $0 == "test.yaml" ? text : nil })
        do {
            _ = try loader.load("test.yaml")
            return []
        } catch {
            return error.diagnostics.map { "\($0.line): \($0.message)" }
        }
    }

    func testAnOffsetNearTheTopOfUInt64IsOutOfRangeNotACrash() {
        XCTAssertEqual(diagnostics(Self.header + "    registers:\n      - { name: CR, offset: 0xFFFFFFFFFFFFFFF0 }\n"), [
            "8: 'offset' of register 'CR' is 0xFFFFFFFFFFFFFFF0, out of range (allowed: 0 to 0xffffffff): a register block spans at most 4 GiB, so give bytes within the block",
        ])
    }

    func testASizeOfAllOnesIsOutOfRange() {
        XCTAssertEqual(diagnostics(Self.header + "    size: 0xFFFFFFFFFFFFFFFF\n    registers:\n      - { name: CR, offset: 0 }\n"), [
            "7: 'size' of register block 'Test' is 0xFFFFFFFFFFFFFFFF, out of range (allowed: 0 to 0x100000000): a register block spans at most 4 GiB, so give bytes within the block",
        ])
    }

    func testAnOffsetOf2To63WithoutSizeIsOutOfRange() {
        XCTAssertEqual(diagnostics(Self.header + "    registers:\n      - { name: CR, offset: 0x8000000000000000 }\n"), [
            "8: 'offset' of register 'CR' is 0x8000000000000000, out of range (allowed: 0 to 0xffffffff): a register block spans at most 4 GiB, so give bytes within the block",
        ])
    }

    func testANumberOrBooleanWhereAStringBelongsMustBeQuoted() {
        XCTAssertEqual(diagnostics("name: Test\ncompatible: 42\n"), [
            "2: 'compatible' of binding must be a string, found the number 42: quote it (\"42\")",
        ])
        XCTAssertEqual(diagnostics("name: Test\ncompatible: [vendor-test, false]\n"), [
            "2: 'compatible' of binding must be a string, found the boolean false: quote it (\"false\")",
        ])
        XCTAssertEqual(diagnostics("name: Test\ncompatible: vendor,test\nproperties:\n  mode: { type: string, enum: [fast, 2] }\n"), [
            "4: property 'mode' needs a string here, found the number 2: quote it (\"2\")",
        ])
        XCTAssertEqual(diagnostics("name: Test\ncompatible: \"42\"\n"), [], "quoted, it is a string")
    }

    func testABadOffsetIsReportedAloneWithoutASpuriousOverlap() {
        XCTAssertEqual(diagnostics(Self.header + "    registers:\n      - { name: CR, offset: 0 }\n      - { name: DR, offset: [4] }\n"), [
            "9: 'offset' of register 'DR' must be a whole number from 0 to 0xffffffff, found a list",
        ])
        XCTAssertEqual(diagnostics(Self.header + "    registers:\n      - { name: CR, offset: 0, count: 2, stride: 2 }\n      - { name: DR, offset: 8 }\n"), [
            "8: register 'CR' has stride 0x2, less than its 0x4 bytes: elements would overlap",
        ])
    }

    func testBitNumbersBeyondTheRegisterAreReportedAsWrittenNotACrash() {
        XCTAssertEqual(diagnostics(Self.header + "    registers:\n      - name: CR\n        offset: 0\n        fields:\n          ALL: { bits: 0-18446744073709551615 }\n"), [
            "11: field 'ALL' of register 'CR' (bits 0-18446744073709551615) is outside the 32-bit register",
        ])
    }

    func testAPropertyCountBeyondIntIsOutOfRangeNotACrash() {
        XCTAssertEqual(diagnostics("name: Test\ncompatible: vendor,test\nproperties:\n  clocks: { type: cells, count: 0xFFFFFFFFFFFFFFFF }\n"), [
            "4: 'count' of property 'clocks' is 0xFFFFFFFFFFFFFFFF, out of range (allowed: 0 to 65536): give the number of cells the property holds",
        ])
    }

    func testMembersMustEndWithinFourGiB() {
        XCTAssertEqual(diagnostics(Self.header + "    registers:\n      - { name: CR, offset: 0xFFFFFF00, count: 256, stride: 0x100 }\n"), [
            "8: register 'CR' ends at 0x10000fe04, past the 0x100000000 bytes a register block may span: lower its offset, count or stride",
        ])
        XCTAssertEqual(diagnostics(Self.header + "    registers:\n      - { name: CR, offset: 0, count: 65537 }\n"), [
            "8: 'count' of register 'CR' is 65537, out of range (allowed: 1 to 65536): give the number of elements, or leave 'count' out for a single one",
        ])
    }

    func testTheLimitsThemselvesAreAccepted() throws {
        let text = Self.header + "    size: 0x100000000\n    registers:\n      - { name: CR, offset: 0, count: 65536, stride: 0x10000 }\n      - { name: DR, offset: 0xFFFFFFF8, width: 64 }\n"
        XCTAssertEqual(diagnostics(text), [])
        let binding = try BindingLoader(readFile: { $0 == "test.yaml" ? text : nil }).load("test.yaml")
        XCTAssertEqual(binding.blocks.first?.extent, 0x1_0000_0000)
    }
}
