import PlatformTestFixtures
import XCTest
@testable import UIOPlatform
import PlatformCore

/// The UIO backend's kernel calls through the seam (`DeviceFileCalls`): the failures a fake
/// sysfs of plain files cannot produce (EPERM for root, a refused mmap), and every mapping
/// undone.
final class UIOSeamTests: XCTestCase {
    private let pl011 = BusMastering.notMaster(binding: "PL011")

    private func openError(_ sys: FakeSysfs, _ files: ScriptedDeviceFiles) -> DeviceError? {
        do { _ = try UIODevice.open(linuxName: "9000000.pl011", busMastering: pl011, paths: sys.paths, files: files); return nil }
        catch { return error as? DeviceError }
    }

    func testPermissionDenialNamesTheDeviceFile() throws {
        let sys = try FakeSysfs.boundPL011()
        let files = ScriptedDeviceFiles()
        for denial in [Errno.notPermitted, .accessDenied] {
            files.failingOpen = denial
            let error = openError(sys, files)
            XCTAssertEqual(error, .permissionDenied(path: sys.paths.dev + "/uio0", noIOMMU: false))
            XCTAssertTrue(error!.description.contains("`vfioctl grant DEVICE --user USER`"), error!.description)
            XCTAssertTrue(error!.description.contains("chown USER \(sys.paths.dev)/uio0"), error!.description)
        }
    }

    func testRefusedMapIsNamedAndLeavesNothingMapped() throws {
        let sys = try FakeSysfs.boundPL011()
        let files = ScriptedDeviceFiles()
        files.failingMap = .invalidArgument
        guard case .systemCall(let operation, let errno)? = openError(sys, files) else { return XCTFail("the open did not fail") }
        XCTAssertTrue(operation.text.hasPrefix("mmap map0 of \(sys.paths.dev)/uio0"), operation.text)
        XCTAssertEqual(errno, .invalidArgument)
        XCTAssertEqual(files.liveMappings, 0)
    }

    func testMapsAndTheInterruptGoThroughTheSeamAndAreUndone() throws {
        let sys = try FakeSysfs.boundPL011()
        let files = ScriptedDeviceFiles()
        var device: UIODevice? = try UIODevice.open(linuxName: "9000000.pl011", busMastering: pl011, paths: sys.paths, files: files)
        XCTAssertEqual(files.liveMappings, device!.regionCount)
        _ = try device!.interrupt(0)
        XCTAssertEqual(files.opened, [sys.paths.dev + "/uio0", sys.paths.dev + "/uio0"], "the maps' descriptor, then the interrupt's own")
        device = nil
        XCTAssertEqual(files.liveMappings, 0)
    }
}
