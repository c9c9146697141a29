import XCTest

/// The typed errors of VFIOPlatform as a real kernel produces them, each with its fix, plus
/// fw-cfg through the pread/pwrite path and a killed holder leaving the device re-bindable.
final class ErrorsBoardTests: XCTestCase {
    nonisolated(unsafe) private static var board: Board?

    private func scenario() throws -> Board {
        if let board = Self.board { return board }
        let board = try Board(scenario: "errors", timeout: 180)
        _ = board.finish()
        Self.board = board
        return board
    }

    func testNoIOMMUMustBeAcknowledged() throws {
        let step = try scenario().step("no-iommu-not-acknowledged")
        XCTAssertTrue(step.contains("unsafe no-IOMMU mode, which taints the kernel"), step)
        XCTAssertTrue(step.contains("EXIT: 1"), step)
    }

    func testDMAMasterIsRefused() throws {
        let step = try scenario().step("dma-master-refused")
        XCTAssertTrue(step.contains("is a DMA bus master according to its binding"), step)
        XCTAssertTrue(step.contains("EXIT: 1"), step)
    }

    func testFwCfgSignatureThroughPreadPwrite() throws {
        let step = try scenario().step("fwcfg-pread")
        XCTAssertTrue(step.contains("FWCFG: signature \"QEMU\""), step)
        XCTAssertTrue(step.contains("region 0: size 0x18 offset 0x0 rw- pread/pwrite"), step)
        XCTAssertTrue(step.contains("9020000.fw-cfg: platform"), step)
        // Both commands of the step (fwcfg signature, vfioctl info) must exit 0: any other status fails.
        XCTAssertEqual(step.components(separatedBy: "EXIT: 0").count - 1, 2, step)
    }

    func testOutOfRangeAndMisalignedAccesses() throws {
        let step = try scenario().step("out-of-range")
        XCTAssertTrue(step.contains("a 32-bit access at offset 0x1000 is outside the region (size 0x1000, from the node's `reg` entry): use an offset at most 0xffc for this width."), step)
        XCTAssertTrue(step.contains("a 32-bit access at offset 0x2 is not aligned to 4 bytes"), step)
        XCTAssertTrue(step.contains("9010000.pl031 region 0 0xfe0: 0x31"), "PL031 PeriphID0 is 0x31; \(step)")
    }

    func testMissingInterruptIndex() throws {
        let step = try scenario().step("no-such-interrupt")
        XCTAssertTrue(step.contains("interrupt 1 does not exist: the device has 1 interrupt(s)"), step)
    }

    func testSecondProcessGetsGroupBusy() throws {
        let step = try scenario().step("group-busy")
        XCTAssertTrue(step.contains("is already open"), step)
        XCTAssertTrue(step.contains("EXIT: 1"), step)
    }

    func testKilledHolderLeavesDeviceRebindableAndRestorable() throws {
        let step = try scenario().step("killed-holder-rebindable")
        XCTAssertTrue(step.contains("DRIVER-BEFORE-RELEASE: vfio-amba"), step)
        XCTAssertTrue(step.contains("released from vfio-amba, now bound to no driver"), step)
        XCTAssertTrue(step.contains("9000000.pl011: amba, no-IOMMU (kernel tainted)"), "re-bound and opened again; \(step)")
    }

    func testReleaseRestoresThePreviousDriver() throws {
        let step = try scenario().step("previous-driver-restored")
        XCTAssertTrue(step.contains("DRIVER-INITIAL: uio_pdrv_genirq"), step)
        XCTAssertTrue(step.contains("DRIVER-WHILE-HELD: vfio-platform"), step)
        XCTAssertTrue(step.contains("now bound to uio_pdrv_genirq"), step)
        XCTAssertTrue(step.contains("DRIVER-RESTORED: uio_pdrv_genirq"), step)
        XCTAssertTrue(step.contains("OVERRIDE-RESTORED: uio_pdrv_genirq"), step)
    }

    /// The device's driver, or none, and its driver_override, or none, are what release restores.
    func testReleaseRestoresADriverWithoutOverride() throws {
        let step = try scenario().step("release-restores-driver-and-no-override")
        XCTAssertTrue(step.contains("STATE-BEFORE: driver=uio_pdrv_genirq override=(null)"), step)
        XCTAssertTrue(step.contains("STATE-HELD: driver=vfio-platform override=vfio-platform"), step)
        XCTAssertTrue(step.contains("STATE-AFTER: driver=uio_pdrv_genirq override=(null)"), step)
    }

