import Foundation
import PlatformCore
import PlatformTestFixtures
import Privileges
import XCTest

/// A grant changes each file's ownership and mode and records what it was; revoking restores
/// exactly that, and a file two grants share stays granted until the last one goes.
final class DeviceGrantTests: XCTestCase {
    private func mode(of path: String) throws -> Int {
        try XCTUnwrap(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    func testAGrantIsRecordedAndRevokedExactly() throws {
        let fake = try FakeSysfs()
        try fake.writeFile("dev/uio0", "")
        try fake.writeFile("sys/firmware/fdt", "")
        let node = fake.paths.dev + "/uio0", blob = fake.paths.sysfs + "/firmware/fdt"
        chmod(node, 0o600)
        chmod(blob, 0o400)
        let me = (uid: UInt32(getuid()), gid: UInt32(getgid()))
        let grants = DeviceGrant(paths: fake.paths)

        let entries = try grants.grant([(node, FileOwnership(uid: me.uid, gid: me.gid, mode: 0o660)),
                                        (blob, FileOwnership(uid: me.uid, gid: me.gid, mode: 0o440))], for: "9000000.pl011")
        XCTAssertEqual(entries.map(\.path), [node, blob])
        XCTAssertEqual(entries.map(\.original.mode), [0o600, 0o400])
        XCTAssertEqual(try mode(of: node), 0o660)
        XCTAssertEqual(try mode(of: blob), 0o440)
        XCTAssertTrue(grants.isGranted("9000000.pl011"))

        // A second device shares the blob: its record keeps the blob's first original.
        try fake.writeFile("dev/uio1", "")
        let second = fake.paths.dev + "/uio1"
        chmod(second, 0o600)
        let other = try grants.grant([(second, FileOwnership(uid: me.uid, gid: me.gid, mode: 0o660)),
                                      (blob, FileOwnership(uid: me.uid, gid: me.gid, mode: 0o440))], for: "9010000.pl031")
        XCTAssertEqual(other.last?.original.mode, 0o400, "the blob's original, not the first grant's mode")

        XCTAssertEqual(try grants.revoke("9000000.pl011"), [node], "the blob stays granted while 9010000.pl031 holds it")
        XCTAssertEqual(try mode(of: node), 0o600)
        XCTAssertEqual(try mode(of: blob), 0o440)
        XCTAssertFalse(grants.isGranted("9000000.pl011"))

        try FileManager.default.removeItem(atPath: second)
        XCTAssertEqual(try grants.revoke("9010000.pl031"), [blob], "a node gone with its device is skipped")
        XCTAssertEqual(try mode(of: blob), 0o400)
        XCTAssertEqual(try grants.revoke("9010000.pl031"), [], "nothing left to revoke")
    }

    func testAMissingFileChangesNothing() throws {
        let fake = try FakeSysfs()
        try fake.writeFile("dev/uio0", "")
        let node = fake.paths.dev + "/uio0"
        chmod(node, 0o600)
        let grants = DeviceGrant(paths: fake.paths)
        XCTAssertThrowsError(try grants.grant([(node, FileOwnership(uid: 0, gid: 0, mode: 0o666)),
                                               (fake.paths.dev + "/vfio/7", FileOwnership(uid: 0, gid: 0, mode: 0o666))], for: "x")) { error in
            XCTAssertTrue("\(error)".contains("vfio/7"), "\(error)")
        }
        XCTAssertEqual(try mode(of: node), 0o600)
        XCTAssertFalse(grants.isGranted("x"))
    }
}
