import XCTest
import CLinux
import Registers
import PlatformCore
import PlatformTestFixtures
@testable import VFIOPlatform

/// Region access on a plain file standing in for a device file: the pread/pwrite path, the
/// mapped path, and every check.
final class RegionAccessTests: XCTestCase {
    private var path = ""
    private var descriptor: OwnedDescriptor!

    override func setUpWithError() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("region-\(UUID().uuidString)").path
        let bytes = [UInt8](repeating: 0, count: 8192)
        FileManager.default.createFile(atPath: path, contents: Data(bytes))
        descriptor = try OwnedDescriptor.open(path, flags: clinux_o_rdwr())
    }

    override func tearDown() { descriptor = nil; try? FileManager.default.removeItem(atPath: path) }

    private func fileBytes() -> [UInt8] { [UInt8](FileManager.default.contents(atPath: path)!) }

    func testPreadPathReadsAndWritesExactWidthsAtTheRegionOffset() throws {
        // A 0x18-byte region at file offset 0x1000, like fw-cfg (not page-sized, so not mappable).
        let region = try Region(info: RegionInfo(index: 0, size: 0x18, fileOffset: 0x1000, flags: [.read, .write]), device: descriptor)
        XCTAssertFalse(region.isMapped)
        try region.write(UInt16(0xBEEF), at: 8)
        try region.write(UInt8(0x5A), at: 0)
        try region.write(UInt32(0x11223344), at: 0x10)
        let bytes = fileBytes()
        XCTAssertEqual(Array(bytes[0x1008..<0x100A]), [0xEF, 0xBE], "little-endian 16-bit write at 0x1000 + 8")
        XCTAssertEqual(bytes[0x1000], 0x5A)
        XCTAssertEqual(bytes[0x1001], 0x00, "an 8-bit write touches one byte only")
        XCTAssertEqual(try region.read(UInt32.self, at: 0x10), 0x11223344)
        XCTAssertEqual(try region.read(UInt8.self, at: 0x13), 0x11)
    }

    func testChecksRangeAlignmentAndWidth() throws {
        let region = try Region(info: RegionInfo(index: 2, size: 0x18, fileOffset: 0, flags: [.read, .write]), device: descriptor)
        XCTAssertThrowsError(try region.read(UInt32.self, at: 0x18)) { XCTAssertEqual($0 as? DeviceError, .outOfRange(offset: 0x18, width: 4, regionSize: 0x18)) }
        XCTAssertThrowsError(try region.read(UInt32.self, at: 0x16)) { XCTAssertEqual($0 as? DeviceError, .outOfRange(offset: 0x16, width: 4, regionSize: 0x18)) }
        XCTAssertThrowsError(try region.read(UInt32.self, at: -4)) { XCTAssertEqual($0 as? DeviceError, .outOfRange(offset: -4, width: 4, regionSize: 0x18)) }
        XCTAssertThrowsError(try region.write(UInt16(1), at: 3)) { XCTAssertEqual($0 as? DeviceError, .misaligned(offset: 3, width: 2)) }
        XCTAssertThrowsError(try region.read(UInt64.self, at: 8)) {
            XCTAssertEqual($0 as? DeviceError, .unsupportedWidth(width: 8, reason: "region 2 is not mapped and the kernel's pread/pwrite path does at most 4-byte accesses"))
        }
        XCTAssertThrowsError(try region.fileBus(offset: 0x10, size: 0x10)) {
            XCTAssertEqual($0 as? DeviceError, .blockOutsideRegion(offset: 0x10, size: 0x10, region: 2, regionSize: 0x18))
            XCTAssertEqual("\($0)", "a register block of 0x10 bytes at offset 0x10 does not fit in region 2 (size 0x18): the binding's registers go beyond the node's `reg` size; check the binding or the node's reg entry.")
        }
        XCTAssertThrowsError(try region.fileBus(offset: Int.max, size: 0x10)) {
            XCTAssertEqual($0 as? DeviceError, .blockOutsideRegion(offset: Int.max, size: 0x10, region: 2, regionSize: 0x18), "no overflow trap")
        }
        XCTAssertThrowsError(try region.mappedBus(size: 0x18)) {
            XCTAssertEqual($0 as? DeviceError, .regionNotMapped(index: 2, size: 0x18), "a region that cannot be mapped has no mapped bus")
        }
    }

    func testMappedPathSharesTheFileAndAllows64BitAccess() throws {
        let region = try Region(info: RegionInfo(index: 0, size: 0x1000, fileOffset: 0x1000, flags: [.read, .write, .mmap]), device: descriptor)
        XCTAssertTrue(region.isMapped)
        try region.write(UInt64(0x0102030405060708), at: 0x20)
        let bus = try region.mappedBus(offset: 0x20, size: 0x10)
        XCTAssertEqual(bus.read32(at: 0), 0x05060708)
        bus.write8(0xAA, at: 8)
        XCTAssertEqual(try region.read(UInt8.self, at: 0x28), 0xAA)
        let bytes = fileBytes()
        XCTAssertEqual(Array(bytes[0x1020..<0x1028]), [8, 7, 6, 5, 4, 3, 2, 1], "the mapping is MAP_SHARED over the device file")
    }

    func testFileBusOnUnmappedRegionUsesPread() throws {
        let region = try Region(info: RegionInfo(index: 1, size: 0x1000, fileOffset: 0, flags: [.read, .write, .mmap]), device: descriptor, preferMapping: false)
        XCTAssertFalse(region.isMapped)
        let bus = try region.fileBus(size: 0x1000)
        bus.write64(0xCAFEF00D_DEADBEEF, at: 0x100)
        XCTAssertEqual(bus.read64(at: 0x100), 0xCAFEF00D_DEADBEEF, "64-bit as two 32-bit accesses")
        XCTAssertEqual(Array(fileBytes()[0x100..<0x104]), [0xEF, 0xBE, 0xAD, 0xDE])
    }

    /// A bus holds its region: the mapping (and the descriptor) outlive every other reference,
    /// and go away with the last bus.
    func testMappedBusKeepsItsRegionMapped() throws {
        weak var weakRegion: Region?
        var bus: MappedRegisterBus? = try {
            let region = try Region(info: RegionInfo(index: 0, size: 0x1000, fileOffset: 0x1000, flags: [.read, .write, .mmap]), device: descriptor)
            weakRegion = region
            return try region.mappedBus(offset: 0x40, size: 8)
        }()
        descriptor = nil
        XCTAssertNotNil(weakRegion, "the bus keeps the region alive")
        bus?.write32(0xA5A5_0001, at: 4)
        XCTAssertEqual(bus?.read32(at: 4), 0xA5A5_0001)
        XCTAssertEqual(Array(fileBytes()[0x1044..<0x1048]), [0x01, 0x00, 0xA5, 0xA5])
        bus = nil
        XCTAssertNil(weakRegion, "the last bus gone, the region is unmapped")
    }

    func testFileBusKeepsTheDescriptorOpen() throws {
        weak var weakDescriptor: OwnedDescriptor?
        weakDescriptor = descriptor
        let bus = try Region(info: RegionInfo(index: 0, size: 0x18, fileOffset: 0x1000, flags: [.read, .write]), device: descriptor).fileBus(size: 0x18)
        descriptor = nil
        XCTAssertNotNil(weakDescriptor, "the bus keeps the descriptor open")
        bus.write16(0xBEEF, at: 2)
        XCTAssertEqual(bus.read16(at: 2), 0xBEEF)
        XCTAssertEqual(Array(fileBytes()[0x1002..<0x1004]), [0xEF, 0xBE])
    }

    /// A 32-bit kernel refuses to map a device file past 4 GiB (EOVERFLOW), where vfio-platform
    /// puts every region but the first: the region is then reached through pread/pwrite; any
    /// other mmap failure is still an error.
    func testARegionTheKernelCannotMapOn32BitIsReadThroughPread() throws {
        let files = ScriptedDeviceFiles()
        files.failingMap = .overflow
        let region = try Region(info: RegionInfo(index: 1, size: 0x1000, fileOffset: 0x1000, flags: [.read, .write, .mmap]), device: descriptor, files: files)
        XCTAssertFalse(region.isMapped)
        try region.write(UInt32(0xCAFE_F00D), at: 0x20)
        XCTAssertEqual(Array(fileBytes()[0x1020..<0x1024]), [0x0D, 0xF0, 0xFE, 0xCA])
        XCTAssertEqual(try region.read(UInt32.self, at: 0x20), 0xCAFE_F00D)
        XCTAssertEqual(files.liveMappings, 0)

        files.failingMap = .noDevice
        XCTAssertThrowsError(try Region(info: RegionInfo(index: 0, size: 0x1000, fileOffset: 0, flags: [.read, .write, .mmap]), device: descriptor, files: files)) { error in
            XCTAssertTrue("\(error)".contains("ENODEV"), "\(error)")
        }
    }
}
