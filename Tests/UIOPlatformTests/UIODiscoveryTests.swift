import PlatformTestFixtures
import XCTest
@testable import UIOPlatform
import PlatformCore

/// Finding a device's UIO instance through sysfs.
final class UIODiscoveryTests: XCTestCase {
    func testInstanceIsFoundUnderTheDeviceAndDescribedFromItsClassDirectory() throws {
        let sys = try FakeSysfs.boundPL011()
        try sys.writeFile("sys/class/uio/uio0/event", "17\n")
        let device = try DeviceLocator(paths: sys.paths).device(named: "9000000.pl011")
        let instance = try XCTUnwrap(UIOInstance.find(for: device, paths: sys.paths))
        XCTAssertEqual(instance.name, "uio0")
        XCTAssertEqual(instance.classPath, sys.paths.sysfs + "/class/uio/uio0")
        XCTAssertEqual(instance.devicePath, sys.paths.dev + "/uio0")
        XCTAssertEqual(instance.label, "pl011")
        XCTAssertEqual(instance.version, "devicetree")
        XCTAssertEqual(instance.numbers, "247:0")
        XCTAssertEqual(instance.eventCount(), 17)
        XCTAssertEqual(try instance.maps().count, 1)
    }

    func testDeviceWithoutInstanceIsATypedError() throws {
        let sys = try FakeSysfs()
        try sys.addDriver("uio_pdrv_genirq")
        try sys.addDevice("9000000.pl011", driver: "uio_pdrv_genirq", ofNode: "/pl011@9000000")
        try sys.makeDirectory("sys/bus/platform/devices/9000000.pl011/uio/power")
        let device = try DeviceLocator(paths: sys.paths).device(named: "9000000.pl011")
        XCTAssertNil(UIOInstance.find(for: device, paths: sys.paths), "only uioN entries are instances")
        XCTAssertThrowsError(try UIOInstance.of(device, paths: sys.paths)) { error in
            XCTAssertEqual(error as? DeviceError, .noUIOInstance(device: "9000000.pl011", searched: device.sysfsPath + "/uio"))
        }
    }

    func testInstanceNames() {
        XCTAssertTrue(UIOInstance.isInstanceName("uio0"))
        XCTAssertTrue(UIOInstance.isInstanceName("uio12"))
        XCTAssertFalse(UIOInstance.isInstanceName("uio"))
        XCTAssertFalse(UIOInstance.isInstanceName("uiox"))
        XCTAssertFalse(UIOInstance.isInstanceName("power"))
    }
}
