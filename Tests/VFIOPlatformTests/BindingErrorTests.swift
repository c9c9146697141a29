import PlatformTestFixtures
import XCTest
import PlatformCore
@testable import VFIOPlatform

/// The binding and opening error paths, on a fake sysfs tree.
final class BindingErrorTests: XCTestCase {
    private let acknowledged = OpenOptions(allowNoIOMMU: true, bindIfNeeded: true)
    private let pl011 = BusMastering.notMaster(binding: "PL011")

    private func pl011Tree(driver: String? = "uart-pl011") throws -> FakeSysfs {
        let sys = try FakeSysfs()
        try sys.addDriver("uart-pl011", bus: "amba")
        try sys.addDriver("vfio-amba", bus: "amba")
        try sys.addDevice("9000000.pl011", bus: "amba", driver: driver, ofNode: "/pl011@9000000")
        try sys.addVFIOContainer()
        try sys.setNoIOMMUParameter(true)
        return sys
    }

    private func openError(_ sys: FakeSysfs, _ name: String = "9000000.pl011", busMastering: BusMastering? = nil, options: OpenOptions, node: String? = nil) -> DeviceError? {
        do {
            _ = try VFIODevice.open(linuxName: name, busMastering: busMastering ?? pl011, expectedNodePath: node, options: options, paths: sys.paths)
            return nil
        } catch {
            return error
        }
    }

    func testMissingContainerNamesTheKernelOptions() throws {
        let sys = try pl011Tree()
        try FileManager.default.removeItem(at: sys.root.appendingPathComponent("dev/vfio/vfio"))
        let error = openError(sys, options: acknowledged)
        XCTAssertEqual(error, .vfioUnavailable(path: sys.paths.dev + "/vfio/vfio"))
        XCTAssertTrue(error!.description.contains("CONFIG_VFIO_AMBA"))
    }

    func testUnknownDeviceListsWhereItLooked() throws {
        let sys = try pl011Tree()
        let error = openError(sys, "9999000.nothing", options: acknowledged)
        guard case .deviceNotFound(let name, let searched)? = error else { return XCTFail("got \(String(describing: error))") }
        XCTAssertEqual(name, "9999000.nothing")
        XCTAssertEqual(searched, [sys.paths.sysfs + "/bus/platform/devices", sys.paths.sysfs + "/bus/amba/devices"])
    }

    func testNoIOMMUNeedsExplicitAcknowledgementAndTouchesNothing() throws {
        let sys = try pl011Tree()
        let error = openError(sys, options: OpenOptions())
        XCTAssertEqual(error, .noIOMMUNotAcknowledged(device: "9000000.pl011"))
        XCTAssertTrue(error!.description.contains("taints the kernel"))
        XCTAssertEqual(sys.readFile("sys/bus/amba/devices/9000000.pl011/driver_override"), "(null)\n")
        XCTAssertEqual(sys.readFile("sys/bus/amba/drivers/uart-pl011/unbind"), "")
    }

    func testDMAMasterIsRefusedWithoutIOMMUEvenWhenNoIOMMUIsAllowed() throws {
        let sys = try pl011Tree()
        let error = openError(sys, busMastering: .master(binding: "FwCfg"), options: acknowledged)
        XCTAssertEqual(error, .dmaMasterRefused(device: "9000000.pl011", busMastering: .master(binding: "FwCfg"), backend: .vfio))
        XCTAssertTrue(error!.description.contains("binding FwCfg (bus-master: true)"), error!.description)
        XCTAssertEqual(sys.readFile("sys/bus/amba/drivers/uart-pl011/unbind"), "", "nothing may be unbound before refusing")
    }

