import PlatformCore
import PlatformTestFixtures
import Privileges
import XCTest

/// Accounts read from passwd and group files by name or number, without NSS.
final class AccountTests: XCTestCase {
    private func system() throws -> FakeSysfs {
        let fake = try FakeSysfs()
        try fake.writeFile("etc/passwd", """
        root:x:0:0:root:/root:/bin/sh
        # a comment
        pdriver:x:998:997:Platform driver:/nonexistent:/usr/sbin/nologin
        alice:x:1000:1000::/home/alice:/bin/sh

        """)
        try fake.writeFile("etc/group", """
        root:x:0:
        pdriver:x:997:
        dialout:x:20:alice,pdriver
        gpio:x:995:pdriver
        alice:x:1000:

        """)
        return fake
    }

    func testAUserNamedByNameHasItsIdsAndMemberships() throws {
        let fake = try system()
        let account = try Account.named("pdriver", paths: fake.paths)
        XCTAssertEqual(account, Account(name: "pdriver", uid: 998, gid: 997, supplementaryGroups: [20, 995]))
    }

    func testAUserNamedByNumberTakesPasswdsGroupOrTheSameNumber() throws {
        let fake = try system()
        XCTAssertEqual(try Account.named("1000", paths: fake.paths), Account(name: "alice", uid: 1000, gid: 1000, supplementaryGroups: [20]))
        XCTAssertEqual(try Account.named("4242", paths: fake.paths), Account(name: "4242", uid: 4242, gid: 4242))
    }

    func testAnUnknownNameIsRefusedWithTheFix() throws {
        let fake = try system()
        XCTAssertThrowsError(try Account.named("nobody-here", paths: fake.paths)) { error in
            let text = (error as? PrivilegeError)?.description ?? ""
            XCTAssertTrue(text.contains("no user 'nobody-here' in \(fake.paths.etc)/passwd"), text)
            XCTAssertTrue(text.contains("adduser --system nobody-here"), text)
        }
        XCTAssertThrowsError(try Account.groupID("wheel", paths: fake.paths)) { error in
            XCTAssertTrue(((error as? PrivilegeError)?.description ?? "").contains("no group 'wheel'"), "\(error)")
        }
        XCTAssertEqual(try Account.groupID("gpio", paths: fake.paths), 995)
        XCTAssertEqual(try Account.groupID("31", paths: fake.paths), 31)
    }

    func testCapabilitySetsPrintTheKernelsNames() {
        XCTAssertEqual(CapabilitySet().description, "none")
        XCTAssertEqual(CapabilitySet.sysRawIO.description, "CAP_SYS_RAWIO")
        XCTAssertEqual(CapabilitySet(rawValue: 1 << 17 | 1 << 13 | 1).description, "CAP_CHOWN,CAP_13,CAP_SYS_RAWIO")
    }

    func testTheCallingProcessHasReadableCredentials() throws {
        let now = try ProcessCredentials.current()
        XCTAssertEqual(now.uids.effective, UInt32(geteuid()))
        XCTAssertEqual(now.gids.effective, UInt32(getegid()))
        XCTAssertTrue(now.summary.hasPrefix("uid \(geteuid()) gid \(getegid()), capabilities "), now.summary)
    }
}
