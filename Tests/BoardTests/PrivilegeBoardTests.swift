import Foundation
import XCTest

/// Least privilege on the real kernel, on each backend (board/scenarios/privilege.sh): a device
/// root granted to the account pdriver is driven by that account; the account is refused, with
/// the fix named, for binding, for a device not granted and (vfio) without CAP_SYS_RAWIO; a
/// driver started as root with --user keeps working after dropping to pdriver with no
/// capabilities; release leaves the devices as they were at boot, nothing granted or recorded.
final class PrivilegeBoardTests: XCTestCase {
    func testUIOBoundaries() throws {
        let dtb = try UIOBoardTests.uioDTB()
        defer { try? FileManager.default.removeItem(atPath: dtb) }
        try checkBoundaries(backend: "uio", append: "initcall_blacklist=vfio_platform_driver_init,vfio_amba_driver_init", dtb: dtb)
    }

    func testVFIOBoundaries() throws {
        try checkBoundaries(backend: "vfio", append: "", dtb: nil)
    }

    private func checkBoundaries(backend: String, append: String, dtb: String?) throws {
        let board = try Board(scenario: "privilege", append: "backend=\(backend) " + append, serial: true, dtb: dtb, timeout: 240)
        let serial = try SerialLine(prefix: board.serialPrefix)
        // Each run's own marker: the console keeps the earlier runs' lines.
        for (run, marker) in [("granted", "UART: ready"), ("dropped", "DROPPED-FDS:")] {
            guard board.waitFor(marker, seconds: 90) else { return }
            let payload = SerialLine.randomPayload(count: 64)
            XCTAssertEqual(serial.echo(payload, secondsPerBurst: 10), payload, "\(backend): the \(run) driver's echo")
            if run == "granted" { _ = board.waitFor("STEP: binding-refused") }
        }
        XCTAssertEqual(board.finish(), 0, Board.lastLines(of: board.console))
        try? board.console.write(toFile: "/tmp/privilege-\(backend).console", atomically: true, encoding: .utf8)
        let node = backend == "uio" ? "/dev/uio0" : "/dev/vfio/noiommu-"

        let boot = board.lines(startingWith: "STATE:")
        XCTAssertEqual(boot.count, 15, board.console)
        guard boot.count == 15 else { return }
        let atBoot = Array(boot.prefix(3))
        XCTAssertTrue(atBoot[2].hasPrefix("fdt 0:0 400 records="), "the blob is root's alone at boot: \(atBoot)")

        let grant = board.step("grant")
        XCTAssertEqual(board.exitStatuses(inStep: "grant"), ["0"], grant)
        XCTAssertTrue(grant.contains("9000000.pl011: \(node)"), grant)
        XCTAssertTrue(grant.contains("given to pdriver (uid 1000, gid 1000, 0660); /sys/firmware/fdt readable by pdriver's group (0440)"), grant)
        XCTAssertTrue(grant.contains("RUN+=\"/usr/local/bin/vfioctl bind 9000000.pl011 --backend \(backend)\""), "the udev rule: \(grant)")
        XCTAssertTrue(grant.contains("NODE: \(node)") && grant.contains(" 1000:1000 660"), grant)
        XCTAssertTrue(grant.contains("STATE: fdt 0:1000 440 records=9000000.pl011.driver 9000000.pl011.grant"), grant)
        if backend == "vfio" {
            XCTAssertTrue(grant.contains("also needs CAP_SYS_RAWIO in the driver: `setcap cap_sys_rawio+ep PROGRAM`"), grant)
        }

        let granted = board.step("granted-echo")
        XCTAssertTrue(granted.contains("UART: echoed 64 bytes"), granted)
        XCTAssertEqual(board.exitStatuses(inStep: "granted-echo"), ["0"], granted)

        if backend == "vfio" {
            let bare = board.step("without-rawio")
            XCTAssertTrue(bare.contains("no-IOMMU vfio checks CAP_SYS_RAWIO on every container and group operation"), bare)
            XCTAssertEqual(board.exitStatuses(inStep: "without-rawio"), ["1"], bare)
        }

        let binding = board.step("binding-refused")
        XCTAssertTrue(binding.contains("9010000.pl031/driver_override: binding a device through sysfs needs root"), binding)
        XCTAssertTrue(binding.contains("chown 0:0 \(node)") || binding.contains("EPERM"), "pdriver cannot undo root's grant: \(binding)")
        XCTAssertEqual(board.exitStatuses(inStep: "binding-refused"), ["1", "1"], binding)

        let other = board.step("not-granted")
        XCTAssertTrue(other.contains("permission denied on /dev/"), other)
        XCTAssertTrue(other.contains("as root, `vfioctl grant DEVICE --user USER` gives USER the device's node"), other)
        XCTAssertEqual(board.exitStatuses(inStep: "not-granted"), ["1", "0"], other)

        let release = board.step("release")
        XCTAssertTrue(release.contains("9000000.pl011: grant revoked (\(node)"), release)
        XCTAssertTrue(release.contains("/sys/firmware/fdt restored)"), release)
        XCTAssertEqual(board.exitStatuses(inStep: "release"), ["0"], release)
        XCTAssertEqual(Array(boot[6..<9]), atBoot, "after release, as at boot: \(release)")

        let dropped = board.step("dropped")
        XCTAssertTrue(dropped.contains("host: privileges dropped: now uid 1000 gid 1000, capabilities none, no_new_privs"), dropped)
        let status = try XCTUnwrap(board.lines(startingWith: "DROPPED:").first, dropped)
        for field in ["Uid: 1000 1000 1000 1000", "Gid: 1000 1000 1000 1000", "CapInh: 0000000000000000", "CapPrm: 0000000000000000",
                      "CapEff: 0000000000000000", "CapAmb: 0000000000000000", "NoNewPrivs: 1"] {
            XCTAssertTrue(status.contains(field), "the running driver after the drop: \(status)")
        }
        XCTAssertTrue(dropped.contains("UART: echoed 64 bytes"), dropped)
        XCTAssertTrue(dropped.contains("host: 9000000.pl011 stays bound (privileges were dropped): `vfioctl release 9000000.pl011` as root gives it back"), dropped)
        XCTAssertEqual(board.exitStatuses(inStep: "dropped"), ["0", "0"], dropped)
        XCTAssertEqual(Array(boot.suffix(3)), atBoot, "after the dropped driver and its release, as at boot: \(dropped)")
    }
}
