import Foundation
import XCTest

/// The driver host on the real kernel: one process drives the PL011 echo, the PL031 ticks and
/// the PL061 power-button edge at once, then SIGTERM removes every instance and gives every
/// device back to the driver and driver_override it had, on vfio and on UIO.
final class DriverHostBoardTests: XCTestCase {
    /// Drives the devicehost scenario on `board` and checks what every board shares.
    private func driveThreeDevices(_ board: Board) throws {
        let serial = try SerialLine(prefix: board.serialPrefix)
        for ready in ["UART: ready", "TIMER: periodic", "GPIO: ready"] {
            guard board.waitFor(ready) else { return }
        }
        let payload = SerialLine.randomPayload(count: 512)
        let echoed = serial.echo(payload, secondsPerBurst: 10)
        XCTAssertTrue(echoed == payload, "the echo differs (\(echoed.count) of \(payload.count) bytes back)")
        guard board.waitFor("TIMER: tick 2 ") else { return }
        try board.monitorCommand("system_powerdown")
        guard board.waitFor("GPIO: rising edge on pin 3") else { return }
        XCTAssertEqual(board.finish(), 0, board.console)

        let run = board.step("devicehost")
        for probed in ["/pl011@9000000: pl011-echo probed", "/pl031@9010000: pl031-ticks probed", "/pl061@9030000: pl061-edges probed"] {
            XCTAssertTrue(run.contains("host: " + probed), run)
        }
        XCTAssertTrue(run.contains("host: SIGTERM: removing 3 instance(s)"), run)
        for removed in ["UART: removed after 512 bytes echoed", "TIMER: removed after", "GPIO: removed after 1 edge(s)"] {
            XCTAssertTrue(run.contains(removed), run)
        }
        XCTAssertTrue(run.contains("host: stopped by SIGTERM; 3 probed node(s), exit 0"), run)
        XCTAssertTrue(run.contains("HOST-EXIT: 0"), run)
        XCTAssertFalse(run.contains("restoring its binding failed"), run)

        let before = board.step("before").split(separator: "\n").filter { $0.hasPrefix("STATE: ") }
        let after = board.step("after").split(separator: "\n").filter { $0.hasPrefix("STATE: ") }
        XCTAssertEqual(before.count, 3, board.step("before"))
        XCTAssertEqual(after, before, "every device is back with the driver and driver_override it had")
    }

    func testOneProcessDrivesThreeDevicesThroughVFIOAndSIGTERMReleasesThem() throws {
        let board = try Board(scenario: "devicehost", serial: true, monitor: true, timeout: 180)
        try driveThreeDevices(board)
        for device in ["9000000.pl011 (/pl011@9000000) bound to vfio-amba", "9010000.pl031 (/pl031@9010000) bound to vfio-amba",
                       "9030000.pl061 (/pl061@9030000) bound to vfio-amba"] {
            XCTAssertTrue(board.console.contains("DEVICE: " + device), board.console)
        }
        XCTAssertTrue(board.step("before").contains("STATE: 9000000.pl011 bus=amba driver= override=(null)"), board.step("before"))
    }

    func testOneProcessDrivesThreeDevicesThroughUIOAndSIGTERMReleasesThem() throws {
        let dtb = try UIOBoardTests.uioDTB(nodes: ["/pl011@9000000", "/pl031@9010000", "/pl061@9030000"])
        defer { try? FileManager.default.removeItem(atPath: dtb) }
        let board = try Board(scenario: "devicehost", append: UIOBoardTests.append, serial: true, monitor: true, dtb: dtb, timeout: 180)
        try driveThreeDevices(board)
        for device in ["9000000.pl011 (/pl011@9000000) bound to uio_pdrv_genirq", "9010000.pl031 (/pl031@9010000) bound to uio_pdrv_genirq",
                       "9030000.pl061 (/pl061@9030000) bound to uio_pdrv_genirq"] {
            XCTAssertTrue(board.console.contains("DEVICE: " + device), board.console)
        }
        // The RTC was uio_pdrv_genirq's from boot (of_id): the host leaves it there.
        XCTAssertTrue(board.step("after").contains("STATE: 9010000.pl031 bus=platform driver=uio_pdrv_genirq"), board.step("after"))
        XCTAssertTrue(board.step("after").contains("STATE: 9000000.pl011 bus=platform driver= override=(null)"), board.step("after"))
    }
}
