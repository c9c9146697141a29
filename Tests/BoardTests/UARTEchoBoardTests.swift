import XCTest

/// The userspace PL011 driver on the real kernel: thousands of bytes through vfio-amba,
/// including bursts larger than the receive FIFO, echoed back byte for byte.
final class UARTEchoBoardTests: XCTestCase {
    func testEchoesThousandsOfBytesIncludingFIFOFillingBursts() throws {
        let count = 4096
        let board = try Board(scenario: "uart-echo", append: "echo_count=\(count)", serial: true)
        let serial = try SerialLine(prefix: board.serialPrefix)
        guard board.waitFor("UART: ready") else { return }
        var generator = SystemRandomNumberGenerator()
        let payload = (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
        var echoed: [UInt8] = []
        var offset = 0
        // Bursts of growing size: 1 byte up to 512, so several far exceed the 16/32-entry FIFO.
        var burst = 1
        while offset < count {
            let end = min(count, offset + burst)
            serial.send(Array(payload[offset..<end]))
            echoed += serial.receive(count: end - offset, seconds: 10)
            if echoed.count < end { break }
            offset = end
            burst = min(burst * 2, 512)
        }
        XCTAssertEqual(echoed.count, count, "bytes echoed")
        XCTAssertTrue(echoed == payload, "echo differs from what was sent; first difference at \(zip(echoed, payload).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? -1)")
        XCTAssertEqual(board.finish(), 0, board.console)
        let summary = board.lines(startingWith: "UART: echoed").first ?? ""
        XCTAssertTrue(summary.hasPrefix("\(count) bytes"), "guest summary: \(summary)")
        XCTAssertTrue(board.console.contains("UART: ready (115200 baud, IBRD 13, FBRD 1"), board.console)
    }
}
