import CFIFlash
import FlashRegisters
import PlatformSimulation
import PlatformCore

import XCTest

/// The driver against a simulated pair of x16 chips: the same code the board runs through VFIO.
final class CFIFlashTests: XCTestCase {
    func testTheQueryTableGivesTheGeometry() throws {
        let model = SimulatedCFIFlash(table: SimulatedCFIFlash.intelTable)
        let device = SimulatedDevice(models: [model], levelInterrupts: [])
        let geometry = try CFIFlash(device: device, bankWidth: 4).query()
        XCTAssertEqual(geometry, FlashGeometry(
            interleave: 2, commandSet: 0x0001, chipSize: 32 << 20, writeBufferSize: 64,
            eraseRegions: [FlashGeometry.EraseRegion(blocks: 256, blockSize: 128 << 10)]))
        XCTAssertEqual(geometry.bankSize, 64 << 20)
        XCTAssertEqual(geometry.commandSetName, "Intel/Sharp extended")
    }

    func testTheChipsReadTheArrayAgainAfterwards() throws {
        let model = SimulatedCFIFlash(table: SimulatedCFIFlash.intelTable)
        _ = try CFIFlash(device: SimulatedDevice(models: [model], levelInterrupts: []), bankWidth: 4).query()
        XCTAssertEqual(model.commands, [0x98, 0xFF], "query, then read array")
        XCTAssertFalse(model.inQueryMode)
    }

    func testABankThatDoesNotAnswerIsNamed() throws {
        let model = SimulatedCFIFlash(table: [:])
        XCTAssertThrowsError(try CFIFlash(device: SimulatedDevice(models: [model], levelInterrupts: []), bankWidth: 4).query()) {
            guard case .noQueryAnswer(let got)? = $0 as? FlashError else { return XCTFail("\($0)") }
            XCTAssertEqual(got, [0, 0, 0])
        }
        XCTAssertFalse(model.inQueryMode, "left reading the array even after a failed query")
    }

    func testOnlyThirtyTwoBitBanks() {
        let model = SimulatedCFIFlash(table: SimulatedCFIFlash.intelTable)
        XCTAssertThrowsError(try CFIFlash(device: SimulatedDevice(models: [model], levelInterrupts: []), bankWidth: 2)) {
            guard case .unsupportedBankWidth(2)? = $0 as? FlashError else { return XCTFail("\($0)") }
        }
    }
}
