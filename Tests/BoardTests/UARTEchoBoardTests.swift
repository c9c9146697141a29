import XCTest

/// The userspace PL011 driver on the real kernel: thousands of bytes through vfio-amba,
/// including bursts larger than the receive FIFO, echoed back byte for byte.
final class UARTEchoBoardTests: XCTestCase {
    func testEchoesThousandsOfBytesIncludingFIFOFillingBursts() throws {
        let count = 4096
        let board = try Board(scenario: "uart-echo", append: "echo_count=\(count)", serial: true)
        let serial = try SerialLine(prefix: board.serialPrefix)
        guard board.waitFor("UART: ready") else { return }
        let payload = SerialLine.randomPayload(count: count)
        let echoed = serial.echo(payload, secondsPerBurst: 10)
        XCTAssertEqual(echoed.count, count, "bytes echoed")
        XCTAssertTrue(echoed == payload, "echo differs from what was sent; first difference at \(zip(echoed, payload).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? -1)")
        XCTAssertEqual(board.finish(), 0, board.console)
        let summary = board.lines(startingWith: "UART: echoed").first ?? ""
        XCTAssertTrue(summary.hasPrefix("\(count) bytes"), "guest summary: \(summary)")
        XCTAssertTrue(board.console.contains("UART: ready (115200 baud, IBRD 13, FBRD 1"), board.console)
    }
}
