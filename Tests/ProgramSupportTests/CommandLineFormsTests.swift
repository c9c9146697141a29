import PlatformCore
import ProgramSupport
import XCTest

/// The command-line forms of the core's choices, and the flags programs add to device errors.
final class CommandLineFormsTests: XCTestCase {
    func testChoiceParsing() {
        XCTAssertEqual(BackendChoice(parsing: "auto"), .auto)
        XCTAssertEqual(BackendChoice(parsing: "vfio"), .vfio)
        XCTAssertEqual(BackendChoice(parsing: "uio"), .uio)
        XCTAssertNil(BackendChoice(parsing: "UIO"))
        XCTAssertNil(BackendChoice(parsing: ""))
    }

    func testSelectorForms() {
        XCTAssertEqual(DeviceSelector(parsing: "/pl011@9000000"), .path("/pl011@9000000"))
        XCTAssertEqual(DeviceSelector(parsing: "alias:serial0"), .alias("serial0"))
        XCTAssertEqual(DeviceSelector(parsing: "label:uart0"), .label("uart0"))
        XCTAssertEqual(DeviceSelector(parsing: "arm,pl011"), .compatible("arm,pl011"))
        XCTAssertEqual(DeviceSelector(parsing: "9000000.pl011"), .linuxName("9000000.pl011"))
    }

    func testAnUnknownBackendIsAUsageErrorNamingTheChoices() {
        let options = CommonOptions(ParsedArguments(["--backend", "pci"], valued: CommonOptions.valued))
        XCTAssertThrowsError(try options.backendChoice()) { error in
            XCTAssertEqual("\(error)", "usage: unknown backend pci: use --backend auto, vfio or uio")
        }
    }

    func testTheRuntimeTextNamesTheOptionAndTheProgramAddsItsFlag() {
        let error = DeviceError.noIOMMUNotAcknowledged(device: "9000000.pl011")
        XCTAssertTrue(error.description.contains("OpenOptions.allowNoIOMMU"), error.description)
        XCTAssertFalse(error.description.contains("--"), "runtime texts name no flags: \(error.description)")
        XCTAssertTrue(ProgramError.device(error).description.hasSuffix("(command line: --allow-noiommu)"))
        let refused = DeviceError.dmaMasterRefused(device: "x", busMastering: .unknown, backend: .uio)
        XCTAssertTrue(ProgramError.device(refused).description.hasSuffix("(command line: --allow-dma-master)"))
        XCTAssertTrue(refused.description.contains("UIO gives no DMA isolation"))
    }

    func testTheOptInsAndBindingComeFromTheirFlags() {
        let none = CommonOptions(ParsedArguments([], valued: CommonOptions.valued)).openOptions
        XCTAssertFalse(none.allowNoIOMMU)
        XCTAssertFalse(none.allowDMAMasterWithoutIOMMU)
        XCTAssertTrue(none.bindIfNeeded)
        let all = CommonOptions(ParsedArguments(["--allow-noiommu", "--allow-dma-master", "--no-bind"], valued: CommonOptions.valued)).openOptions
        XCTAssertTrue(all.allowNoIOMMU)
        XCTAssertTrue(all.allowDMAMasterWithoutIOMMU)
        XCTAssertFalse(all.bindIfNeeded)
    }
}
