import PlatformTestFixtures
import XCTest
@testable import UIOPlatform
import PlatformCore

/// Reading UIO maps from sysfs: the number formats uio writes, in-page offsets, and maps that
/// are missing or malformed.
final class UIOMapTests: XCTestCase {
    func testNumbersInTheFormsSysfsPrints() {
        XCTAssertEqual(parseSysfsNumber("0x0000000009000000"), 0x900_0000)
        XCTAssertEqual(parseSysfsNumber("0x200\n"), 0x200)
        XCTAssertEqual(parseSysfsNumber("0X1F"), 0x1F)
        XCTAssertEqual(parseSysfsNumber(" 4096 "), 4096)
        XCTAssertEqual(parseSysfsNumber("0"), 0)
        XCTAssertNil(parseSysfsNumber(""))
        XCTAssertNil(parseSysfsNumber("0x"))
        XCTAssertNil(parseSysfsNumber("12ab"), "hex digits need the 0x prefix")
        XCTAssertNil(parseSysfsNumber("0x1g"))
        XCTAssertNil(parseSysfsNumber("0x1_0000_0000_0000_0000"))
        XCTAssertNil(parseSysfsNumber("0x10000000000000000"), "more than 64 bits")
        XCTAssertEqual(parseSysfsNumber("0xffffffffffffffff"), UInt64.max)
    }

    func testMapsAreReadInOrderWithTheirInPageOffsets() throws {
        let sys = try FakeSysfs()
        try sys.addDevice("a000200.virtio_mmio", driver: nil, ofNode: "/virtio_mmio@a000200")
        try sys.addInstance("uio3", device: "a000200.virtio_mmio", maps: [
            .init(address: 0xA00_0000, size: 0x1000, offset: 0x200, name: "virtio_mmio@a000200"),
            .init(address: 0x900_0000, size: 0x2000, offset: 0),
        ])
        let maps = try UIOMap.all(inInstance: sys.paths.sysfs + "/class/uio/uio3")
        XCTAssertEqual(maps, [
            UIOMap(index: 0, address: 0xA00_0000, size: 0x1000, offset: 0x200, name: "virtio_mmio@a000200"),
            UIOMap(index: 1, address: 0x900_0000, size: 0x2000, offset: 0, name: "pl011@9000000"),
        ])
        XCTAssertEqual(maps[0].registerAddress, 0xA00_0200)
        XCTAssertEqual(maps[0].registerSpan, 0xE00)
    }

    func testAMapWithoutOffsetAttributeStartsAtItsPage() throws {
        let sys = try FakeSysfs()
        try sys.addInstance("uio0", device: "9000000.pl011", maps: [.init(address: 0x900_0000, size: 0x1000, offset: 0)])
        try sys.remove("sys/class/uio/uio0/maps/map0/offset")
        XCTAssertEqual(try UIOMap.all(inInstance: sys.paths.sysfs + "/class/uio/uio0").first?.offset, 0)
    }

    func testMalformedOrMissingAttributesNameTheFile() throws {
        let sys = try FakeSysfs()
        try sys.addInstance("uio0", device: "9000000.pl011", maps: [.init(address: 0x900_0000, size: 0x1000, offset: 0)])
        let instance = sys.paths.sysfs + "/class/uio/uio0"
        try sys.writeFile("sys/class/uio/uio0/maps/map0/size", "lots\n")
        XCTAssertThrowsError(try UIOMap.all(inInstance: instance)) { error in
            XCTAssertEqual(error as? DeviceError, .badMap(path: instance + "/maps/map0/size", text: "lots"))
            XCTAssertTrue((error as? DeviceError)?.description.contains("holds \"lots\"") == true, "\(error)")
        }
        try sys.remove("sys/class/uio/uio0/maps/map0/addr")
        XCTAssertThrowsError(try UIOMap.all(inInstance: instance)) { error in
            XCTAssertEqual(error as? DeviceError, .badMap(path: instance + "/maps/map0/addr", text: nil))
        }
        try sys.writeFile("sys/class/uio/uio0/maps/map0/addr", "0x9000000")
        try sys.writeFile("sys/class/uio/uio0/maps/map0/size", "0x100")
        try sys.writeFile("sys/class/uio/uio0/maps/map0/offset", "0x200")
        XCTAssertThrowsError(try UIOMap.all(inInstance: instance), "an offset beyond the map") { error in
            XCTAssertEqual(error as? DeviceError, .badMap(path: instance + "/maps/map0/offset", text: "0x200"))
        }
    }

    func testAnInstanceWithoutMapsHasNone() throws {
        let sys = try FakeSysfs()
        try sys.addInstance("uio0", device: "9000000.pl011", maps: [])
        XCTAssertEqual(try UIOMap.all(inInstance: sys.paths.sysfs + "/class/uio/uio0"), [])
    }
}
