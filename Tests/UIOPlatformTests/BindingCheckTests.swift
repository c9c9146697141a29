import DeviceTree
import Peripherals
import PlatformBackends
import PlatformTestFixtures
import UIOPlatform
import VFIOPlatform
import XCTest

/// Every backend opens a node as a binding through `BusMastering.declared(by:for:)`: a node the
/// binding does not describe is refused before sysfs is touched, on UIO and through
/// `BackendDevice` as on vfio, and a described node gets the binding's bus-master flag.
final class BindingCheckTests: XCTestCase {
    func testANodeTheBindingDoesNotDescribeIsRefusedOnEveryBackend() throws {
        let rtc = try XCTUnwrap(QEMUVirtTree.load().node(atPath: "/pl031@9010000"))
        let sys = try FakeSysfs()  // empty: a refusal must come before any sysfs lookup
        let expected = VFIOError.notDescribedByBinding(node: "/pl031@9010000", binding: "PL011", compatibles: ["arm,pl011"])
        XCTAssertThrowsError(try UIODevice.open(node: rtc, as: PL011Config.self, paths: sys.paths)) {
            XCTAssertEqual($0 as? UIOError, .notDescribedByBinding(node: "/pl031@9010000", binding: "PL011", compatibles: ["arm,pl011"]))
        }
        for choice in BackendChoice.allCases {
            XCTAssertThrowsError(try BackendDevice.open(node: rtc, as: PL011Config.self, backend: choice, paths: sys.paths)) {
                XCTAssertEqual($0 as? BackendError, .vfio(expected), "--backend \(choice)")
            }
        }
    }

    func testTheBindingSaysWhetherTheDeviceMastersTheBus() throws {
        let tree = try QEMUVirtTree.load()
        let uart = try XCTUnwrap(tree.node(atPath: "/pl011@9000000"))
        let fwcfg = try XCTUnwrap(tree.node(atPath: "/fw-cfg@9020000"))
        XCTAssertEqual(try BusMastering.declared(by: PL011Config.self, for: uart), .notMaster(binding: "PL011"))
        XCTAssertEqual(try BusMastering.declared(by: FwCfgConfig.self, for: fwcfg), .master(binding: "FwCfg"))
    }
}
