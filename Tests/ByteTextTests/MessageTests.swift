import ByteText
import XCTest

/// `Message`: interpolated literals built one piece at a time, with the same text as `String`.
final class MessageTests: XCTestCase {
    func testPiecesComeOutInOrderAsStringInterpolationWould() {
        let device = "9000000.pl011"
        let holders = 2
        let group: UInt64 = 0x1F
        let message: Message = "\(device) is held by \(holders) processes (group \(group), errno \(Int32(-16))): close them first."
        XCTAssertEqual(message.text, "\(device) is held by \(holders) processes (group \(group), errno \(Int32(-16))): close them first.")
        XCTAssertEqual(message.description, message.text)
    }

    func testLiteralsWithoutInterpolationAndNonASCIIText() {
        let plain: Message = "no interpolation"
        XCTAssertEqual(plain.text, "no interpolation")
        let node = "/soc/uart@7e201000"
        let accented: Message = "nœud \(node) — µs"
        XCTAssertEqual(accented.text, "nœud /soc/uart@7e201000 — µs")
        let single: Message = "é"
        XCTAssertEqual(single.text, "é", "a one-scalar static string is stored without a pointer")
    }

    func testMessagesNest() {
        let inner: Message = "reg \(3)"
        let outer: Message = "[\(inner)] and \(Message("text as it is"))"
        XCTAssertEqual(outer.text, "[reg 3] and text as it is")
    }
}
