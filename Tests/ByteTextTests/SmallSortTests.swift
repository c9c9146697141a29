import ByteText
import XCTest

/// The small sort sorts: every length up to past the largest gap, duplicates, reversed input.
final class SmallSortTests: XCTestCase {
    func testItSortsLikeTheStandardLibrary() {
        var generator = SystemRandomNumberGenerator()
        for count in [0, 1, 2, 3, 9, 10, 11, 57, 200, 1500] {
            let values = (0..<count).map { _ in Int.random(in: 0..<50, using: &generator) }
            XCTAssertEqual(values.smallSorted(by: <), values.sorted(), "count \(count)")
            XCTAssertEqual(Array(values.sorted().reversed()).smallSorted(by: <), values.sorted())
        }
        XCTAssertEqual(["b", "a", "c"].smallSorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }, ["a", "b", "c"])
    }
}
