import CLinux
import DeviceTree
import DriverModel
import Foundation
import PlatformCore
import PlatformSimulation
import ProgramSupport
import XCTest

/// The host's matching (Linux's order: the compatible earliest in the node's list wins), its
/// one event loop (interrupts, timers, signals), and removal, on simulated devices.
final class DriverHostTests: XCTestCase {
    private var models: [String: ScratchRegisters] = [:]

    override func setUp() {
        Journal.entries = []
        models = [:]
    }

    private func tree() throws -> DeviceTree {
        try DeviceTree(bytes: compiledDTB("two-uarts"))
    }

    private func host(_ arguments: [String] = [], watchTermination: Bool = false) throws -> DriverHost<FactoryOpener<ScratchDevice>> {
        let opener = FactoryOpener<ScratchDevice> { [self] node throws(DeviceError) in
            let model = ScratchRegisters()
            models[node.path] = model
            return SimulatedDevice(name: node.path, models: [model], levelInterrupts: [true])
        }
        return try DriverHost(tree: tree(), opener: opener, arguments: ParsedArguments(arguments, valued: ["--events", "--timer-ms"]),
                              watchTermination: watchTermination)
    }

    func testTheCompatibleEarliestInTheNodesListWinsWhateverTheRegistrationOrder() throws {
        let host = try host()
        host.register(RecordingDriver<PrimeCellCompatibles>.self)
        host.register(RecordingDriver<RTCCompatibles>.self)
        let probes = host.probeAll()
        // The RTC lists "arm,pl031" before "arm,primecell": the rtc driver takes it although
        // the primecell driver was registered first; the UARTs fall back to primecell.
        XCTAssertEqual(probes.map { "\($0.nodePath)=\($0.driver)" },
                       ["/serial@9000000=primecell", "/serial@9040000=primecell", "/rtc@9010000=rtc"])
        XCTAssertEqual(host.runningCount, 3)
        XCTAssertFalse(Journal.entries.contains { $0.contains("9050000") }, "a disabled node is never probed")
    }

    func testOneLoopServesTheInterruptsOfEveryInstanceAndRemovesEachWhenItFinishes() throws {
        let host = try host(["--events", "1"])
        host.register(RecordingDriver<PrimeCellCompatibles>.self)
        host.probeAll()
        XCTAssertEqual(host.runningCount, 3)
        for path in ["/serial@9000000", "/serial@9040000", "/rtc@9010000"] {
            try XCTUnwrap(models[path]).write(offset: 0, width: 4, value: 1)
        }
        XCTAssertEqual(host.run(milliseconds: 5_000), .allFinished)
        for path in ["/serial@9000000", "/serial@9040000", "/rtc@9010000"] {
            let interrupt = try XCTUnwrap(Journal.entries.firstIndex(of: "interrupt \(path)"), "\(Journal.entries)")
            let remove = try XCTUnwrap(Journal.entries.firstIndex(of: "remove \(path)"))
            XCTAssertLessThan(interrupt, remove)
        }
        XCTAssertTrue(host.allSucceeded)
    }

    func testTimersExpireThroughTheLoop() throws {
        let host = try host(["--events", "3", "--timer-ms", "5"])
        host.register(RecordingDriver<RTCCompatibles>.self)
        host.probeAll()
        let started = clinux_monotonic_ns()
        XCTAssertEqual(host.run(milliseconds: 5_000), .allFinished)
        XCTAssertEqual(Journal.entries.filter { $0 == "timer /rtc@9010000 true" }.count, 3, "\(Journal.entries)")
        XCTAssertGreaterThanOrEqual(clinux_monotonic_ns() - started, 10_000_000, "three 5 ms periods take at least 10 ms")
    }

    func testSIGTERMEndsTheLoopAndRemoveAllRunsEveryRemove() throws {
        let host = try host(["--events", "100"], watchTermination: true)
        host.register(RecordingDriver<PrimeCellCompatibles>.self)
        host.probeAll()
        // The signal waits, blocked, in the host's signalfd: it does not kill the test.
        raise(SIGTERM)
        XCTAssertEqual(host.run(milliseconds: 5_000), .signal(.terminate))
        XCTAssertEqual(host.runningCount, 3, "a signal stops the loop; instances are removed by removeAll")
        host.removeAll()
        XCTAssertEqual(Journal.entries.filter { $0.hasPrefix("remove ") }.count, 3)
        XCTAssertEqual(host.runningCount, 0)
    }

    func testEveryDeviceIsGoneBeforeItsBindingIsRestoredHoweverItsInstanceEnds() throws {
        let opener = ReleaseCheckingOpener()
        let host = try DriverHost(tree: tree(), opener: opener, arguments: ParsedArguments(["--events", "1"], valued: ["--events"]),
                                  watchTermination: false)
        host.register(RecordingDriver<PrimeCellCompatibles>.self)
        host.probeAll()
        // One instance finishes after an interrupt (removed from the loop), the others at removeAll.
        try XCTUnwrap(opener.models["/serial@9000000"]).write(offset: 0, width: 4, value: 1)
        XCTAssertEqual(host.run(milliseconds: 100), .timeout)
        XCTAssertEqual(opener.restores.count, 1, "the instance that finished was restored at once")
        host.removeAll()
        XCTAssertEqual(opener.restores.map(\.name), ["/serial@9000000", "/serial@9040000", "/rtc@9010000"])
        for restore in opener.restores {
            XCTAssertFalse(restore.deviceAlive, "\(restore.name) was still referenced when its binding was restored (a vfio unbind would hang)")
        }
    }

    func testANodeNoDriverServesIsNotProbedAndAnEmptyHostDidNotSucceed() throws {
        let host = try host()
        XCTAssertTrue(host.probeAll().isEmpty)
        XCTAssertFalse(host.allSucceeded, "a program that drove nothing must not exit 0")
        XCTAssertEqual(host.run(milliseconds: 10), .allFinished)
    }
}

/// Compiles dts/NAME.dts with the dtc on PATH.
func compiledDTB(_ name: String) throws -> [UInt8] {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let output = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString).dtb")
    defer { try? FileManager.default.removeItem(at: output) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["dtc", "-q", "-I", "dts", "-O", "dtb", "-o", output.path, root.appendingPathComponent("dts/\(name).dts").path]
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw NSError(domain: "dtc", code: Int(process.terminationStatus), userInfo: [NSLocalizedDescriptionKey: "dtc failed on dts/\(name).dts: install device-tree-compiler"])
    }
    return [UInt8](try Data(contentsOf: output))
}
