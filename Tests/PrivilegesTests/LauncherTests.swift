import Foundation
import XCTest

/// `vfioctl run` (PrivilegeDrop.exec) on the host: the program it starts has the account's ids,
/// no capability or CAP_SYS_RAWIO alone, and no_new_privs; a process already running as the
/// account can drop again (its ids stay, only capabilities go); without root, switching is
/// refused with the fix.
final class LauncherTests: XCTestCase {
    private var vfioctl: String {
        get throws {
            var directory = Bundle.main.bundleURL
            for _ in 0..<3 {
                let candidate = directory.appendingPathComponent("vfioctl").path
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
                directory = directory.deletingLastPathComponent()
            }
            for bundle in Bundle.allBundles {
                let candidate = bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("vfioctl").path
                if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            }
            throw POSIXError(.ENOENT, userInfo: [NSLocalizedDescriptionKey: "no host vfioctl beside the tests: `swift build --build-tests` builds it"])
        }
    }

    private func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try vfioctl)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }

    /// The status lines of the process `vfioctl run` started, flattened ("CapEff: 0000…").
    private let statusScript = "grep -E '^(Uid|Gid|CapPrm|CapEff|CapInh|CapAmb|NoNewPrivs):' /proc/self/status | tr -s '\\t ' ' '"

    func testTheLaunchedProgramRunsAsTheAccountWithWhatItKeeps() throws {
        guard getuid() == 0 else {
            let refused = try run(["run", "--user", "0", "/bin/true"])
            XCTAssertEqual(refused.status, 1)
            XCTAssertTrue(refused.output.contains("start it as root"), refused.output)
            return
        }
        let bare = try run(["run", "--user", "65534", "/bin/sh", "-c", statusScript])
        XCTAssertEqual(bare.status, 0, bare.output)
        for line in ["Uid: 65534 65534 65534 65534", "CapPrm: 0000000000000000", "CapEff: 0000000000000000",
                     "CapAmb: 0000000000000000", "NoNewPrivs: 1"] {
            XCTAssertTrue(bare.output.contains(line), bare.output)
        }
        let rawio = try run(["run", "--user", "65534", "--keep-rawio", "/bin/sh", "-c", statusScript])
        for line in ["CapPrm: 0000000000020000", "CapEff: 0000000000020000", "CapAmb: 0000000000020000"] {
            XCTAssertTrue(rawio.output.contains(line), "CAP_SYS_RAWIO (bit 17) alone: \(rawio.output)")
        }
        // Already the account: the second launcher keeps the ids and drops what is left. The
        // account must be able to execute it: a copy in a folder anyone may enter (the build
        // folder may sit in a private one).
        let shared = URL(fileURLWithPath: "/tmp").appendingPathComponent("launcher-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: shared, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        defer { try? FileManager.default.removeItem(at: shared) }
        let inner = shared.appendingPathComponent("vfioctl").path
        try FileManager.default.copyItem(atPath: try vfioctl, toPath: inner)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: inner)
        let again = try run(["run", "--user", "65534", "--keep-rawio", inner, "run", "--user", "65534", "/bin/sh", "-c", statusScript])
        XCTAssertEqual(again.status, 0, again.output)
        XCTAssertTrue(again.output.contains("Uid: 65534 65534 65534 65534") && again.output.contains("CapAmb: 0000000000000000"), again.output)
        let root = try run(["run", "--user", "65534", inner, "run", "--user", "0", "/bin/true"])
        XCTAssertEqual(root.status, 1)
        XCTAssertTrue(root.output.contains("cannot switch to user root: this process runs as uid 65534"), root.output)
    }
}
