import PlatformTestFixtures
import XCTest
@testable import PlatformCore

/// The fixes doctor gives, read from how the running kernel was built: a distribution kernel
/// without the drivers (Debian 12's 6.1), one with them as modules, ours with everything built
/// in, and a system that says nothing.
final class KernelBuildTests: XCTestCase {
    /// Debian 12's linux-image-6.1.0-57-arm64, as far as these drivers go: VFIO and UIO cores
    /// are modules; vfio-platform, vfio-amba, no-IOMMU and uio_pdrv_genirq are not built.
    private func debian61() throws -> FakeSysfs {
        let sys = try FakeSysfs()
        let release = "6.1.0-57-arm64"
        try sys.setKernelRelease(release)
        try sys.installConfiguration(release: release, [
            ("CONFIG_VFIO", "m"), ("CONFIG_VFIO_IOMMU_TYPE1", "m"), ("CONFIG_VFIO_NOIOMMU", nil),
            ("CONFIG_VFIO_PLATFORM", nil), ("CONFIG_UIO", "m"), ("CONFIG_UIO_PDRV_GENIRQ", nil), ("CONFIG_UIO_DMEM_GENIRQ", nil),
        ])
        try sys.installModuleIndex(release: release, loadable: [
            "kernel/drivers/vfio/vfio.ko", "kernel/drivers/vfio/vfio_iommu_type1.ko", "kernel/drivers/uio/uio.ko",
        ], builtIn: ["kernel/drivers/tty/serial/amba-pl011.ko"])
        return sys
    }

    func testADistributionKernelWithoutTheDriverSaysSoAndNamesTheModuleToBuild() throws {
        let sys = try debian61()
        let build = KernelBuild(paths: sys.paths)
        XCTAssertEqual(build.release, "6.1.0-57-arm64")
        let uio = build.remedy(for: .uioGenericIRQ)
        guard case .notBuilt(let release, let missing, let module, let evidence) = uio else { return XCTFail("\(uio)") }
        XCTAssertEqual(release, "6.1.0-57-arm64")
        XCTAssertEqual(missing, ["CONFIG_UIO_PDRV_GENIRQ"], "CONFIG_UIO is a module: only the driver's own option is missing")
        XCTAssertEqual(module, "uio_pdrv_genirq")
        XCTAssertTrue(evidence.hasSuffix("/boot/config-6.1.0-57-arm64"), evidence)
        XCTAssertTrue(uio.description.contains("no modprobe can load it"), uio.description)
        XCTAssertTrue(uio.description.contains("linux-headers-6.1.0-57-arm64"), uio.description)
        XCTAssertFalse(uio.description.contains("modprobe uio_pdrv_genirq"), "the advice that leads nowhere: \(uio.description)")
        XCTAssertEqual(build.remedy(for: .vfioAMBA), .notBuilt(release: "6.1.0-57-arm64", missing: ["CONFIG_VFIO_PLATFORM", "CONFIG_VFIO_AMBA"],
                                                             module: "vfio_amba", evidence: build.configuration!.source))
    }

    func testTheContainerOfA61KernelIsOneModuleAndItsOptionsAreThatVersions() throws {
        let sys = try debian61()
        let build = KernelBuild(paths: sys.paths)
        XCTAssertEqual(build.containerOptions, ["CONFIG_VFIO"], "CONFIG_VFIO_GROUP and CONFIG_VFIO_CONTAINER came with 6.2")
        XCTAssertEqual(build.containerRemedy, .loadModule("vfio"))
        XCTAssertEqual(build.containerRemedy.description, "this kernel has it as a module: `modprobe vfio`")
        XCTAssertEqual(build.noIOMMURemedy, .notBuilt(release: "6.1.0-57-arm64", missing: ["CONFIG_VFIO_NOIOMMU"], module: nil,
                                                       evidence: build.configuration!.source))
    }

    func testAModuleTheKernelHasIsLoadedWithModprobeEvenUnderAnotherSpelling() throws {
        let sys = try FakeSysfs()
        try sys.setKernelRelease("6.12.48+deb13-arm64")
        try sys.installModuleIndex(release: "6.12.48+deb13-arm64", loadable: [
            "kernel/drivers/uio/uio_pdrv_genirq.ko.xz", "kernel/drivers/vfio/platform/vfio-platform.ko.xz",
        ], builtIn: [])
        let build = KernelBuild(paths: sys.paths)
        XCTAssertNil(build.configuration)
        XCTAssertEqual(build.remedy(for: .uioGenericIRQ), .loadModule("uio_pdrv_genirq"))
        XCTAssertEqual(build.remedy(for: .vfioPlatform), .loadModule("vfio_platform"), "modules.dep spells it vfio-platform")
        XCTAssertEqual(build.remedy(for: .vfioAMBA), .notBuilt(release: "6.12.48+deb13-arm64", missing: [], module: "vfio_amba",
                                                             evidence: "not in " + sys.paths.modules + "/6.12.48+deb13-arm64/modules.dep or modules.builtin"))
        XCTAssertEqual(build.containerOptions, ["CONFIG_VFIO", "CONFIG_VFIO_GROUP", "CONFIG_VFIO_CONTAINER"])
    }

    func testAKernelWithEverythingBuiltInAndASystemThatSaysNothingGetTheGeneralFix() throws {
        let ours = try FakeSysfs()
        try ours.setKernelRelease("6.12.57")
        try ours.installConfiguration(release: "6.12.57", [("CONFIG_UIO", "y"), ("CONFIG_UIO_PDRV_GENIRQ", "y")])
        XCTAssertEqual(KernelBuild(paths: ours.paths).remedy(for: .uioGenericIRQ), .general(UserspaceDriver.uioGenericIRQ.howToGet))
        let empty = try FakeSysfs()
        let silent = KernelBuild(paths: empty.paths)
        XCTAssertNil(silent.release)
        XCTAssertEqual(silent.remedy(for: .vfioPlatform), .general(UserspaceDriver.vfioPlatform.howToGet))
        XCTAssertEqual(silent.containerOptions, VFIOKernelSupport.containerOptions)
    }

    func testConfigurationLinesAreReadAsKconfigWritesThem() {
        let configuration = KernelConfiguration(text: """
            # comment
            CONFIG_A=y
            CONFIG_B=m
            # CONFIG_C is not set
            CONFIG_D="text"
            CONFIG_E=0x10
            """, source: "test")
        XCTAssertEqual(configuration.setting(of: "CONFIG_A"), .builtIn)
        XCTAssertEqual(configuration.setting(of: "CONFIG_B"), .module)
        XCTAssertEqual(configuration.setting(of: "CONFIG_C"), .off)
        XCTAssertTrue(configuration.mentions("CONFIG_C"))
        XCTAssertEqual(configuration.setting(of: "CONFIG_D"), .builtIn)
        XCTAssertEqual(configuration.setting(of: "CONFIG_E"), .builtIn)
        XCTAssertEqual(configuration.setting(of: "CONFIG_MISSING"), .off)
        XCTAssertFalse(configuration.mentions("CONFIG_MISSING"))
        XCTAssertEqual(configuration.missing(["CONFIG_A", "CONFIG_C", "CONFIG_MISSING"]), ["CONFIG_C", "CONFIG_MISSING"])
    }
}