    func testDeviceNoBindingDescribesIsTreatedAsADMAMaster() throws {
        let sys = try pl011Tree()
        let error = openError(sys, busMastering: .unknown, options: acknowledged)
        XCTAssertEqual(error, .dmaMasterRefused(device: "9000000.pl011", busMastering: .unknown, backend: .vfio))
        XCTAssertTrue(error!.description.hasPrefix("no binding describes 9000000.pl011, so nothing says it is not a DMA bus master"), error!.description)
        XCTAssertTrue(error!.description.contains("OpenOptions.allowDMAMasterWithoutIOMMU"), error!.description)
        XCTAssertEqual(sys.readFile("sys/bus/amba/drivers/uart-pl011/unbind"), "", "nothing may be unbound before refusing")
    }

    func testDMAMasterOptInAllowsTheUnknownDevice() throws {
        let sys = try pl011Tree()
        let options = OpenOptions(allowNoIOMMU: true, allowDMAMasterWithoutIOMMU: true, bindIfNeeded: true)
        // Past the safety rules, the fake driver does not let go: that is the next error.
        XCTAssertEqual(openError(sys, busMastering: .unknown, options: options),
                       .boundToOtherDriver(device: "9000000.pl011", driver: "uart-pl011", unbindPath: sys.paths.sysfs + "/bus/amba/drivers/uart-pl011/unbind"))
    }

    func testOpeningBindsOnlyWhenAsked() throws {
        let sys = try pl011Tree()
        let error = openError(sys, options: OpenOptions(allowNoIOMMU: true))
        XCTAssertEqual(error, .notBound(device: "9000000.pl011", driver: "uart-pl011", wanted: .vfioAMBA))
        XCTAssertTrue(error!.description.contains("not vfio-amba: bind it first (DriverBinder.bind)"), error!.description)
        XCTAssertEqual(sys.readFile("sys/bus/amba/drivers/uart-pl011/unbind"), "", "nothing unbound")
        XCTAssertEqual(sys.readFile("sys/bus/amba/devices/9000000.pl011/driver_override"), "(null)\n", "override untouched")
        XCTAssertFalse(OpenOptions().bindIfNeeded, "binding is off unless named")
    }

    func testDriverThatDoesNotLetGoIsReportedAndOverrideIsCleared() throws {
        let sys = try pl011Tree()
        let error = openError(sys, options: acknowledged)
        XCTAssertEqual(error, .boundToOtherDriver(device: "9000000.pl011", driver: "uart-pl011",
                                                 unbindPath: sys.paths.sysfs + "/bus/amba/drivers/uart-pl011/unbind"))
        XCTAssertEqual(sys.readFile("sys/bus/amba/drivers/uart-pl011/unbind"), "9000000.pl011", "the library asked the driver to let go")
        XCTAssertEqual(sys.readFile("sys/bus/amba/devices/9000000.pl011/driver_override"), "\n", "override cleared again")
        XCTAssertNil(DriverBinder(paths: sys.paths).previousDriver(of: "9000000.pl011"), "no record of a bind that did not happen")
        XCTAssertTrue(FileManager.default.fileExists(atPath: sys.paths.stateDirectory), "the state directory was created on the way")
    }

    func testMissingVFIODriverNamesTheKernelOption() throws {
        let sys = try pl011Tree(driver: nil)
        try FileManager.default.removeItem(at: sys.root.appendingPathComponent("sys/bus/amba/drivers/vfio-amba"))
        let error = openError(sys, options: acknowledged)
        XCTAssertEqual(error, .driverMissing(driver: "vfio-amba", bus: .amba))
        XCTAssertTrue(error!.description.contains("CONFIG_VFIO_AMBA"))
    }

    func testProbeThatLeavesNoGroupWithParameterOffIsNoIOMMUModeOff() throws {
        let sys = try pl011Tree(driver: nil)
        try sys.setNoIOMMUParameter(false)
        let error = openError(sys, options: acknowledged)
        XCTAssertEqual(error, .noIOMMUModeOff(device: "9000000.pl011"))
        XCTAssertTrue(error!.description.contains("vfio.enable_unsafe_noiommu_mode=1"))
        XCTAssertEqual(sys.readFile("sys/bus/amba/drivers_probe"), "9000000.pl011")
    }

