import PlatformTestFixtures
import XCTest
import PlatformCore
import Registers
@testable import VFIOPlatform

/// Container, group and device setup, region and interrupt enumeration, and each of their
/// failures, driven through the syscall seam (`VFIOSystemCalls`) with a scripted kernel.
final class VFIOSetupTests: XCTestCase {
    private let acknowledged = OpenOptions(allowNoIOMMU: true)
    private let pl011 = BusMastering.notMaster(binding: "PL011")

    private func boundPL011(noIOMMU: Bool = true) throws -> FakeSysfs {
        let sys = try FakeSysfs()
        try sys.addVFIOBoundDevice("9000000.pl011", ofNode: "/pl011@9000000", noIOMMU: noIOMMU)
        return sys
    }

    private func open(_ sys: FakeSysfs, _ kernel: ScriptedVFIOSystem, options: OpenOptions? = nil) throws -> VFIODevice {
        try VFIODevice.open(linuxName: "9000000.pl011", busMastering: pl011, options: options ?? acknowledged, paths: sys.paths, system: kernel)
    }

    private func openError(_ sys: FakeSysfs, _ kernel: ScriptedVFIOSystem, options: OpenOptions? = nil) -> DeviceError? {
        do { _ = try open(sys, kernel, options: options); return nil } catch { return error as? DeviceError }
    }

    func testNoIOMMUSetupRunsInTheKernelsOrderAndEnumeratesEverything() throws {
        let sys = try boundPL011()
        let kernel = try ScriptedVFIOSystem()
        kernel.regions = [.init(size: 0x1000, offset: 0), .init(flags: [.read, .write], size: 0x18, offset: 0x2000)]
        kernel.interrupts = [([.eventfd, .maskable, .automasked], 1), ([.eventfd], 1)]
        let device = try open(sys, kernel)
        XCTAssertEqual(kernel.calls.map(\.description), [
            "open container", "GET_API_VERSION", "open group", "GROUP_GET_STATUS", "GROUP_SET_CONTAINER",
            "CHECK_EXTENSION(no-IOMMU)", "SET_IOMMU(no-IOMMU)", "GROUP_GET_DEVICE_FD(9000000.pl011)", "DEVICE_GET_INFO",
            "GET_REGION_INFO(0)", "mmap(0x0)", "GET_REGION_INFO(1)", "GET_IRQ_INFO(0)", "GET_IRQ_INFO(1)",
        ])
        XCTAssertTrue(device.isNoIOMMU)
        XCTAssertTrue(device.isAMBA)
        XCTAssertEqual(device.group.container?.model, .noIOMMU)
        XCTAssertEqual(device.regionCount, 2)
        XCTAssertTrue(device.regions[0].isMapped)
        XCTAssertFalse(device.regions[1].isMapped, "a region without the mmap flag is reached through pread/pwrite")
        XCTAssertEqual(try device.regionSize(1), 0x18)
        XCTAssertEqual(device.interruptInfos.map(\.isAutomasked), [true, false])
    }

    func testRegisterWritesLandInTheMappingTheKernelGave() throws {
        let sys = try boundPL011()
        let kernel = try ScriptedVFIOSystem()
        let device = try open(sys, kernel)
        let bus = try device.registerBus(region: 0, offset: 0, size: 0x1000)
        bus.write32(0x301, at: 0x30)
        XCTAssertEqual(kernel.mapping(at: 0)!.load(fromByteOffset: 0x30, as: UInt32.self), 0x301)
    }

    func testMappingsAreUndoneWhenTheLastHolderGoes() throws {
        let sys = try boundPL011()
        let kernel = try ScriptedVFIOSystem()
        var device: VFIODevice? = try open(sys, kernel)
        var bus: MappedRegisterBus? = try device!.registerBus(region: 0, offset: 0, size: 0x100)
        device = nil
        XCTAssertEqual(kernel.liveMappings, 1, "a register bus keeps its region mapped")
        XCTAssertNotNil(bus)
        bus = nil
        XCTAssertEqual(kernel.liveMappings, 0)
        XCTAssertEqual(kernel.calls.last, .unmap)
    }

    func testARealIOMMUGroupGetsType1v2() throws {
        let sys = try boundPL011(noIOMMU: false)
        let kernel = try ScriptedVFIOSystem()
        kernel.iommuTypes = [.type1, .type1v2]
        let device = try open(sys, kernel, options: OpenOptions())
        XCTAssertFalse(device.isNoIOMMU)
        XCTAssertTrue(kernel.calls.contains(.setIOMMU(.type1v2)))
        XCTAssertEqual(device.group.container?.model, .type1)
    }

