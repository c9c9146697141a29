import CFIFlash
import DeviceTree
import DriverModel
import FlashRegisters
import Foundation
import PlatformCore
import PlatformSimulation
import ProgramSupport
import XCTest

/// The flash identifier under the driver host, as the board runs it, on simulated flash: every
/// enabled cfi-flash node is probed, each bank identified, and a bank that does not answer
/// fails that node's probe with the bank named.
final class FlashIdentifierHostTests: XCTestCase {
    /// A tree with two flash nodes of two banks each, and a disabled third.
    static let source = """
    /dts-v1/;
    / {
        #address-cells = <2>;
        #size-cells = <2>;
        flash@0 { compatible = "cfi-flash"; bank-width = <4>; reg = <0 0x0 0 0x4000000>, <0 0x4000000 0 0x4000000>; };
        flash@8000000 { compatible = "cfi-flash"; bank-width = <4>; reg = <0 0x8000000 0 0x4000000>, <0 0xc000000 0 0x4000000>; };
        flash@10000000 { compatible = "cfi-flash"; bank-width = <4>; reg = <0 0x10000000 0 0x4000000>; status = "disabled"; };
    };
    """

    /// The tree, compiled with dtc (`apt-get install device-tree-compiler`).
    private func tree() throws -> DeviceTree {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("flash-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let dts = folder.appendingPathComponent("flash.dts"), dtb = folder.appendingPathComponent("flash.dtb")
        try Self.source.write(to: dts, atomically: true, encoding: .utf8)
        let dtc = Process()
        dtc.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        dtc.arguments = ["dtc", "-q", "-I", "dts", "-O", "dtb", "-o", dtb.path, dts.path]
        try dtc.run()
        dtc.waitUntilExit()
        XCTAssertEqual(dtc.terminationStatus, 0, "dtc failed: install device-tree-compiler")
        return try DeviceTree(contentsOfFile: dtb.path)
    }

    func testEveryEnabledFlashNodeIsProbedAndEachBankIdentified() throws {
        let opener = FactoryOpener<SimulatedDevice<SimulatedCFIFlash>> { node throws(DeviceError) in
            SimulatedDevice(name: node.path, models: [SimulatedCFIFlash(table: SimulatedCFIFlash.intelTable),
                                                      SimulatedCFIFlash(table: SimulatedCFIFlash.intelTable)], levelInterrupts: [])
        }
        let host = try DriverHost(tree: tree(), opener: opener, watchTermination: false)
        host.register(FlashIdentifier<SimulatedDevice<SimulatedCFIFlash>>.self)
        let probes = host.probeAll()
        XCTAssertEqual(probes.map(\.nodePath), ["/flash@0", "/flash@8000000"])
        XCTAssertTrue(host.allSucceeded, "\(probes.map { $0.error?.description ?? "ok" })")
        XCTAssertEqual(host.runningCount, 0, "the identifier finishes in probe")
    }

    func testABankThatDoesNotAnswerFailsItsNodeWithTheBankNamed() throws {
        let opener = FactoryOpener<SimulatedDevice<SimulatedCFIFlash>> { node throws(DeviceError) in
            SimulatedDevice(name: node.path, models: [SimulatedCFIFlash(table: SimulatedCFIFlash.intelTable),
                                                      SimulatedCFIFlash(table: [:])], levelInterrupts: [])
        }
        let host = try DriverHost(tree: tree(), opener: opener, watchTermination: false)
        host.register(FlashIdentifier<SimulatedDevice<SimulatedCFIFlash>>.self)
        let probes = host.probeAll()
        XCTAssertEqual(probes.count, 2)
        for probe in probes {
            guard case .behaviour(let message)? = probe.error else { return XCTFail("\(String(describing: probe.error))") }
            XCTAssertTrue(message.text.hasPrefix("bank 1: the bank did not answer the CFI query"), message.text)
        }
        XCTAssertFalse(host.allSucceeded)
    }
}
