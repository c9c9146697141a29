import XCTest
import CLinux
import Registers
import PlatformCore
@testable import VFIOPlatform

/// `Region.bus`: one bus type for mapped regions and pread/pwrite regions, chosen by the region.
final class RegionBusTests: XCTestCase {
    private var path = ""
    private var descriptor: OwnedDescriptor!

    override func setUpWithError() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("regionbus-\(UUID().uuidString)").path
        FileManager.default.createFile(atPath: path, contents: Data([UInt8](repeating: 0, count: 8192)))
        descriptor = try OwnedDescriptor.open(path, flags: clinux_o_rdwr())
    }

    override func tearDown() { descriptor = nil; try? FileManager.default.removeItem(atPath: path) }

    private func fileBytes() -> [UInt8] { [UInt8](FileManager.default.contents(atPath: path)!) }

    func testAMappedRegionGivesTheMappedBus() throws {
        let region = try Region(info: RegionInfo(index: 0, size: 0x1000, fileOffset: 0x1000, flags: [.read, .write, .mmap]), device: descriptor)
        let bus = try region.bus(offset: 0x40, size: 0x10)
        guard case .mapped = bus else { return XCTFail("a mapped region should give loads and stores, got \(bus)") }
        bus.write32(0x1234_5678, at: 4)
        XCTAssertEqual(bus.read32(at: 4), 0x1234_5678)
        XCTAssertEqual(Array(fileBytes()[0x1044..<0x1048]), [0x78, 0x56, 0x34, 0x12])
    }

    func testASubPageRegionGivesPreadAndPwrite() throws {
        // fw-cfg's 0x18 bytes, the Raspberry Pi's 0x200-byte uart0: the kernel maps neither.
        let region = try Region(info: RegionInfo(index: 0, size: 0x18, fileOffset: 0x1000, flags: [.read, .write]), device: descriptor)
        let bus = try region.bus(size: 0x18)
        guard case .file = bus else { return XCTFail("an unmapped region should give pread/pwrite, got \(bus)") }
        bus.write16(0xBEEF, at: 8)
        bus.write64(0x0102_0304_0506_0708, at: 0x10)
        XCTAssertEqual(bus.read16(at: 8), 0xBEEF)
        XCTAssertEqual(bus.read64(at: 0x10), 0x0102_0304_0506_0708)
        XCTAssertEqual(Array(fileBytes()[0x1008..<0x100A]), [0xEF, 0xBE])
    }

    func testTheBlockIsCheckedOnceWhicheverAccess() throws {
        let small = try Region(info: RegionInfo(index: 3, size: 0x18, fileOffset: 0, flags: [.read, .write]), device: descriptor)
        XCTAssertThrowsError(try small.bus(offset: 0x10, size: 0x10)) {
            XCTAssertEqual($0 as? DeviceError, .blockOutsideRegion(offset: 0x10, size: 0x10, region: 3, regionSize: 0x18))
        }
        let mapped = try Region(info: RegionInfo(index: 1, size: 0x1000, fileOffset: 0x1000, flags: [.read, .write, .mmap]), device: descriptor)
        XCTAssertThrowsError(try mapped.bus(offset: 0xFFC, size: 8)) {
            XCTAssertEqual($0 as? DeviceError, .blockOutsideRegion(offset: 0xFFC, size: 8, region: 1, regionSize: 0x1000))
        }
    }
}
