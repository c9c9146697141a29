import Foundation
import XCTest

/// The harness itself: every wait is bounded and says what the guest last printed, and the
/// caller's QEMU options survive what the harness adds.
final class HarnessTests: XCTestCase {
    func testTheCallersQEMUOptionsAreKept() {
        XCTAssertEqual(Board.qemuExtra("-smp 2", adding: "-monitor unix:/m,server=on,wait=off"), "-smp 2 -monitor unix:/m,server=on,wait=off")
        XCTAssertEqual(Board.qemuExtra(nil, adding: "-monitor x"), "-monitor x")
        XCTAssertEqual(Board.qemuExtra("", adding: "-monitor x"), "-monitor x")
    }

    func testLastLinesAreTheTail() {
        let text = (1...50).map { "line \($0)" }.joined(separator: "\n")
        let tail = Board.lastLines(of: text, count: 3)
        XCTAssertEqual(tail, "line 48\nline 49\nline 50")
    }

    /// A guest that never gets going (QEMU started paused, -S): the demo gives up after its bound
    /// instead of waiting for ever, and shows the console's last lines.
    func testTheDemoGivesUpOnAStuckGuest() throws {
        let artifacts = try Board.Artifacts.fromEnvironment()
        let bin = ProcessInfo.processInfo.environment["BOARD_EMBEDDED_BIN"] ?? "/nonexistent"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [Board.packageRoot.appendingPathComponent("scripts/demo.sh").path, artifacts.kernel, artifacts.initrd, bin]
        var environment = ProcessInfo.processInfo.environment
        environment["RIG_QEMU_EXTRA"] = "-S"
        environment["DEMO_TIMEOUT"] = "6"
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        let start = Date()
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertLessThan(Date().timeIntervalSince(start), 40, "bounded by DEMO_TIMEOUT plus the rig's kill grace")
        XCTAssertEqual(process.terminationStatus, 124, text)
        XCTAssertTrue(text.contains("[host] gave up: the guest never said \"UART: ready\" in 6 s"), text)
        XCTAssertTrue(text.contains("== the guest's last console lines:\n   | "), text)
    }
}
