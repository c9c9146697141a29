import XCTest
import Drivers
import PlatformSimulation
import PlatformCore
import VFIOPlatform

/// fw-cfg's MMIO interface as QEMU implements it: a big-endian 16-bit selector at 8 and a
/// data register at 0 that returns the selected item byte by byte.
private final class SimulatedFwCfg: RegisterModel {
    let size = 0x18
    var items: [UInt16: [UInt8]] = [0: Array("QEMU".utf8), 1: [3, 0, 0, 0]]
    var selected: UInt16 = 0
    var position = 0
    var selectorWrites: [UInt64] = []

    func read(offset: Int, width: Int) -> UInt64 {
        guard offset == 0 else { return 0 }
        let item = items[selected] ?? []
        defer { position += 1 }
        return position < item.count ? UInt64(item[position]) : 0
    }

    func write(offset: Int, width: Int, value: UInt64) {
        guard offset == 8, width == 2 else { return }
        selectorWrites.append(value)
        selected = UInt16(value).byteSwapped
        position = 0
    }
}

final class FwCfgReaderTests: XCTestCase {
    func testSelectsBigEndianAndReadsTheSignature() throws {
        let model = SimulatedFwCfg()
        let reader = try FwCfgReader(device: SimulatedDevice(models: [model], levelInterrupts: []))
        XCTAssertEqual(reader.read(key: 0, count: 4), Array("QEMU".utf8))
        XCTAssertEqual(reader.read(key: 1, count: 4), [3, 0, 0, 0])
        XCTAssertEqual(model.selectorWrites, [0x0000, 0x0100], "key 1 goes on the bus as bytes 00 01 (big-endian)")
    }
}
