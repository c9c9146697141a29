import XCTest

/// Faults on the real kernel: a holder killed with its interrupt pending, a storm from a level
/// cause never cleared, and a thousand open/close cycles with flat descriptors and memory.
final class FaultsBoardTests: XCTestCase {
    func testKilledHolderStormAndSoak() throws {
        let board = try Board(scenario: "faults", serial: true, timeout: 240)
        let serial = try SerialLine(prefix: board.serialPrefix)
        guard board.waitFor("UART: waiting for an interrupt") else { return }
        serial.send([0x78])
        guard board.waitFor("UART: ready") else { return }
        serial.send(Array("abc".utf8))
        // The byte the killed holder never read is still in the FIFO: the new process echoes it first.
        XCTAssertEqual(serial.receive(count: 4, seconds: 20), Array("xabc".utf8), "a new process drives the UART after the killed one")
        XCTAssertEqual(board.finish(), 0, board.console)

        let killed = board.step("killed-with-interrupt-pending")
        XCTAssertTrue(killed.contains("with an interrupt pending (masked, cause set)"), killed)
        XCTAssertTrue(killed.contains("released from vfio-amba"), killed)
        XCTAssertTrue(killed.contains("UART: echoed 4 bytes"), killed)
        XCTAssertFalse(killed.contains("uart: "), "the holder was killed, not ended by an error: \(killed)")
        XCTAssertEqual(board.exitStatuses(inStep: "killed-with-interrupt-pending"), ["0", "0"], "vfioctl release, then uart echo: \(killed)")

        let storm = board.step("interrupt-storm")
        XCTAssertTrue(storm.contains("IRQBENCH: storm: 500 interrupts for 500 unmasks"), "one interrupt per unmask, never more: \(storm)")
        XCTAssertTrue(storm.contains("quiet while masked 500/500"), storm)
        XCTAssertTrue(storm.contains("ALIVE:"), storm)

        let soak = board.step("soak")
        let line = try XCTUnwrap(board.lines(startingWith: "SOAK:").first, soak)
        // "... open fds 3 -> 3; peak RSS 1234 KiB -> 1234 KiB"
        let numbers = line.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        XCTAssertGreaterThanOrEqual(numbers.count, 6, line)
        let (fdsBefore, fdsAfter) = (numbers[numbers.count - 4], numbers[numbers.count - 3])
        let (rssBefore, rssAfter) = (numbers[numbers.count - 2], numbers[numbers.count - 1])
        XCTAssertEqual(fdsBefore, fdsAfter, "descriptors leak: \(line)")
        XCTAssertLessThanOrEqual(rssAfter - rssBefore, 64, "memory grows over 1000 cycles: \(line)")
        XCTAssertTrue(line.contains("1000 times"), line)
    }
}
