@testable import VFIOCtlKit
import DeviceTree
import Foundation
import PlatformCore
import PlatformTestFixtures
import ProgramSupport
import XCTest

/// `vfioctl overlay`'s hand-overs: what changes in each node, what is refused, and a blob that is
/// what dtc makes of the source.
final class OverlayTests: XCTestCase {
    private func virt(disabling path: String? = nil) throws -> DeviceTree {
        var source = try String(contentsOf: QEMUVirtTree.repositoryRoot.appendingPathComponent("dts/qemu-virt.dts"), encoding: .utf8)
        if let path, let name = path.split(separator: "/").last, let range = source.range(of: "\(name) {") {
            source.replaceSubrange(range, with: "\(name) {\n\t\tstatus = \"disabled\";")
        }
        return try Self.compile(source)
    }

    private static func compile(_ source: String) throws -> DeviceTree {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("overlay-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try source.write(to: directory.appendingPathComponent("in.dts"), atomically: true, encoding: .utf8)
        try run("dtc", "-q", "-I", "dts", "-O", "dtb", "-o", directory.appendingPathComponent("out.dtb").path, directory.appendingPathComponent("in.dts").path)
        return try DeviceTree(contentsOfFile: directory.appendingPathComponent("out.dtb").path)
    }

    @discardableResult
    private static func run(_ arguments: String...) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, arguments.joined(separator: " "))
        return String(decoding: output, as: UTF8.self)
    }

    func testUIODropsPrimeCellAndEnablesADisabledNode() throws {
        let tree = try virt(disabling: "/pl061@9030000")
        let gpio = try XCTUnwrap(tree.node(atPath: "/pl061@9030000"))
        XCTAssertFalse(gpio.isEnabled)
        let handOver = try HandOver(gpio, backend: .uio)
        XCTAssertEqual(handOver.compatible, ["arm,pl061"])
        XCTAssertTrue(handOver.enables && handOver.dropsPrimeCell)
        let vfio = try HandOver(gpio, backend: .vfio)
        XCTAssertEqual(vfio.compatible, ["arm,pl061", "arm,primecell"], "vfio-amba takes a PrimeCell as it is")
        XCTAssertTrue(vfio.enables && !vfio.dropsPrimeCell)
    }

    func testANodeAlreadyHandedOverIsRefused() throws {
        let tree = try virt()
        let rtc = try XCTUnwrap(tree.node(atPath: "/pl031@9010000"))
        XCTAssertThrowsError(try HandOver(rtc, backend: .vfio)) { error in
            XCTAssertTrue("\(error)".contains("/pl031@9010000 is already handed over to vfio (it is enabled"), "\(error)")
        }
        let flash = try XCTUnwrap(tree.nodes(compatibleWith: "cfi-flash").first)
        XCTAssertThrowsError(try HandOver(flash, backend: .uio)) { error in
            XCTAssertTrue("\(error)".contains("is already handed over to uio (it is enabled and has no \"arm,primecell\")"), "\(error)")
        }
    }

    func testTheBlobIsWhatDtcMakesOfTheSource() throws {
        let tree = try virt(disabling: "/pl061@9030000")
        let overlay = HandOverOverlay(handOvers: [try HandOver(XCTUnwrap(tree.node(atPath: "/pl031@9010000")), backend: .uio),
                                                  try HandOver(XCTUnwrap(tree.node(atPath: "/pl061@9030000")), backend: .uio)],
                                      backend: .uio, command: "vfioctl overlay test")
        XCTAssertEqual(overlay.ofID, "arm,pl031")
        XCTAssertEqual(overlay.beyondOfID.map { $0.node.path }, ["/pl061@9030000"], "of_id names one compatible")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("overlay-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let ours = directory.appendingPathComponent("ours.dtbo"), theirs = directory.appendingPathComponent("dtc.dtbo")
        try Data(overlay.blob()).write(to: ours)
        try overlay.source.write(to: directory.appendingPathComponent("x.dtso"), atomically: true, encoding: .utf8)
        try Self.run("dtc", "-q", "-I", "dts", "-O", "dtb", "-o", theirs.path, directory.appendingPathComponent("x.dtso").path)
        let decompiled = try Self.run("dtc", "-q", "-I", "dtb", "-O", "dts", ours.path)
        XCTAssertEqual(decompiled, try Self.run("dtc", "-q", "-I", "dtb", "-O", "dts", theirs.path))
        XCTAssertTrue(decompiled.contains("target-path = \"/pl061@9030000\""), decompiled)
    }
}