    func testProbeThatFailsOtherwiseIsBindFailed() throws {
        let sys = try pl011Tree(driver: nil)
        let error = openError(sys, options: acknowledged)
        XCTAssertEqual(error, .bindFailed(device: "9000000.pl011", wanted: "vfio-amba", actual: nil))
        XCTAssertTrue(error!.description.contains("reset_required=0"))
    }

    func testOfNodeMismatchMeansTheWrongDTB() throws {
        let sys = try pl011Tree()
        let error = openError(sys, options: acknowledged, node: "/soc/serial@9000000")
        XCTAssertEqual(error, .ofNodeMismatch(device: "9000000.pl011", expected: "/soc/serial@9000000", found: "/pl011@9000000"))
    }

    func testBoundDeviceWithoutGroupFileIsNoIOMMUModeOff() throws {
        let sys = try FakeSysfs()
        try sys.addDriver("vfio-amba", bus: "amba")
        try sys.addDevice("9000000.pl011", bus: "amba", driver: "vfio-amba", ofNode: "/pl011@9000000", iommuGroup: "0")
        try sys.addVFIOContainer()
        XCTAssertEqual(openError(sys, options: acknowledged), .noIOMMUModeOff(device: "9000000.pl011"))
    }

    func testFailedBindPutsBackTheDevicesOwnOverride() throws {
        let sys = try pl011Tree(driver: nil)
        try sys.writeFile("sys/bus/amba/devices/9000000.pl011/driver_override", "keep\n")
        let error = openError(sys, options: acknowledged)
        XCTAssertEqual(error, .bindFailed(device: "9000000.pl011", wanted: "vfio-amba", actual: nil))
        XCTAssertEqual(sys.readFile("sys/bus/amba/devices/9000000.pl011/driver_override"), "keep\n", "the override the device had")
        XCTAssertFalse(DriverBinder(paths: sys.paths).hasRecord(of: "9000000.pl011"))
    }

    /// A device on vfio-amba with `record` as its state file; returns the sysfs after release.
    private func released(record: String) throws -> FakeSysfs {
        let sys = try FakeSysfs()
        try sys.addDriver("uart-pl011", bus: "amba")
        try sys.addDriver("vfio-amba", bus: "amba")
        try sys.addDevice("9000000.pl011", bus: "amba", driver: "vfio-amba", ofNode: "/pl011@9000000")
        try sys.writeFile("run/9000000.pl011.driver", record)
        try DriverBinder(paths: sys.paths).release(try DeviceLocator(paths: sys.paths).device(named: "9000000.pl011"))
        XCTAssertEqual(sys.readFile("sys/bus/amba/drivers/vfio-amba/unbind"), "9000000.pl011")
        XCTAssertFalse(DriverBinder(paths: sys.paths).hasRecord(of: "9000000.pl011"), "the record is gone once released")
        return sys
    }

    func testReleaseWithoutPreviousDriverOrOverrideLeavesTheDeviceAlone() throws {
        let sys = try released(record: "\n\n")
        XCTAssertEqual(sys.readFile("sys/bus/amba/devices/9000000.pl011/driver_override"), "\n", "no override")
        XCTAssertEqual(sys.readFile("sys/bus/amba/drivers_probe"), "", "no driver had it: none is asked to probe")
        XCTAssertEqual(sys.readFile("sys/bus/amba/drivers/uart-pl011/bind"), "")
    }

    func testReleaseWithoutPreviousDriverPutsBackItsOverride() throws {
        let sys = try released(record: "\nkeep\n")
        XCTAssertEqual(sys.readFile("sys/bus/amba/devices/9000000.pl011/driver_override"), "keep\n")
        XCTAssertEqual(sys.readFile("sys/bus/amba/drivers_probe"), "")
    }

    func testReleaseBindsThePreviousDriverItselfAndNoOverride() throws {
        let sys = try released(record: "uart-pl011\n\n")
        XCTAssertEqual(sys.readFile("sys/bus/amba/drivers/uart-pl011/bind"), "9000000.pl011", "bound through its own bind file")
        XCTAssertEqual(sys.readFile("sys/bus/amba/devices/9000000.pl011/driver_override"), "\n")
    }

