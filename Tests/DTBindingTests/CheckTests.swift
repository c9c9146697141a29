import DTBinding
import DeviceTree
import Foundation
import XCTest

/// `dtbind check` and the checker behind it.
final class CheckTests: ScratchFolderTestCase {
    func checker() throws -> DeviceTreeChecker {
        DeviceTreeChecker(bindings: try BindingLoader().loadDirectory(TestEnvironment.bindingsDirectory.path))
    }

    func check(_ nodes: String) throws -> CheckReport {
        let dtb = try TestEnvironment.compileDTS(TestEnvironment.exampleBoard(nodes), in: directory)
        return try checker().check(DeviceTree(contentsOfFile: dtb))
    }

    /// Every binding's examples compile with dtc and check clean against the bindings.
    func testEveryExampleCompilesAndChecksClean() throws {
        let bindings = try BindingLoader().load(TestEnvironment.shippedBindings)
        var examples = 0
        for binding in bindings {
            XCTAssertFalse(binding.examples.isEmpty, "\(binding.path) has no examples")
            for example in binding.examples {
                examples += 1
                let report = try check(example.source)
                XCTAssertEqual(report.checked.map(\.binding), [binding.name], "example at \(example.location)")
                XCTAssertEqual(report.checked.map(\.bindingFile), [binding.path], "example at \(example.location)")
                XCTAssertEqual(report.findings, [], "example at \(example.location)")
            }
        }
        XCTAssertGreaterThanOrEqual(examples, 6)
    }

    func testTheQemuVirtBoardIsClean() throws {
        let dts = TestEnvironment.root.appendingPathComponent("dts/qemu-virt.dts").path
        let dtb = try TestEnvironment.compileDTSFile(dts, in: directory, name: "virt")
        let report = try checker().check(DeviceTree(contentsOfFile: dtb))
        XCTAssertEqual(Set(report.checked.map(\.node)), ["/pl011@9000000", "/pl031@9010000", "/pl061@9030000", "/fw-cfg@9020000"])
        XCTAssertEqual(report.findings, [])
    }

    /// The upstream Raspberry Pi 3 tree (committed with the DeviceTree tests): its uart0 declares
    /// a 0x200-byte window, which the PL011 block (the UART registers, without the PrimeCell ID
    /// registers at 0xFE0) fits; its system timer fits the BCM2835 system-timer binding.
    func testTheUpstreamRaspberryPi3TreeIsClean() throws {
        let dtb = TestEnvironment.root.appendingPathComponent("Tests/DeviceTreeTests/Fixtures/bcm2837-rpi-3-b.dtb").path
        let report = try checker().check(DeviceTree(contentsOfFile: dtb))
        XCTAssertEqual(Set(report.checked.map(\.node)), ["/soc/timer@7e003000", "/soc/serial@7e201000"])
        XCTAssertEqual(report.findings, [])
    }

    /// The upstream i.MX6UL EVK tree (committed with the DeviceTree tests): its enabled UARTs,
    /// GPT1, the five GPIO banks and WDOG1 fit the i.MX bindings, SDMA channels, pin control,
    /// RTS/CTS and the SoC-specific compatibles before ours included.
    func testTheUpstreamIMX6ULEVKTreeIsClean() throws {
        let dtb = TestEnvironment.root.appendingPathComponent("Tests/DeviceTreeTests/Fixtures/imx6ul-14x14-evk.dtb").path
        let report = try checker().check(DeviceTree(contentsOfFile: dtb))
        XCTAssertEqual(Set(report.checked.map(\.node)), [
            "/soc/bus@2000000/spba-bus@2000000/serial@2020000", "/soc/bus@2100000/serial@21e8000",
            "/soc/bus@2000000/timer@2098000", "/soc/bus@2000000/watchdog@20bc000",
            "/soc/bus@2000000/gpio@209c000", "/soc/bus@2000000/gpio@20a0000", "/soc/bus@2000000/gpio@20a4000",
            "/soc/bus@2000000/gpio@20a8000", "/soc/bus@2000000/gpio@20ac000",
        ])
        XCTAssertEqual(report.findings, [])
    }

    /// The upstream Raspberry Pi 2 tree: uart0 and the system timer, as on the Pi 3.
    func testTheUpstreamRaspberryPi2TreeIsClean() throws {
        let dtb = TestEnvironment.root.appendingPathComponent("Tests/DeviceTreeTests/Fixtures/bcm2836-rpi-2-b.dtb").path
        let report = try checker().check(DeviceTree(contentsOfFile: dtb))
        XCTAssertEqual(Set(report.checked.map(\.node)), ["/soc/timer@7e003000", "/soc/serial@7e201000"])
        XCTAssertEqual(report.findings, [])
    }

    func testABoardDumpedByQemuIsClean() throws {
        let qemu = try TestEnvironment.requireTool("qemu-system-aarch64")
        let dtb = directory.appendingPathComponent("dumped.dtb").path
        // -nic none: the default virtio NIC needs efi-virtio.rom (package ipxe-qemu, which
        // `apt-get install --no-install-recommends qemu-system-arm` leaves out); it is not in the DTB.
        let result = try TestEnvironment.run(qemu, ["-M", "virt,dumpdtb=\(dtb)", "-cpu", "cortex-a57", "-m", "256", "-nographic", "-display", "none", "-nic", "none"])
        guard result.status == 0, FileManager.default.fileExists(atPath: dtb) else {
            return XCTFail("qemu-system-aarch64 could not dump a DTB (exit status \(result.status)): \(result.stderr)")
        }
        let report = try checker().check(DeviceTree(contentsOfFile: dtb))
        XCTAssertGreaterThanOrEqual(report.checked.count, 4)
        XCTAssertEqual(report.findings, [])
    }

