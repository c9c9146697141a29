import XCTest

/// The PL061 GPIO driver on the real kernel: QEMU's virt board wires its power button to
/// PL061 pin 3, so `system_powerdown` on the QEMU monitor raises a rising edge the driver sees.
final class GPIOBoardTests: XCTestCase {
    func testEdgeInterruptOnThePinQEMUDrives() throws {
        let board = try Board(scenario: "gpio", monitor: true)
        guard board.waitFor("GPIO: ready") else { return }
        XCTAssertTrue(board.console.contains("GPIO: pin 3 is input, level 0"), board.console)
        try board.monitorCommand("system_powerdown")
        XCTAssertEqual(board.finish(), 0, board.console)
        XCTAssertTrue(board.console.contains("GPIO: rising edge on pin 3"), board.console)
    }
}
