import PlatformTestFixtures
import DeviceConfig
import DeviceTree
import Foundation
import Peripherals
import XCTest
import PlatformCore
import PlatformBackends

/// Opening a device from a node takes its binding's config type, so the binding's `bus-master`
/// reaches the no-IOMMU rules without the caller copying it; tools that find bindings at run
/// time (vfioctl) look them up in the generated catalog, and a device none describes is a
/// possible DMA master.
final class BusMasterRuleTests: XCTestCase {
    private func virtTree() throws -> DeviceTree { try QEMUVirtTree.load() }

    /// A fake system where `name` sits on `bus` with no driver, no-IOMMU mode on.
    private func system(_ name: String, bus: String, node: String) throws -> FakeSysfs {
        let sys = try FakeSysfs()
        try sys.addDriver(bus == "amba" ? "vfio-amba" : "vfio-platform", bus: bus)
        try sys.addDevice(name, bus: bus, driver: nil, ofNode: node)
        try sys.addVFIOContainer()
        try sys.setNoIOMMUParameter(true)
        return sys
    }

    func testTheBindingOfADMAMasterRefusesIt() throws {
        let node = try XCTUnwrap(virtTree().node(atPath: "/fw-cfg@9020000"))
        let sys = try system("9020000.fw-cfg", bus: "platform", node: node.path)
        let options = OpenOptions(allowNoIOMMU: true, bindIfNeeded: true)
        let config = try FwCfgConfig(node: node)
        for backend in [BackendChoice.vfio, .uio] {
            XCTAssertThrowsError(try BackendDevice.open(config, backend: backend, options: options, paths: sys.paths)) {
                XCTAssertEqual($0 as? DeviceError, .dmaMasterRefused(device: "9020000.fw-cfg", busMastering: .master(binding: "FwCfg"),
                                                                    backend: backend == .vfio ? .vfio : .uio))
            }
        }
        XCTAssertEqual(sys.readFile("sys/bus/platform/devices/9020000.fw-cfg/driver_override"), "(null)\n", "refused before touching sysfs")
    }

    func testTheBindingOfANonMasterLetsItThrough() throws {
        let node = try XCTUnwrap(virtTree().node(atPath: "/pl011@9000000"))
        let sys = try system("9000000.pl011", bus: "amba", node: node.path)
        // Past the safety rules the fake kernel's probe does nothing: the bind is what fails.
        XCTAssertThrowsError(try BackendDevice.open(PL011Config(node: node), backend: .vfio, options: OpenOptions(allowNoIOMMU: true, bindIfNeeded: true), paths: sys.paths)) {
            XCTAssertEqual($0 as? DeviceError, .bindFailed(device: "9000000.pl011", wanted: "vfio-amba", actual: nil))
        }
    }

    func testANodeTheBindingDoesNotDescribeIsRefused() throws {
        let node = try XCTUnwrap(virtTree().node(atPath: "/pl031@9010000"))
        XCTAssertThrowsError(try BackendDevice.open(PL011Config(node: node), options: OpenOptions(allowNoIOMMU: true))) {
            XCTAssertEqual($0 as? DeviceError, .notDescribedByBinding(node: "/pl031@9010000", binding: "PL011", compatibles: ["arm,pl011"]))
        }
    }

    func testTheCatalogDecidesForTools() throws {
        let tree = try virtTree()
        let catalog = BindingCatalog.all
        XCTAssertEqual(Set(catalog.map(\.name)), ["BCM2835SystemTimer", "FwCfg", "IMXGPIO", "IMXGPT", "IMXUART", "IMXWatchdog", "NS16550", "PL011", "PL031", "PL061", "SP804"])
        XCTAssertEqual(BusMastering(of: try XCTUnwrap(tree.node(atPath: "/pl011@9000000")), in: catalog), .notMaster(binding: "PL011"))
        XCTAssertEqual(BusMastering(of: try XCTUnwrap(tree.node(atPath: "/fw-cfg@9020000")), in: catalog), .master(binding: "FwCfg"))
        let virtio = try XCTUnwrap(tree.nodes(compatibleWith: "virtio,mmio").first)
        XCTAssertEqual(BusMastering(of: virtio, in: catalog), .unknown, "no shipped binding: a possible DMA master")
        XCTAssertTrue(BusMastering.unknown.mayMasterTheBus)
        XCTAssertFalse(BusMastering.notMaster(binding: "PL011").mayMasterTheBus)
    }
}
