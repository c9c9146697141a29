import Registers
import XCTest

/// `unsignedNumber` (Registers): the one number reader of register maps and UIO sysfs attributes.
final class UnsignedNumberTests: XCTestCase {
    func testDecimalAndHexWithinSixtyFourBits() {
        XCTAssertEqual(Array("4096".utf8).unsignedNumber(), 4096)
        XCTAssertEqual(Array("0x4c".utf8).unsignedNumber(), 0x4C)
        XCTAssertEqual(Array("0xFFFFFFFFFFFFFFFF".utf8).unsignedNumber(), UInt64.max)
        XCTAssertNil(Array("0x10000000000000000".utf8).unsignedNumber(), "past 64 bits")
        XCTAssertNil(Array("18446744073709551616".utf8).unsignedNumber(), "past 64 bits in decimal")
    }

    func testWhatIsNotANumber() {
        XCTAssertNil(Array("".utf8).unsignedNumber())
        XCTAssertNil(Array("0x".utf8).unsignedNumber())
        XCTAssertNil(Array("1f".utf8).unsignedNumber(), "hex digits need the prefix")
        XCTAssertNil(Array("0x1g".utf8).unsignedNumber())
        XCTAssertNil(Array(" 1".utf8).unsignedNumber(), "blanks are the caller's to strip")
    }

    func testAnUppercasePrefixOnlyWhenAsked() {
        XCTAssertNil(Array("0X1F".utf8).unsignedNumber())
        XCTAssertEqual(Array("0X1F".utf8).unsignedNumber(uppercasePrefix: true), 0x1F)
    }
}
