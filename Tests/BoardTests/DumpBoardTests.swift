import XCTest

/// `vfioctl dump` on the real kernel: a mapped PL011 after the uart driver programmed it, fw-cfg
/// through pread/pwrite (8-bit DATA, the big-endian 64-bit DMA register read as two 32-bit
/// halves), registers with read side effects left alone unless asked, and a device no binding
/// describes refused with the way on.
final class DumpBoardTests: XCTestCase {
    nonisolated(unsafe) private static var board: Board?

    private func scenario() throws -> Board {
        if let board = Self.board { return board }
        let board = try Board(scenario: "dump", timeout: 180)
        _ = board.finish()
        Self.board = board
        return board
    }

    func testAMappedPL011IsDecodedByFieldAndItsFIFOLeftAlone() throws {
        let step = try scenario().step("pl011")
        XCTAssertTrue(step.contains("9000000.pl011 (/pl011@9000000): binding PL011, 1 region(s), through vfio"), step)
        XCTAssertTrue(step.contains("region 0: block PL011, 0x1000 bytes (the block needs 0x4c), mapped"), step)
        XCTAssertTrue(step.contains("0x000 DR: not read (reading it has side effects)"), step)
        // uart programmed 115200 baud from the 24 MHz clock: IBRD 13, FBRD 1, 8 bits, FIFOs on.
        XCTAssertTrue(step.contains("0x024 IBRD = 0x0000000d\n  BAUD_DIVINT = 0xd"), step)
        XCTAssertTrue(step.contains("0x028 FBRD = 0x00000001\n  BAUD_DIVFRAC = 1"), step)
        XCTAssertTrue(step.contains("0x02c LCR_H = 0x00000070"), step)
        XCTAssertTrue(step.contains("  WLEN = 3 (EIGHT)"), step)
        XCTAssertTrue(step.contains("0x044 ICR: not read (write-only)"), step)
        XCTAssertTrue(step.contains("0x048 DMACR = 0x00000000"), step)
        XCTAssertFalse(step.contains("PeriphID"), "the PL011 block ends at 0x4c (the ID registers are not in every PL011's window): \(step)")
        XCTAssertTrue(step.contains("dump: 12 register(s) read; 1 with read side effects left alone (--include-side-effects reads them)"), step)
        XCTAssertTrue(step.contains("EXIT: 0"), step)
    }

    func testFwCfgIsReadThroughPreadWithItsByteOrder() throws {
        let step = try scenario().step("fwcfg")
        XCTAssertTrue(step.contains("region 0: block FwCfg, 0x18 bytes (the block needs 0x18), pread/pwrite"), step)
        XCTAssertTrue(step.contains("0x000 DATA: not read (reading it has side effects)"), step)
        XCTAssertTrue(step.contains("0x008 SELECTOR: not read (write-only)"), step)
        XCTAssertTrue(step.contains("0x010 DMA = 0x51454d5520434647"), "\"QEMU CFG\", big-endian; \(step)")
        XCTAssertTrue(step.contains("EXIT: 0"), step)

        let withSideEffects = try scenario().step("fwcfg-side-effects")
        // Item 0 (the signature) is selected after reset: the first byte is 'Q'.
        XCTAssertTrue(withSideEffects.contains("0x000 DATA = 0x51\n  DATA = 0x51"), withSideEffects)
        XCTAssertTrue(withSideEffects.contains("dump: 2 register(s) read\n"), withSideEffects)
    }

    func testADeviceNoBindingDescribesIsRefusedWithTheWayOn() throws {
        let step = try scenario().step("no-binding")
        XCTAssertTrue(step.contains("vfioctl: no shipped binding describes /virtio_mmio@a000000 (compatible \"virtio,mmio\"), so its registers are unknown: read them with `vfioctl read DEVICE REGION OFFSET`, or add a binding to bindings/."), step)
        XCTAssertTrue(step.contains("EXIT: 1"), step)
    }
}