    func rules(_ report: CheckReport) -> [String] {
        report.findings.map { "\($0.node) \($0.property ?? "-") \($0.rule)" }.sorted()
    }

    func testEachRuleFindsItsProblem() throws {
        let report = try check("""
            serial@1000 {
                compatible = "arm,pl011";
                reg = <0x1000 0x40>;
                interrupts = <0 1 4>, <0 2 4>;
                clock-names = "uartclk", "bogus";
                current-speed = "fast";
                reg-io-width = <2>;
                colour = "blue";
            };
            gpio@2000 {
                compatible = "arm,pl061", "arm,primecell";
                reg = <0x2000 0x1000>;
                interrupts = <0 3 4>;
                #gpio-cells = <3>;
                interrupt-controller = <1>;
            };
            serial@3000 {
                compatible = "arm,pl011", "arm,primecell";
                status = "disabled";
            };
            fw-cfg@4000 {
                compatible = "qemu,fw-cfg-mmio";
                reg = <0x4000 0x10>;
                pinctrl-0 = <&clk>;
                bootph-all;
            };
            """)
        XCTAssertEqual(Set(report.checked.map(\.node)), ["/serial@1000", "/gpio@2000", "/fw-cfg@4000"], "disabled nodes are skipped")
        XCTAssertEqual(rules(report), [
            "/fw-cfg@4000 reg reg-too-small",
            "/gpio@2000 #gpio-cells not-const",
            "/gpio@2000 gpio-controller missing-required",
            "/gpio@2000 interrupt-controller wrong-type",
            "/serial@1000 clock-names not-in-enum",
            "/serial@1000 colour unknown-property",
            "/serial@1000 compatible missing-fallback",
            "/serial@1000 current-speed wrong-type",
            "/serial@1000 interrupts wrong-count",
            "/serial@1000 reg reg-too-small",
            "/serial@1000 reg-io-width not-in-enum",
        ])
        let tooSmall = report.findings.first { $0.node == "/serial@1000" && $0.rule == "reg-too-small" }
        XCTAssertEqual(tooSmall?.message, "entry 0 is 0x40 bytes, but register block PL011 needs 0x4c")
        let enumFinding = report.findings.first { $0.rule == "not-in-enum" && $0.property == "clock-names" }
        XCTAssertEqual(enumFinding?.message, "is \"bogus\", not one of \"uartclk\", \"apb_pclk\"")
    }

    func testMissingRegAndBadCountsAreFindings() throws {
        let report = try check("""
            serial@10000000 {
                compatible = "ns16550a";
                interrupts = <0 10 4>;
                reg-shift = <2>;
            };
            """)
        XCTAssertEqual(rules(report), ["/serial@10000000 reg missing-required", "/serial@10000000 reg-shift not-in-enum"])
    }

    func testTheCommandLineExitStatusesAndJSON() throws {
        let dtbind = try TestEnvironment.requireTool("dtbind")
        let bindings = TestEnvironment.bindingsDirectory.path
        let clean = try TestEnvironment.compileDTS(TestEnvironment.exampleBoard("""
            serial@9000000 { compatible = "arm,pl011", "arm,primecell"; reg = <0x9000000 0x1000>; interrupts = <0 1 4>; };
            """), in: directory, name: "clean")
        let dirty = try TestEnvironment.compileDTS(TestEnvironment.exampleBoard("""
            serial@9000000 { compatible = "arm,pl011", "arm,primecell"; reg = <0x9000000 0x1000>; };
            """), in: directory, name: "dirty")

        let ok = try TestEnvironment.run(dtbind, ["check", clean, "--bindings", bindings])
        XCTAssertEqual(ok.status, 0, ok.stdout + ok.stderr)
        XCTAssertEqual(ok.stdout, "1 node checked, 0 findings\n")

        let findings = try TestEnvironment.run(dtbind, ["check", dirty, "--bindings", bindings])
        XCTAssertEqual(findings.status, 1)
        XCTAssertEqual(findings.stdout, "/serial@9000000: interrupts: is required but missing [missing-required]\n1 node checked, 1 finding\n")

        let json = try TestEnvironment.run(dtbind, ["check", dirty, "--bindings", bindings, "--json"])
        XCTAssertEqual(json.status, 1)
        let report = try JSONDecoder().decode(CheckReport.self, from: Data(json.stdout.utf8))
        XCTAssertEqual(report.findings.map(\.rule), ["missing-required"])
        XCTAssertEqual(report.checked.map(\.node), ["/serial@9000000"])

        let garbage = directory.appendingPathComponent("garbage.dtb").path
        try Data("not a device tree".utf8).write(to: URL(fileURLWithPath: garbage))
        XCTAssertEqual(try TestEnvironment.run(dtbind, ["check", garbage, "--bindings", bindings]).status, 2)
        XCTAssertEqual(try TestEnvironment.run(dtbind, ["check", directory.appendingPathComponent("missing.dtb").path, "--bindings", bindings]).status, 2)
        let badBindings = TestEnvironment.fixtures.appendingPathComponent("invalid").path
        XCTAssertEqual(try TestEnvironment.run(dtbind, ["check", clean, "--bindings", badBindings]).status, 2)
    }
}
