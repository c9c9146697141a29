import DeviceTree
import Peripherals
import PlatformBackends
import PlatformTestFixtures
import PlatformCore
import XCTest

/// The front door opens a config through `BusMastering.declared(by:for:)`: a node the binding
/// does not describe is refused before sysfs is touched, whichever backend is asked for, and a
/// described node gets the binding's bus-master flag.
final class BindingCheckTests: XCTestCase {
    func testANodeTheBindingDoesNotDescribeIsRefusedOnEveryBackend() throws {
        let rtc = try XCTUnwrap(QEMUVirtTree.load().node(atPath: "/pl031@9010000"))
        let sys = try FakeSysfs()  // empty: a refusal must come before any sysfs lookup
        let expected = DeviceError.notDescribedByBinding(node: "/pl031@9010000", binding: "PL011", compatibles: ["arm,pl011"])
        // The PL031's node has what a PL011 config needs, so only the compatible check stops it.
        let config = try PL011Config(node: rtc)
        for choice in BackendChoice.allCases {
            XCTAssertThrowsError(try BackendDevice.open(config, backend: choice, paths: sys.paths)) {
                XCTAssertEqual($0 as? DeviceError, expected, "backend \(choice)")
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
