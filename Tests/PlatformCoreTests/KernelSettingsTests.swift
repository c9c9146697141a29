import PlatformCore
import PlatformTestFixtures
import XCTest

/// What the kernel settings read from sysfs: each parameter as it stands, and absent when its
/// module is (what `vfioctl doctor` reports and opening checks).
final class KernelSettingsTests: XCTestCase {
    func testModuleParametersAndIOMMUsAreReadAsTheyStand() throws {
        let sysfs = try FakeSysfs()
        try sysfs.writeFile("sys/module/vfio/parameters/enable_unsafe_noiommu_mode", "Y\n")
        try sysfs.writeFile("sys/module/vfio_platform/parameters/reset_required", "N\n")
        try sysfs.makeDirectory("sys/class/iommu")
        var settings = KernelSettings(paths: sysfs.paths)
        XCTAssertEqual(settings.noIOMMUMode, true)
        XCTAssertEqual(settings.resetRequired, false)
        XCTAssertEqual(settings.iommuCount, 0)
        XCTAssertTrue(settings.needsNoIOMMUMode)
        XCTAssertTrue(DriverBinder(paths: sysfs.paths).noIOMMUModeIsOff() == false)

        try sysfs.writeFile("sys/module/vfio/parameters/enable_unsafe_noiommu_mode", "N\n")
        try sysfs.makeDirectory("sys/class/iommu/smmu0")
        settings = KernelSettings(paths: sysfs.paths)
        XCTAssertEqual(settings.noIOMMUMode, false)
        XCTAssertEqual(settings.iommuCount, 1)
        XCTAssertFalse(settings.needsNoIOMMUMode)
        XCTAssertTrue(DriverBinder(paths: sysfs.paths).noIOMMUModeIsOff())
    }

    func testAbsentModulesReadAsUnknownNotAsOff() throws {
        let sysfs = try FakeSysfs()
        let settings = KernelSettings(paths: sysfs.paths)
        XCTAssertNil(settings.noIOMMUMode, "no vfio module: the mode is unknown, not off")
        XCTAssertNil(settings.resetRequired)
        XCTAssertFalse(settings.deviceTreeReadable)
        XCTAssertFalse(DriverBinder(paths: sysfs.paths).noIOMMUModeIsOff(), "an unreadable parameter is not reported as off")
        XCTAssertTrue(KernelSettings.howToEnableNoIOMMU.contains("CONFIG_VFIO_NOIOMMU=y and boot with vfio.enable_unsafe_noiommu_mode=1"))
    }
}