    func testBusyGroupNamesTheGroup() throws {
        let sys = try boundPL011()
        let kernel = try ScriptedVFIOSystem()
        kernel.failing = (.openGroup, .busy)
        XCTAssertEqual(openError(sys, kernel), .groupBusy(group: "0"))
        kernel.failing = (.deviceDescriptor("9000000.pl011"), .busy)
        XCTAssertEqual(openError(sys, kernel), .groupBusy(group: "0"))
    }

    func testPermissionDenialNamesTheGroupFileAndTheFix() throws {
        let sys = try boundPL011()
        let kernel = try ScriptedVFIOSystem()
        // EPERM: the no-IOMMU group's CAP_SYS_RAWIO check (drivers/vfio/group.c).
        kernel.failing = (.openGroup, .notPermitted)
        let capability = openError(sys, kernel)
        XCTAssertEqual(capability, .permissionDenied(path: sys.paths.dev + "/vfio/noiommu-0", noIOMMU: true))
        XCTAssertTrue(capability!.description.contains("setcap cap_sys_rawio+ep PROGRAM"), capability!.description)
        // EACCES: the node's mode; CAP_SYS_RAWIO would not help, a grant does.
        kernel.failing = (.openGroup, .accessDenied)
        let mode = openError(sys, kernel)
        XCTAssertEqual(mode, .permissionDenied(path: sys.paths.dev + "/vfio/noiommu-0", noIOMMU: false))
        XCTAssertTrue(mode!.description.contains("`vfioctl grant DEVICE --user USER`"), mode!.description)
        kernel.failing = (.openContainer, .accessDenied)
        XCTAssertEqual(openError(sys, kernel), .permissionDenied(path: sys.paths.dev + "/vfio/vfio", noIOMMU: false))
    }

    func testContainerWithoutNoIOMMUNamesTheKernelOption() throws {
        let sys = try boundPL011()
        let kernel = try ScriptedVFIOSystem()
        kernel.iommuTypes = [.type1v2]
        let error = openError(sys, kernel)
        XCTAssertEqual(error, .iommuTypeUnsupported(.noIOMMU))
        XCTAssertTrue(error!.description.contains("CONFIG_VFIO_NOIOMMU"), error!.description)
        XCTAssertFalse(kernel.calls.contains { if case .setIOMMU = $0 { return true }; return false })
    }

    func testNoIOMMUGroupIsRefusedUntilAcknowledgedBeforeTheKernelIsAsked() throws {
        let sys = try boundPL011()
        let kernel = try ScriptedVFIOSystem()
        XCTAssertEqual(openError(sys, kernel, options: OpenOptions()), .noIOMMUNotAcknowledged(device: "9000000.pl011"))
        XCTAssertEqual(kernel.calls, [], "refused before any VFIO call")
    }

    func testGroupThatIsNotViableNamesTheGroup() throws {
        let sys = try boundPL011()
        let kernel = try ScriptedVFIOSystem()
        kernel.groupFlags = []
        XCTAssertEqual(openError(sys, kernel), .groupNotViable(group: "0"))
    }

    func testOtherAPIVersionIsRefused() throws {
        let sys = try boundPL011()
        let kernel = try ScriptedVFIOSystem()
        kernel.apiVersion = 1
        XCTAssertEqual(openError(sys, kernel), .unsupportedAPIVersion(1))
        XCTAssertEqual(kernel.calls, [.openContainer, .apiVersion])
    }

    func testEachFailingEnumerationCallIsNamedWithItsIndexAndErrno() throws {
        let sys = try boundPL011()
        let kernel = try ScriptedVFIOSystem()
        kernel.regions = [.init(), .init(offset: 0x1_0000_0000)]
        let cases: [(ScriptedVFIOSystem.Step, String)] = [
            (.groupStatus, "VFIO_GROUP_GET_STATUS on"), (.setContainer, "VFIO_GROUP_SET_CONTAINER for group 0"),
            (.setIOMMU(.noIOMMU), "VFIO_SET_IOMMU(no-IOMMU)"), (.deviceInfo, "VFIO_DEVICE_GET_INFO on 9000000.pl011"),
            (.regionInfo(1), "VFIO_DEVICE_GET_REGION_INFO(1) on 9000000.pl011"), (.map(offset: 0x1_0000_0000), "mmap region 1"),
            (.interruptInfo(0), "VFIO_DEVICE_GET_IRQ_INFO(0) on 9000000.pl011"),
        ]
        for (step, operation) in cases {
            kernel.failing = (step, .invalidArgument)
            guard case .systemCall(let named, let errno)? = openError(sys, kernel) else { XCTFail("\(step) did not fail the open"); continue }
            XCTAssertTrue(named.text.hasPrefix(operation), "\(step): \(named.text)")
            XCTAssertEqual(errno, .invalidArgument)
            XCTAssertEqual(kernel.liveMappings, 0, "\(step): a failed open leaves nothing mapped")
        }
    }

