import Foundation
import XCTest

/// A driver as a service on the real kernel, on each backend (board/scenarios/service.sh): killed
/// with SIGKILL in the middle of a transfer 20 times, its receive interrupt pending, and started
/// again each time as its unit's Restart= would; every new instance takes the device over and
/// echoes, and no descriptor, binding or record is left behind.
final class ServiceBoardTests: XCTestCase {
    static let rounds = 20

    func testUIORestartLoop() throws {
        let dtb = try UIOBoardTests.uioDTB()
        defer { try? FileManager.default.removeItem(atPath: dtb) }
        try checkRestarts(backend: "uio", append: "initcall_blacklist=vfio_platform_driver_init,vfio_amba_driver_init", dtb: dtb)
    }

    func testVFIORestartLoop() throws {
        try checkRestarts(backend: "vfio", append: "", dtb: nil)
    }

    /// Console text, read as it grows.
    private func consoleHas(_ board: Board, _ text: String) -> Bool { board.console.contains(text) }

    private func checkRestarts(backend: String, append: String, dtb: String?) throws {
        let board = try Board(scenario: "service", append: "backend=\(backend) rounds=\(Self.rounds) " + append, serial: true, dtb: dtb, timeout: 400)
        let serial = try SerialLine(prefix: board.serialPrefix)
        defer { try? board.console.write(toFile: "/tmp/service-\(backend).console", atomically: true, encoding: .utf8) }
        var streamed = 0
        var leftPending = 0
        for round in 1...Self.rounds {
            guard board.waitFor("ROUND \(round): UART: ready", seconds: 90) else { return }
            // The new instance serves what the killed one left pending, then echoes this.
            let payload = SerialLine.randomPayload(count: 16)
            serial.send(payload)
            var back: [UInt8] = []
            let deadline = Date().addingTimeInterval(10)
            while !back.suffix(16).elementsEqual(payload) && Date() < deadline {
                back += serial.receive(count: 1, seconds: 0.5)
            }
            XCTAssertTrue(back.suffix(16).elementsEqual(payload), "\(backend) round \(round): the restarted driver's echo (\(back.count) bytes back)")
            leftPending += max(0, back.count - payload.count)
            // Mid-transfer: keep sending until the guest has killed the driver.
            while !consoleHas(board, "KILLED \(round)\n") && !board.console.contains("RIG: exit") {
                serial.send([UInt8(truncatingIfNeeded: streamed)])
                streamed += 1
                usleep(3_000)
                _ = serial.receive(count: 4096, seconds: 0.001)
            }
            serial.send(Array("pending".utf8))
        }
        guard board.waitFor("LAST: UART: ready", seconds: 90) else { return }
        let payload = SerialLine.randomPayload(count: 16)
        serial.send(payload)
        var back: [UInt8] = []
        let deadline = Date().addingTimeInterval(3)
        while !back.suffix(16).elementsEqual(payload) && Date() < deadline { back += serial.receive(count: 1, seconds: 0.5) }
        XCTAssertTrue(back.suffix(16).elementsEqual(payload), "\(backend): the last driver's echo")
        XCTAssertEqual(board.finish(), 0, Board.lastLines(of: board.console))

        XCTAssertEqual(board.exitStatuses(inStep: "setup"), ["0"], board.step("setup"))
        let leaks = board.lines(startingWith: "LEAKS ")
        XCTAssertEqual(leaks.count, Self.rounds, board.step("restarts"))
        for line in leaks {
            XCTAssertTrue(line.hasSuffix("descriptors=0 binding-and-records-unchanged=yes"), "\(backend): \(line)")
        }
        let granted = try XCTUnwrap(board.lines(startingWith: "GRANTED:").first)
        XCTAssertTrue(granted.contains(backend == "uio" ? "driver=uio_pdrv_genirq override=uio_pdrv_genirq" : "driver=vfio-"), granted)
        XCTAssertTrue(granted.hasSuffix("records=9000000.pl011.driver 9000000.pl011.grant"), granted)
        let last = board.step("last")
        XCTAssertTrue(last.contains("host: stopped by SIGTERM"), last)
        XCTAssertEqual(board.exitStatuses(inStep: "last"), ["0"], last)
        XCTAssertEqual(board.exitStatuses(inStep: "release"), ["0"], board.step("release"))
        XCTAssertEqual(board.lines(startingWith: "AFTER:"), board.lines(startingWith: "AT-BOOT:"), "release leaves the device as at boot")
        print("SERVICE(\(backend)): \(Self.rounds) SIGKILL restarts, \(streamed) bytes streamed into killed drivers, \(leftPending) left pending and served by the next one, leaks: \(leaks.filter { !$0.hasSuffix("descriptors=0 binding-and-records-unchanged=yes") }.count)")
    }
}
