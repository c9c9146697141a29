import ByteText
import XCTest

/// Byte comparison is what Linux does with names: canonically equivalent but differently encoded
/// strings differ, and prefixes, suffixes and list lookups follow the bytes.
final class StringBytesTests: XCTestCase {
    func testEqualityFollowsBytesNotUnicodeEquivalence() {
        let composed = "caf\u{E9}"          // é as one scalar
        let decomposed = "cafe\u{301}"      // e + combining acute
        XCTAssertEqual(composed, decomposed, "Swift's == treats them as equal")
        XCTAssertFalse(composed.sameBytes(as: decomposed))
        XCTAssertTrue(composed.sameBytes(as: "caf\u{E9}"))
        XCTAssertTrue("".sameBytes(as: ""))
        XCTAssertFalse("arm,pl011".sameBytes(as: "arm,pl01"))
        XCTAssertTrue("arm,pl011".sameBytes(as: "arm,pl011"[...]))
    }

    func testPrefixSuffixAndRemainder() {
        XCTAssertTrue("fail-overheated".bytesStart(with: "fail-"))
        XCTAssertFalse("fail".bytesStart(with: "fail-"))
        XCTAssertEqual("fail-overheated".bytesAfter(prefix: "fail-"), "overheated")
        XCTAssertEqual("fail-".bytesAfter(prefix: "fail-"), "")
        XCTAssertNil("okay".bytesAfter(prefix: "fail-"))
        XCTAssertTrue("9000000.pl011".bytesEnd(with: ".pl011"))
        XCTAssertFalse("pl011".bytesEnd(with: "9000000.pl011"))
        XCTAssertTrue("x".bytesEnd(with: ""))
    }

    func testListLookups() {
        let names = ["rx", "tx", "err"]
        XCTAssertTrue(names.containsBytes("tx"))
        XCTAssertFalse(names.containsBytes("t"))
        XCTAssertEqual(names.firstIndexBytes(of: "err"), 2)
        XCTAssertNil(names.firstIndexBytes(of: "ERR"))
    }
}