    func testReleaseGivesTheDeviceBackToItsPreviousDriver() throws {
        let sys = try FakeSysfs()
        try sys.addDriver("uart-pl011", bus: "amba")
        try sys.addDriver("vfio-amba", bus: "amba")
        try sys.addDevice("9000000.pl011", bus: "amba", driver: "vfio-amba", ofNode: "/pl011@9000000")
        try sys.writeFile("run/9000000.pl011.driver", "uart-pl011\n\n")
        let binder = DriverBinder(paths: sys.paths)
        XCTAssertEqual(binder.previousDriver(of: "9000000.pl011"), "uart-pl011")
        XCTAssertNil(binder.previousOverride(of: "9000000.pl011"))
        let device = try DeviceLocator(paths: sys.paths).device(named: "9000000.pl011")
        try binder.release(device)
        XCTAssertEqual(sys.readFile("sys/bus/amba/drivers/vfio-amba/unbind"), "9000000.pl011")
        XCTAssertEqual(sys.readFile("sys/bus/amba/devices/9000000.pl011/driver_override"), "\n")
        XCTAssertEqual(sys.readFile("sys/bus/amba/drivers/uart-pl011/bind"), "9000000.pl011")
        XCTAssertNil(binder.previousDriver(of: "9000000.pl011"), "the record is gone once released")
    }

    func testReleasePutsBackTheOverrideThePreviousDriverWasBoundBy() throws {
        let sys = try FakeSysfs()
        try sys.addDriver("uio_pdrv_genirq", bus: "platform")
        try sys.addDriver("vfio-platform", bus: "platform")
        try sys.addDevice("9020000.fw-cfg", bus: "platform", driver: "vfio-platform", ofNode: "/fw-cfg@9020000")
        try sys.writeFile("run/9020000.fw-cfg.driver", "uio_pdrv_genirq\nuio_pdrv_genirq\n")
        let device = try DeviceLocator(paths: sys.paths).device(named: "9020000.fw-cfg")
        try DriverBinder(paths: sys.paths).release(device)
        XCTAssertEqual(sys.readFile("sys/bus/platform/devices/9020000.fw-cfg/driver_override"), "uio_pdrv_genirq\n")
        XCTAssertEqual(sys.readFile("sys/bus/platform/drivers/uio_pdrv_genirq/bind"), "9020000.fw-cfg")
    }

    func testReleaseWithoutRecordLetsTheKernelChoose() throws {
        let sys = try FakeSysfs()
        try sys.addDriver("vfio-platform", bus: "platform")
        try sys.addDevice("9020000.fw-cfg", bus: "platform", driver: "vfio-platform", ofNode: "/fw-cfg@9020000")
        try DriverBinder(paths: sys.paths).release(try DeviceLocator(paths: sys.paths).device(named: "9020000.fw-cfg"))
        XCTAssertEqual(sys.readFile("sys/bus/platform/devices/9020000.fw-cfg/driver_override"), "\n")
        XCTAssertEqual(sys.readFile("sys/bus/platform/drivers_probe"), "9020000.fw-cfg")
    }

    func testLocatorReadsDriverGroupAndNode() throws {
        let sys = try FakeSysfs()
        try sys.addDriver("vfio-platform", bus: "platform")
        try sys.addDevice("9020000.fw-cfg", bus: "platform", driver: "vfio-platform", ofNode: "/fw-cfg@9020000", iommuGroup: "3")
        let device = try DeviceLocator(paths: sys.paths).device(named: "9020000.fw-cfg")
        XCTAssertEqual(device.bus, .platform)
        XCTAssertEqual(device.driver, "vfio-platform")
        XCTAssertEqual(device.iommuGroup, "3")
        XCTAssertEqual(device.ofNodePath, "/fw-cfg@9020000")
        XCTAssertNil(device.driverOverride)
        XCTAssertTrue(device.isBoundToVFIO)
    }
}
