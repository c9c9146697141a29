import DTBinding
import DeviceConfig
import DeviceTree
import Foundation
import Peripherals
import XCTest

/// `dtbind check` (DeviceTreeChecker) and generated configs read properties with the one
/// `PropertyDecoder`: for each edge case its documentation decides, a DTB built with dtc on which
/// both reach the same verdict in the same words.
final class DecoderAgreementTests: ScratchFolderTestCase {
    /// The findings of `dtbind check` about `property` of `node` against the binding file `binding`.
    func findings(_ node: DeviceTreeNode, _ property: String, binding: String) throws -> [CheckFinding] {
        let loaded = try BindingLoader().load(binding)
        return DeviceTreeChecker(bindings: [loaded]).check(node, against: loaded).filter { $0.property == property }
    }

    /// The problems of `property` in the error of a config decode (none when it decodes).
    func problems(_ property: String, _ decode: () throws(BindingConfigError) -> Void) -> [PropertyProblem] {
        do {
            try decode()
            return []
        } catch {
            return error.problems.filter { $0.property == property }
        }
    }

    /// Asserts that the checker's findings and the config's problems about `property` are the
    /// same rules with the same messages, and returns the messages.
    @discardableResult
    func assertAgree(_ findings: [CheckFinding], _ problems: [PropertyProblem], file: StaticString = #filePath, line: UInt = #line) -> [String] {
        XCTAssertEqual(findings.map(\.rule), problems.map(\.rule), "rules", file: file, line: line)
        XCTAssertEqual(findings.map(\.message), problems.map(\.message), "messages", file: file, line: line)
        return problems.map(\.message)
    }

    let pl011 = TestEnvironment.bindingsDirectory.appendingPathComponent("pl011.yaml").path
    let features = TestEnvironment.fixtures.appendingPathComponent("valid/features.yaml").path

    func uart(_ property: String) throws -> DeviceTreeNode {
        try node("serial@1000 { compatible = \"arm,pl011\", \"arm,primecell\"; reg = <0x1000 0x1000>; interrupts = <0 1 4>; \(property) };", "/serial@1000")
    }

    func featureNode(_ property: String) throws -> DeviceTreeNode {
        try node("features@1000 { compatible = \"vendor,features\"; reg = <0x1000 0x100>, <0x2000 0x100>; \(property) };", "/features@1000")
    }

    /// What generated code does for a property of `features.yaml` (the fixture is not compiled
    /// into Peripherals): one `PropertyReader` call, then the reader's error.
    func readFeature(_ node: DeviceTreeNode, _ read: @escaping (PropertyReader) -> Void) -> () throws(BindingConfigError) -> Void {
        return { () throws(BindingConfigError) in
            let reader = PropertyReader(node)
            read(reader)
            if !reader.problems.isEmpty { throw reader.failure }
        }
    }

    func testAnEmptyStringListIsZeroStringsAndTheCountDecides() throws {
        let uart = try uart("clock-names;")
        let messages = assertAgree(try findings(uart, "clock-names", binding: pl011),
                                   problems("clock-names") { () throws(BindingConfigError) in _ = try PL011Config(node: uart) })
        XCTAssertEqual(messages, ["has 0 strings, but the binding allows 1 to 2"])
    }

