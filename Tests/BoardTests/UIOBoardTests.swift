import Foundation
import XCTest

/// The UIO backend on the real kernel: the same kernel booted without vfio-platform and
/// vfio-amba, with a device tree whose PL011 and PL031 are platform devices
/// (rig/make-uio-dtb.sh), runs the same `uart` and `timer` binaries, with the same flags,
/// through uio_pdrv_genirq.
final class UIOBoardTests: XCTestCase {
    /// The kernel words of the UIO boot: no vfio-platform, no vfio-amba, and the RTC bound to
    /// uio_pdrv_genirq at boot through the driver's of_id parameter.
    static let append = "initcall_blacklist=vfio_platform_driver_init,vfio_amba_driver_init uio_pdrv_genirq.of_id=arm,pl031"

    /// The virt DTB with "arm,primecell" dropped from `nodes` (the script's default: the PL011
    /// and the PL031), made by the script a user runs.
    static func uioDTB(nodes: [String] = []) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("virt-uio-\(UUID().uuidString).dtb").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [Board.packageRoot.appendingPathComponent("rig/make-uio-dtb.sh").path, "--out", path] + nodes.flatMap { ["--node", $0] }
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "rig/make-uio-dtb.sh failed")
        return path
    }

    /// Waits until `text` appeared `count` times on the console.
    private func waitFor(_ board: Board, _ text: String, times count: Int, seconds: Double = 60) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if board.console.components(separatedBy: text).count - 1 >= count { return true }
            usleep(50_000)
        }
        XCTFail("console never showed \"\(text)\" \(count) times; its last lines:\n\(Board.lastLines(of: board.console))")
        return false
    }

    func testUARTAndTimerRunThroughUIOWithoutVFIOPlatform() throws {
        let dtb = try Self.uioDTB()
        defer { try? FileManager.default.removeItem(atPath: dtb) }
        let count = 2048
        let board = try Board(scenario: "uio", append: Self.append + " echo_count=\(count)", serial: true, dtb: dtb, timeout: 240)
        let serial = try SerialLine(prefix: board.serialPrefix)

        // The echo, in bursts of 1 byte up to 512 (several far beyond the 32-entry FIFO).
        guard board.waitFor("UART: ready") else { return }
        let payload = SerialLine.randomPayload(count: count)
        let echoed = serial.echo(payload, secondsPerBurst: 10)
        XCTAssertTrue(echoed == payload, "echo through UIO differs from what was sent (\(echoed.count) of \(count) bytes back)")

        // A holder killed with its interrupt taken and never re-enabled; the next one still works.
        guard board.waitFor("UART: waiting for an interrupt") else { return }
        serial.send([0x78])
        guard waitFor(board, "UART: ready", times: 2) else { return }
        serial.send(Array("abc".utf8))
        XCTAssertEqual(serial.receive(count: 4, seconds: 20), Array("xabc".utf8), "a new process drives the UART after the killed one")
        XCTAssertEqual(board.finish(), 0, board.console)

        let doctor = board.step("doctor")
        XCTAssertTrue(doctor.contains("no    vfio-platform driver registered"), doctor)
        XCTAssertTrue(doctor.contains("ok    uio_pdrv_genirq driver registered"), doctor)
        XCTAssertTrue(doctor.contains("using platform devices: uio (uio_pdrv_genirq)"), doctor)
        XCTAssertTrue(doctor.contains("using amba devices: none:"), doctor)
        XCTAssertTrue(doctor.contains("platform devices are served through UIO"), doctor)
        XCTAssertTrue(doctor.contains("DOCTOR: status 0"), doctor)
        let pl011Row = board.lines(startingWith: "9000000.pl011").first ?? ""
        XCTAssertTrue(pl011Row.hasPrefix("platform") && pl011Row.contains(" uio ") && pl011Row.hasSuffix("/pl011@9000000"), "list: \(pl011Row)")
        let pl031Row = board.lines(startingWith: "9010000.pl031").first ?? ""
        XCTAssertTrue(pl031Row.contains("uio_pdrv_genirq"), "bound at boot by of_id: \(pl031Row)")
        let pl061Row = board.lines(startingWith: "9030000.pl061").first ?? ""
        XCTAssertTrue(pl061Row.hasPrefix("amba") && pl061Row.contains(" - "), "no backend for an amba device here: \(pl061Row)")

        let info = board.step("info")
        XCTAssertTrue(info.contains("9000000.pl011: platform, 1 region(s), 1 interrupt(s)"), info)
        XCTAssertTrue(info.contains("backend: uio (uio_pdrv_genirq), uio"), info)
        XCTAssertTrue(info.contains("region 0: size 0x1000 at 0x9000000, map0 0x9000000 size 0x1000 offset 0x0 mapped"), info)

        let echo = board.step("uart-echo")
        XCTAssertTrue(echo.contains("DEVICE: 9000000.pl011 (/pl011@9000000) bound to uio_pdrv_genirq, uio"), echo)
        XCTAssertTrue(echo.contains("UART: ready (115200 baud, IBRD 13, FBRD 1"), echo)
        XCTAssertTrue(echo.contains("UART: echoed \(count) bytes"), echo)

        let killed = board.step("killed-with-interrupt-pending")
        XCTAssertTrue(killed.contains("with an interrupt pending (masked, cause set)"), killed)
        XCTAssertTrue(killed.contains("UART: echoed 4 bytes"), killed)
        XCTAssertEqual(board.exitStatuses(inStep: "killed-with-interrupt-pending"), ["0"], "the next uart echo: \(killed)")

        // uio_pdrv_genirq disables the line at each interrupt: one interrupt per write(1), never a storm.
        let storm = board.step("interrupt-storm")
        XCTAssertTrue(storm.contains("IRQBENCH: storm: 300 interrupts for 300 unmasks"), storm)
        XCTAssertTrue(storm.contains("quiet while masked 300/300"), storm)

        let soak = board.step("soak")
        let soakLine = try XCTUnwrap(board.lines(startingWith: "SOAK:").first, soak)
        let numbers = soakLine.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        XCTAssertGreaterThanOrEqual(numbers.count, 6, soakLine)
        XCTAssertEqual(numbers[numbers.count - 4], numbers[numbers.count - 3], "descriptors leak on the UIO path: \(soakLine)")

        let timer = board.step("timer")
        XCTAssertTrue(timer.contains("DRIVER-AT-BOOT: uio_pdrv_genirq"), timer)
        XCTAssertTrue(timer.contains("DEVICE: 9010000.pl031 (/pl031@9010000) bound to uio_pdrv_genirq"), timer)
        let ticks = board.lines(startingWith: "TIMER: tick").compactMap { line -> Double? in
            let words = line.split(separator: " ")
            return words.count >= 3 ? Double(words[2]) : nil
        }
        XCTAssertEqual(ticks.count, 3, timer)
        for (earlier, later) in zip(ticks, ticks.dropFirst()) {
            XCTAssertEqual(later - earlier, 1000, accuracy: 150, "interval between ticks through UIO; \(timer)")
        }
        XCTAssertTrue(timer.contains("TIMER: oneshot fired after"), timer)
        XCTAssertEqual(board.exitStatuses(inStep: "timer"), ["0", "0"], "timer periodic, then oneshot: \(timer)")

        let amba = board.step("amba-refused")
        XCTAssertTrue(amba.contains("no backend can take 9030000.pl061 (amba bus)"), amba)
        XCTAssertTrue(amba.contains("vfio-amba is not registered (build CONFIG_VFIO, CONFIG_VFIO_PLATFORM and CONFIG_VFIO_AMBA into the kernel (=y), or as modules (=m) and `modprobe vfio_amba`)"), amba)
        XCTAssertTrue(amba.contains("9030000.pl061 is an ARM PrimeCell on the amba bus"), amba)
        XCTAssertTrue(amba.contains("`fdtput -t s board.dtb /pl061@9030000 compatible arm,pl061`"), amba)
        XCTAssertTrue(amba.contains("`vfioctl overlay /pl061@9030000 --backend uio --out handover`"), amba)

        let inPage = board.step("in-page-offset")
        XCTAssertEqual(board.lines(startingWith: "DRIVER-BEFORE:"), [""], "no driver holds the transport; \(inPage)")
        XCTAssertEqual(board.lines(startingWith: "DRIVER-AFTER:"), [""], "released to no driver; \(inPage)")
        XCTAssertTrue(inPage.contains("no binding describes a000200.virtio_mmio"), "a device no binding describes needs --allow-dma-master on UIO too; \(inPage)")
        XCTAssertTrue(inPage.contains("a000200.virtio_mmio region 0 0x0: 0x74726976"), "the virtio magic \"virt\", 0x200 into the mapped page; \(inPage)")
        XCTAssertTrue(inPage.contains("map0 0xa000000 size 0x1000 offset 0x200"), inPage)
        XCTAssertTrue(inPage.contains("released from uio_pdrv_genirq, now bound to no driver"), inPage)

        let release = board.step("release")
        XCTAssertTrue(release.contains("9000000.pl011: released from uio_pdrv_genirq, now bound to no driver"), release)
        XCTAssertTrue(release.contains("PL011-AFTER: driver= override=(null)"), release)
    }
}
