import PlatformTestFixtures
import XCTest
import Peripherals
import PlatformBackends
import Registers
@testable import PlatformCore
import UIOPlatform
import VFIOPlatform

/// Choosing between vfio and UIO from what the kernel offers, and one driver type over both.
/// (The command-line form of the choice is ProgramSupport's, tested there.)
final class BackendChoiceTests: XCTestCase {
    private func device(_ bus: PlatformBus, driver: String? = nil) -> LinuxDevice {
        LinuxDevice(name: "9000000.pl011", bus: bus, sysfsPath: "/sys/bus/\(bus.rawValue)/devices/9000000.pl011", driver: driver)
    }

    func testAutoPrefersVFIOWhenItsDriverForTheBusIsThere() {
        let everything = BackendAvailability(vfioContainer: true, vfioPlatform: true, vfioAMBA: true, uioGenIRQ: true)
        XCTAssertEqual(everything.backend(for: device(.platform)), .vfio)
        XCTAssertEqual(everything.backend(for: device(.amba)), .vfio)
        XCTAssertEqual(everything.backend(for: device(.platform, driver: "uio_pdrv_genirq")), .vfio,
                       "vfio is there: the device moves to it, and release gives it back to uio_pdrv_genirq")
        XCTAssertEqual(everything.backend(for: device(.platform), choice: .uio), .uio)
    }

    func testWithoutVFIOPlatformDevicesGoToUIOAndAmbaDevicesToNothing() {
        let uioOnly = BackendAvailability(vfioContainer: true, vfioPlatform: false, vfioAMBA: false, uioGenIRQ: true)
        XCTAssertEqual(uioOnly.backend(for: device(.platform)), .uio)
        XCTAssertNil(uioOnly.backend(for: device(.amba)))
        let text = uioOnly.missing(for: .amba)
        XCTAssertTrue(text.contains("CONFIG_VFIO_AMBA"), text)
        XCTAssertTrue(text.contains("drops \"arm,primecell\""), text)
        let noContainer = BackendAvailability(vfioContainer: false, vfioPlatform: true, vfioAMBA: true, uioGenIRQ: false)
        XCTAssertNil(noContainer.backend(for: device(.platform)), "vfio-platform without /dev/vfio/vfio serves nothing")
        let platformText = noContainer.missing(for: .platform)
        XCTAssertTrue(platformText.contains("CONFIG_UIO_PDRV_GENIRQ") && platformText.contains("modprobe uio_pdrv_genirq"), platformText)
        XCTAssertTrue(platformText.contains("modprobe vfio`"), platformText)
    }

    func testAvailabilityIsReadFromSysfs() throws {
        let sys = try FakeSysfs()
        XCTAssertEqual(BackendAvailability(paths: sys.paths), BackendAvailability(vfioContainer: false, vfioPlatform: false, vfioAMBA: false, uioGenIRQ: false))
        try sys.addDriver("uio_pdrv_genirq")
        try sys.addDriver("vfio-amba", bus: "amba")
        try sys.writeFile("dev/vfio/vfio", "")
        XCTAssertEqual(BackendAvailability(paths: sys.paths), BackendAvailability(vfioContainer: true, vfioPlatform: false, vfioAMBA: true, uioGenIRQ: true))
    }

    func testNoBackendNamesWhatIsMissing() throws {
        let sys = try FakeSysfs()
        try sys.addDriver("uio_pdrv_genirq")
        try sys.addDevice("9000000.pl011", bus: "amba", driver: nil, ofNode: "/pl011@9000000")
        XCTAssertThrowsError(try BackendDevice.open(linuxName: "9000000.pl011", busMastering: .notMaster(binding: "PL011"), paths: sys.paths)) { error in
            guard case .noBackend(let name, let bus, _)? = error as? DeviceError else { return XCTFail("\(error)") }
            XCTAssertEqual(name, "9000000.pl011")
            XCTAssertEqual(bus, .amba)
            XCTAssertTrue("\(error)".contains("UIO cannot bind amba"), "\(error)")
        }
    }

    func testAutoOpensThroughUIOAndADriverRunsOnTheMapping() throws {
        let sys = try FakeSysfs.boundPL011()
        let device = try BackendDevice.open(linuxName: "9000000.pl011", busMastering: .notMaster(binding: "PL011"), paths: sys.paths)
        XCTAssertEqual(device.backend, .uio)
        XCTAssertEqual(device.holding, "bound to uio_pdrv_genirq, uio0 (\(sys.paths.dev)/uio0)")
        XCTAssertEqual(device.firstRegionSummary, "0x1000 mapped")
        let uart: PL011<BackendDevice.Bus> = try device.registerBlock()
        uart.cr.write { $0.uarten = true; $0.txe = true }
        // UARTCR at 0x30, written from its reset value 0x300 (TXE, RXE): UARTEN | TXE | RXE.
        XCTAssertEqual(sys.deviceBytes("uio0", at: 0x30, count: 4), [0x01, 0x03, 0x00, 0x00])
        XCTAssertEqual(try device.read(UInt32.self, region: 0, at: 0x30), 0x301)
    }
}
