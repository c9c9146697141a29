import DeviceModels
import DeviceTree
import DriverModel
import Drivers
import PlatformCore
import PlatformSimulation
import ProgramSupport
import XCTest

/// The PL011 echo under the driver host, on simulated UARTs: one instance per enabled PL011
/// node (dts/two-uarts.dts has two, a third disabled, and an RTC the driver does not serve),
/// each echoing its own bytes from the one event loop, then removed with the UART disabled.
final class PL011EchoHostTests: XCTestCase {
    private typealias UARTDevice = SimulatedDevice<SimulatedPL011>

    /// A host over two-uarts.dts whose devices are simulated UARTs, kept by node path.
    private func makeHost(arguments: [String], failing failingPath: String? = nil)
        throws -> (DriverHost<FactoryOpener<UARTDevice>>, Box) {
        let tree = try DeviceTree(bytes: compiledDTB("two-uarts"))
        let made = Box()
        let opener = FactoryOpener<UARTDevice> { node throws(DeviceError) in
            if node.path == failingPath { throw .systemCall(operation: "open of \(node.path)", errno: .busy) }
            let model = SimulatedPL011()
            made.models[node.path] = model
            return SimulatedDevice(name: node.path, models: [model], levelInterrupts: [true])
        }
        let host = try DriverHost(tree: tree, opener: opener, arguments: ParsedArguments(arguments, valued: ["--count"]),
                                  watchTermination: false)
        host.register(PL011Echo<UARTDevice>.self)
        return (host, made)
    }

    /// The models the opener made, by node path.
    private final class Box { var models: [String: SimulatedPL011] = [:] }

    func testTwoUARTsOfOneKindGetTwoInstancesThatEchoTheirOwnBytes() throws {
        let (host, made) = try makeHost(arguments: ["--count", "4"])
        let probes = host.probeAll()
        XCTAssertEqual(probes.map(\.nodePath), ["/serial@9000000", "/serial@9040000"], "the disabled UART and the RTC are not probed")
        XCTAssertTrue(probes.allSatisfy(\.succeeded))
        XCTAssertEqual(host.runningCount, 2)
        let first = try XCTUnwrap(made.models["/serial@9000000"])
        let second = try XCTUnwrap(made.models["/serial@9040000"])
        XCTAssertEqual(first.receive([1, 2, 3, 4]), 4)
        XCTAssertEqual(second.receive([9, 8, 7, 6]), 4)

        XCTAssertEqual(host.run(milliseconds: 5_000), .allFinished, "each instance finishes after its 4 bytes")
        XCTAssertEqual(first.transmitted, [1, 2, 3, 4])
        XCTAssertEqual(second.transmitted, [9, 8, 7, 6])
        XCTAssertEqual(host.runningCount, 0)
        XCTAssertTrue(host.allSucceeded)
        // remove() quiesced each UART: interrupts masked, UART disabled.
        for model in [first, second] {
            XCTAssertEqual(model.read(offset: 0x38, width: 4), 0, "IMSC cleared by remove()")
            XCTAssertEqual(model.read(offset: 0x30, width: 4) & 1, 0, "UARTEN cleared by remove()")
        }
    }

    func testAFailedProbeIsReportedWithItsNodeAndTheOtherInstanceRuns() throws {
        let (host, made) = try makeHost(arguments: ["--count", "2"], failing: "/serial@9000000")
        let probes = host.probeAll()
        XCTAssertEqual(probes.count, 2)
        XCTAssertEqual(probes[0].nodePath, "/serial@9000000")
        guard case .device(.systemCall(_, let errno))? = probes[0].error else { return XCTFail("\(String(describing: probes[0].error))") }
        XCTAssertEqual(errno, .busy)
        XCTAssertTrue(probes[1].succeeded)
        let second = try XCTUnwrap(made.models["/serial@9040000"])
        second.receive([5, 6])
        XCTAssertEqual(host.run(milliseconds: 5_000), .allFinished)
        XCTAssertEqual(second.transmitted, [5, 6])
        XCTAssertFalse(host.allSucceeded, "the exit status must say a probe failed")
    }

    func testTheHostStopsAtItsTimeLimitAndRemoveAllQuiescesRunningInstances() throws {
        let (host, made) = try makeHost(arguments: ["--count", "0"])
        host.probeAll()
        XCTAssertEqual(host.run(milliseconds: 50), .timeout, "--count 0 echoes until stopped")
        XCTAssertEqual(host.runningCount, 2)
        host.removeAll()
        XCTAssertEqual(host.runningCount, 0)
        for model in made.models.values {
            XCTAssertEqual(model.read(offset: 0x30, width: 4) & 1, 0, "UARTEN cleared by remove()")
        }
        XCTAssertTrue(host.allSucceeded)
    }

    func testAnUnknownModeIsAUsageErrorOfEveryProbe() throws {
        let (host, _) = try makeHost(arguments: ["sing"])
        let probes = host.probeAll()
        XCTAssertEqual(probes.count, 2)
        for probe in probes {
            guard case .usage(let message)? = probe.error else { return XCTFail("\(String(describing: probe.error))") }
            XCTAssertTrue(message.text.contains("unknown mode sing: use echo, hold or send"), message.text)
        }
        XCTAssertFalse(host.allSucceeded)
    }
}
