import Foundation
import XCTest

/// An overlay `vfioctl overlay` wrote, applied by fdtoverlay to a board tree that disables the
/// RTC, hands it to uio_pdrv_genirq at boot on the real kernel (board/scenarios/overlay.sh).
final class OverlayBoardTests: XCTestCase {
    /// The host vfioctl built beside the test bundle.
    private var vfioctl: String {
        get throws {
            var directory = Bundle.main.bundleURL
            for _ in 0..<3 {
                let candidate = directory.appendingPathComponent("vfioctl").path
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
                directory = directory.deletingLastPathComponent()
            }
            for bundle in Bundle.allBundles {
                let candidate = bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("vfioctl").path
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
            throw POSIXError(.ENOENT, userInfo: [NSLocalizedDescriptionKey: "no host vfioctl beside the tests: `swift build --build-tests` builds it"])
        }
    }

    /// Runs `arguments`; returns its status and what it printed (stdout and stderr).
    @discardableResult
    private func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }

    func testAnOverlayHandsADisabledRTCToUIO() throws {
        let tool = try vfioctl
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("overlay-board-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let base = directory.appendingPathComponent("board.dtb").path
        let handedOver = directory.appendingPathComponent("board-handed-over.dtb").path
        let overlay = directory.appendingPathComponent("rtc-uio").path
        // A board tree that disables the RTC, as board trees disable most peripherals.
        XCTAssertEqual(try run([Board.packageRoot.appendingPathComponent("rig/dump-virt-dtb.sh").path, "--out", base]).status, 0)
        XCTAssertEqual(try run(["dtc", "-q", "-I", "dtb", "-O", "dtb", "-p", "1024", "-o", base, base]).status, 0)
        XCTAssertEqual(try run(["fdtput", "-t", "s", base, "/pl031@9010000", "status", "disabled"]).status, 0)

        let written = try run([tool, "overlay", "/pl031@9010000", "--backend", "uio", "--dtb", base, "--out", overlay])
        XCTAssertEqual(written.status, 0, written.output)
        XCTAssertTrue(written.output.contains("/pl031@9010000: enabled, \"arm,primecell\" dropped"), written.output)
        XCTAssertTrue(written.output.contains("kernel: uio_pdrv_genirq.of_id=arm,pl031 on the command line"), written.output)
        let applied = try run(["fdtoverlay", "-i", base, "-o", handedOver, overlay + ".dtbo"])
        XCTAssertEqual(applied.status, 0, applied.output)

        // Bad input: a node the tree lacks, a node the applied tree already hands over.
        let missing = try run([tool, "overlay", "/pl099@9990000", "--backend", "uio", "--dtb", base, "--out", overlay + "-x"])
        XCTAssertEqual(missing.status, 1)
        XCTAssertTrue(missing.output.contains("no node /pl099@9990000 in the device tree"), missing.output)
        let twice = try run([tool, "overlay", "/pl031@9010000", "--backend", "uio", "--dtb", handedOver, "--out", overlay + "-x"])
        XCTAssertEqual(twice.status, 1)
        XCTAssertTrue(twice.output.contains("/pl031@9010000 is already handed over to uio"), twice.output)
        XCTAssertFalse(FileManager.default.fileExists(atPath: overlay + "-x.dtbo"), "a refused overlay writes nothing")

        let board = try Board(scenario: "overlay", append: "initcall_blacklist=vfio_platform_driver_init,vfio_amba_driver_init uio_pdrv_genirq.of_id=arm,pl031",
                              dtb: handedOver, timeout: 180)
        XCTAssertEqual(board.finish(), 0, Board.lastLines(of: board.console))
        let state = board.step("handed-over")
        XCTAssertTrue(state.contains("STATUS: okay"), state)
        XCTAssertTrue(state.contains("COMPATIBLE: arm,pl031 \n") || state.contains("COMPATIBLE: arm,pl031\n"), state)
        XCTAssertTrue(state.contains("DRIVER-AT-BOOT: uio_pdrv_genirq"), state)
        let timer = board.step("timer")
        XCTAssertTrue(timer.contains("DEVICE: 9010000.pl031 (/pl031@9010000) bound to uio_pdrv_genirq"), timer)
        XCTAssertEqual(board.lines(startingWith: "TIMER: tick").count, 2, timer)
        XCTAssertEqual(board.exitStatuses(inStep: "timer"), ["0"], timer)
    }
}
