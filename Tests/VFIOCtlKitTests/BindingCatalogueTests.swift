import PlatformTestFixtures
import XCTest
import DeviceConfig
import DeviceTree
import PlatformCore
import Registers
@testable import VFIOCtlKit

/// What a vfioctl built in a user's package knows: the user's bindings beside the shipped ones,
/// the user's first.
final class BindingCatalogueTests: XCTestCase {
    private let flash = BindingSummary(name: "CFIFlash", compatibles: ["cfi-flash"], isBusMaster: false)

    private func options(_ bindings: BindingCatalogue) -> CommandLineOptions {
        CommandLineOptions(["info", "/flash@0"], bindings: bindings)
    }

    func testTheShippedToolDoesNotKnowTheFlashAndTreatsItAsAPossibleDMAMaster() throws {
        let tree = try QEMUVirtTree.load()
        let node = try XCTUnwrap(tree.node(atPath: "/flash@0"))
        XCTAssertEqual(options(.shipped).busMastering(of: node), .unknown)
    }

    func testAUsersBindingDecidesTheBusMasterRuleOfItsDevice() throws {
        let tree = try QEMUVirtTree.load()
        let node = try XCTUnwrap(tree.node(atPath: "/flash@0"))
        let users = BindingCatalogue(summaries: [flash], registerMaps: [])
        XCTAssertEqual(options(users + .shipped).busMastering(of: node), .notMaster(binding: "CFIFlash"))
        let uart = try XCTUnwrap(tree.node(atPath: "/pl011@9000000"))
        XCTAssertEqual(options(users + .shipped).busMastering(of: uart), .notMaster(binding: "PL011"), "the shipped bindings stay known")
    }

    func testTheBindingListedFirstWins() throws {
        let tree = try QEMUVirtTree.load()
        let uart = try XCTUnwrap(tree.node(atPath: "/pl011@9000000"))
        let mastering = BindingCatalogue(summaries: [BindingSummary(name: "MyPL011", compatibles: ["arm,pl011"], isBusMaster: true)], registerMaps: [])
        XCTAssertEqual(options(mastering + .shipped).busMastering(of: uart), .master(binding: "MyPL011"))
        XCTAssertEqual(options(.shipped + mastering).busMastering(of: uart), .notMaster(binding: "PL011"))
    }

    func testRegisterMapsOfBothCataloguesAreFound() throws {
        let users = BindingCatalogue(summaries: [flash], registerMaps: [BindingRegisterMaps(binding: "CFIFlash", compatibles: ["cfi-flash"], regions: [])])
        let both = users + .shipped
        XCTAssertEqual(BindingRegisterMaps.find(compatibles: ["cfi-flash"], in: both.registerMaps).map { "\($0.binding)" }, "CFIFlash")
        XCTAssertEqual(BindingRegisterMaps.find(compatibles: ["arm,pl061"], in: both.registerMaps).map { "\($0.binding)" }, "PL061")
        XCTAssertNil(BindingRegisterMaps.find(compatibles: ["cfi-flash"], in: BindingCatalogue.shipped.registerMaps))
    }
}