    func testReleaseRestoresAnOverrideWithoutDriver() throws {
        let step = try scenario().step("release-restores-override-and-no-driver")
        XCTAssertTrue(step.contains("STATE-BEFORE: driver=none override=keep"), step)
        XCTAssertTrue(step.contains("STATE-HELD: driver=vfio-amba override=vfio-amba"), step)
        XCTAssertTrue(step.contains("STATE-AFTER: driver=none override=keep"), step)
    }

    func testReleaseRestoresNeitherDriverNorOverride() throws {
        let step = try scenario().step("release-restores-neither")
        XCTAssertTrue(step.contains("STATE-BEFORE: driver=none override=(null)"), step)
        XCTAssertTrue(step.contains("STATE-HELD: driver=vfio-amba override=vfio-amba"), step)
        XCTAssertTrue(step.contains("STATE-AFTER: driver=none override=(null)"), step)
    }

    /// vfioctl has no binding for a virtio-mmio transport, a DMA master: refused, nothing bound.
    func testDeviceWithoutBindingIsRefusedAsAPossibleDMAMaster() throws {
        let step = try scenario().step("unknown-device-is-a-possible-dma-master")
        XCTAssertTrue(step.contains("no binding describes a000000.virtio_mmio, so nothing says it is not a DMA bus master"), step)
        XCTAssertTrue(step.contains("EXIT: 1"), step)
        XCTAssertTrue(step.contains("DRIVER-AFTER-REFUSAL: \n"), "still no driver; \(step)")
    }

    func testUnprivilegedUserIsToldWhatPermissionIsMissing() throws {
        let step = try scenario().step("no-permission")
        // The group node's mode (EACCES), not the capability: the fix is a grant.
        XCTAssertTrue(step.contains("permission denied on /dev/vfio/noiommu-1: as root, `vfioctl grant DEVICE --user USER` gives USER the device's node"), step)
        XCTAssertTrue(step.contains("cannot read /sys/firmware/fdt: Permission denied; it is root's alone: as root, `vfioctl grant DEVICE --user USER` makes it readable"), "the running tree is root's; \(step)")
        XCTAssertFalse(step.contains("EXIT: 0"), step)
    }
}

/// Booted with the kernel's own (built-in, unremovable) PL011 driver on the UART.
final class WrongDriverBoardTests: XCTestCase {
    func testDeviceHeldByAKernelDriverThatWillNotLetGo() throws {
        let board = try Board(scenario: "wrong-driver", kernelPL011: true)
        _ = board.finish()
        XCTAssertTrue(board.console.contains("DRIVER: uart-pl011"), board.console)
        XCTAssertTrue(board.console.contains("9000000.pl011 is bound to uart-pl011, which did not release it"), board.console)
        XCTAssertFalse(board.console.contains("EXIT: 0"), board.console)
    }
}

/// Booted with no-IOMMU mode off: the typed error names the kernel parameter.
final class NoIOMMUOffBoardTests: XCTestCase {
    func testBindingWithoutNoIOMMUModeNamesTheParameter() throws {
        let board = try Board(scenario: "noiommu-off", append: "vfio.enable_unsafe_noiommu_mode=0")
        _ = board.finish()
        XCTAssertTrue(board.console.contains("vfio.enable_unsafe_noiommu_mode=1"), board.console)
        XCTAssertTrue(board.console.contains("EXIT: 1"), board.console)
    }
}

/// The diagnosis and listing commands on the real kernel.
final class DoctorBoardTests: XCTestCase {
    func testDoctorFindsEverythingAndListShowsTheVirtDevices() throws {
        let board = try Board(scenario: "doctor")
        XCTAssertEqual(board.finish(), 0, board.console)
        XCTAssertTrue(board.console.contains("doctor: everything needed is there"), board.console)
        XCTAssertTrue(board.console.contains("DOCTOR: status 0"), board.console)
        let pl011 = board.lines(startingWith: "9000000.pl011").first ?? ""
        XCTAssertTrue(pl011.hasPrefix("amba") && pl011.hasSuffix("/pl011@9000000"), board.console)
        XCTAssertFalse(board.lines(startingWith: "9020000.fw-cfg").isEmpty, board.console)
    }
}