    func testNonPrintableBytesInAStringAreKeptAsLinuxKeepsThem() throws {
        let uart = try uart(#"clock-names = "uart\x01clk";"#)
        let messages = assertAgree(try findings(uart, "clock-names", binding: pl011),
                                   problems("clock-names") { () throws(BindingConfigError) in _ = try PL011Config(node: uart) })
        XCTAssertEqual(messages, ["is \"uart\u{1}clk\", not one of \"uartclk\", \"apb_pclk\""], "read as a string, judged by the enum")
    }

    func testAStringPropertyWithTwoStringsIsAWrongType() throws {
        let node = try featureNode(#"mode = "fast", "slow";"#)
        let messages = assertAgree(try findings(node, "mode", binding: features),
                                   problems("mode", readFeature(node) { _ = $0.string("mode") }))
        XCTAssertEqual(messages, ["must be one string, but holds 2 strings; if several are meant, make the binding's type string-array"])
    }

    func testAnEmptyStringIsAWrongType() throws {
        let node = try featureNode("label;")
        let messages = assertAgree(try findings(node, "label", binding: features),
                                   problems("label", readFeature(node) { _ = $0.string("label") }))
        XCTAssertEqual(messages, ["must be one string, but is empty"])
    }

    func testAU32OfEightBytesIsAWrongType() throws {
        let uart = try uart("poll-rate-ms = <1 2>;")
        let messages = assertAgree(try findings(uart, "poll-rate-ms", binding: pl011),
                                   problems("poll-rate-ms") { () throws(BindingConfigError) in _ = try PL011Config(node: uart) })
        XCTAssertEqual(messages, ["must be one cell (u32), but is 8 bytes (2 cells)"])
    }

    func testCellsWhoseLengthIsNotAMultipleOfFourAreAWrongType() throws {
        let uart = try uart("dmas = [00 00 01];")
        assertAgree(try findings(uart, "dmas", binding: pl011),
                    problems("dmas") { () throws(BindingConfigError) in _ = try PL011Config(node: uart) })
        let node = try featureNode("lanes = [00 00 00 01 02];")
        let messages = assertAgree(try findings(node, "lanes", binding: features),
                                   problems("lanes", readFeature(node) { _ = $0.cells("lanes") }))
        XCTAssertEqual(messages, ["must be whole cells (a multiple of 4 bytes), but is 5 bytes"])
    }

    func testABooleanWithAValueIsAWrongType() throws {
        let uart = try uart("auto-poll = <1>;")
        let messages = assertAgree(try findings(uart, "auto-poll", binding: pl011),
                                   problems("auto-poll") { () throws(BindingConfigError) in _ = try PL011Config(node: uart) })
        XCTAssertEqual(messages, ["must be a boolean (no value), but has a 4-byte value; write it as `name;` to set it"])
    }

    func testADanglingPhandleIsAWrongType() throws {
        let node = try featureNode("companion = <0x99>;")
        let messages = assertAgree(try findings(node, "companion", binding: features),
                                   problems("companion", readFeature(node) { _ = $0.phandle("companion") }))
        XCTAssertEqual(messages, ["refers to phandle 0x99, which no node in the tree has"])
    }

    func testAStringWhereAU64BelongsShowsTheString() throws {
        let node = try featureNode(#"big = "large";"#)
        let messages = assertAgree(try findings(node, "big", binding: features),
                                   problems("big", readFeature(node) { _ = $0.u64("big") }))
        XCTAssertEqual(messages, ["must be two cells (u64), but is 6 bytes (the string \"large\")"])
    }

    func testInterruptsExtendedCountsAsInterruptsForBoth() throws {
        let uart = try node(#"serial@1000 { compatible = "arm,pl011", "arm,primecell"; reg = <0x1000 0x1000>; interrupts-extended = <&gic 0 1 4>; };"#, "/serial@1000")
        XCTAssertEqual(try findings(uart, "interrupts", binding: pl011), [])
        XCTAssertEqual(try PL011Config(node: uart).interrupts.count, 1)
    }

    /// The issue's message, without saying anything twice.
    func testTheWatchdogMessageNamesNodeAndPropertyOnce() throws {
        let uart = try node(#"serial@1c120000 { compatible = "arm,pl011", "arm,primecell"; reg = <0x1c120000 0x1000>; interrupts = <0 1 4>; poll-rate-ms = "twenty-five seconds, ok"; };"#, "/serial@1c120000")
        do {
            _ = try PL011Config(node: uart)
            XCTFail("decoded")
        } catch {
            XCTAssertEqual(error.description, "/serial@1c120000: property 'poll-rate-ms' must be one cell (u32), but is 24 bytes (the string \"twenty-five seconds, ok\")")
        }
    }

    /// The command line prints the finding with the config's words: node, property, message.
    func testDtbindCheckPrintsTheConfigsMessage() throws {
        let dtbind = try TestEnvironment.requireTool("dtbind")
        let dtb = try TestEnvironment.compileDTS(TestEnvironment.exampleBoard(#"serial@1000 { compatible = "arm,pl011", "arm,primecell"; reg = <0x1000 0x1000>; interrupts = <0 1 4>; poll-rate-ms = <1 2>; auto-poll = <1>; };"#), in: directory, name: "cli")
        let result = try TestEnvironment.run(dtbind, ["check", dtb, "--bindings", TestEnvironment.bindingsDirectory.path])
        XCTAssertEqual(result.status, 1, result.stderr)
        let uart = try XCTUnwrap(DeviceTree(contentsOfFile: dtb).node(atPath: "/serial@1000"))
        let configProblems = problems("auto-poll") { () throws(BindingConfigError) in _ = try PL011Config(node: uart) }
            + problems("poll-rate-ms") { () throws(BindingConfigError) in _ = try PL011Config(node: uart) }
        XCTAssertEqual(configProblems.count, 2)
        XCTAssertEqual(result.stdout, configProblems.map { "/serial@1000: \($0.property): \($0.message) [\($0.rule)]\n" }.joined() + "1 node checked, 2 findings\n")
    }
}