    func testDeviceWithoutTheRegionADriverNeedsIsAClearError() throws {
        let sys = try boundPL011()
        let kernel = try ScriptedVFIOSystem()
        kernel.regions = []
        let device = try open(sys, kernel)
        XCTAssertThrowsError(try device.registerBus(region: 0, offset: 0, size: 0x1000)) {
            XCTAssertEqual($0 as? DeviceError, .noSuchRegion(index: 0, count: 0))
        }
        kernel.regions = [.init(flags: [.read, .write], size: 0x18)]
        let small = try open(sys, kernel)
        XCTAssertThrowsError(try small.registerBus(region: 0, offset: 0, size: 0x18)) {
            XCTAssertEqual($0 as? DeviceError, .regionNotMapped(index: 0, size: 0x18))
        }
        XCTAssertNoThrow(try small.fileAccess.registerBus(region: 0, offset: 0, size: 0x18))
    }

    func testInterruptIsConnectedRearmedAndDisconnectedThroughTheSeam() throws {
        let sys = try boundPL011()
        let kernel = try ScriptedVFIOSystem()
        let device = try open(sys, kernel)
        var line: InterruptLine? = try device.interrupt(0)
        XCTAssertEqual(kernel.calls.last, .setTrigger(0, connected: true))
        XCTAssertEqual(try line!.wait(milliseconds: 0), 0)
        kernel.fire(interrupt: 0)
        XCTAssertEqual(try line!.wait(milliseconds: 1000), 1)
        try line!.rearm()
        XCTAssertEqual(kernel.calls.last, .setMasked(0, false))
        line = nil
        XCTAssertEqual(kernel.calls.last, .setTrigger(0, connected: false), "a dropped line tears its trigger down")
    }

    func testInterruptWithoutEventfdSupportAndFailedTriggerAreNamed() throws {
        let sys = try boundPL011()
        let kernel = try ScriptedVFIOSystem()
        kernel.interrupts = [([.maskable], 1), ([.eventfd], 1)]
        let device = try open(sys, kernel)
        XCTAssertThrowsError(try device.interrupt(0)) {
            XCTAssertEqual($0 as? DeviceError, .interruptCapability(index: 0, missing: .eventfd))
        }
        kernel.failing = (.setTrigger(1, connected: true), .invalidArgument)
        XCTAssertThrowsError(try device.interrupt(1)) {
            guard case .systemCall(let operation, let errno)? = $0 as? DeviceError else { return XCTFail("\($0)") }
            XCTAssertEqual(operation.text, "VFIO_DEVICE_SET_IRQS(TRIGGER, 1) on 9000000.pl011")
            XCTAssertEqual(errno, .invalidArgument)
        }
        // EBUSY: vfio-platform could not request the line at bind time (a kernel driver holds it).
        kernel.failing = (.setTrigger(1, connected: true), .busy)
        XCTAssertThrowsError(try device.interrupt(1)) {
            XCTAssertEqual($0 as? DeviceError, .interruptHeldElsewhere(device: "9000000.pl011", index: 1))
            XCTAssertTrue(($0 as? DeviceError)?.description.contains("/proc/interrupts names it") ?? false)
        }
        XCTAssertThrowsError(try device.interrupt(2)) { XCTAssertEqual($0 as? DeviceError, .noSuchInterrupt(index: 2, count: 2)) }
    }

    func testResetOnlyWhenTheKernelOffersIt() throws {
        let sys = try boundPL011()
        let kernel = try ScriptedVFIOSystem()
        let amba = try open(sys, kernel)
        XCTAssertThrowsError(try amba.reset()) { XCTAssertEqual($0 as? DeviceError, .resetUnsupported(device: "9000000.pl011")) }
        XCTAssertFalse(kernel.calls.contains(.reset))
        kernel.deviceFlags = [.platform, .reset]
        let platform = try open(sys, kernel)
        try platform.reset()
        XCTAssertEqual(kernel.calls.last, .reset)
    }
}
