import DeviceTree
import XCTest

/// Value decoding that needs no blob: status strings, GIC specifiers, property readers,
/// error sentences.
final class ValueTests: XCTestCase {
    func testStatusStrings() {
        XCTAssertEqual(DeviceStatus("okay"), .okay)
        XCTAssertEqual(DeviceStatus("ok"), .okay)
        XCTAssertEqual(DeviceStatus("disabled"), .disabled)
        XCTAssertEqual(DeviceStatus("reserved"), .reserved)
        XCTAssertEqual(DeviceStatus("fail"), .fail(""))
        XCTAssertEqual(DeviceStatus("fail-sss"), .fail("sss"))
        XCTAssertEqual(DeviceStatus("broken"), .other("broken"))
        XCTAssertEqual(DeviceStatus("fail-sss").description, "fail-sss")
        XCTAssertFalse(DeviceStatus("reserved").isEnabled)
    }

    /// Flags cell: low nibble is the trigger (1, 2, 3, 4, 8), bits 8-15 the PPI CPU mask.
    func testGICSpecifiers() {
        XCTAssertEqual(GICInterrupt(cells: [0, 1, 4]), GICInterrupt(kind: .spi, number: 1, trigger: .levelHigh))
        XCTAssertEqual(GICInterrupt(cells: [0, 7, 3])?.trigger, .edgeBoth)
        XCTAssertEqual(GICInterrupt(cells: [0, 7, 2])?.trigger, .edgeFalling)
        XCTAssertNil(GICInterrupt(cells: [0, 7, 0])?.trigger)  // IRQ_TYPE_NONE
        XCTAssertEqual(GICInterrupt(cells: [1, 9, 0xff04])?.cpuMask, 0xff)
        XCTAssertEqual(GICInterrupt(cells: [2, 5, 4])?.intid, 4096 + 5)
        XCTAssertEqual(GICInterrupt(cells: [3, 5, 4])?.intid, 1056 + 5)
        XCTAssertNil(GICInterrupt(cells: [4, 5, 4]))  // unknown kind
        XCTAssertNil(GICInterrupt(cells: [0, 5]))  // too short
        XCTAssertEqual(GICInterrupt(cells: [0, 1, 4])?.description, "SPI 1 level-high")
        XCTAssertTrue(InterruptTrigger.levelLow.isLevel)
        XCTAssertFalse(InterruptTrigger.edgeRising.isLevel)
    }

    func testPropertyReaders() throws {
        let cells = DeviceTreeProperty(name: "reg", bytes: [0, 0, 0, 1, 0, 0, 0x10, 0], nodePath: "/x")
        XCTAssertEqual(try cells.cells(), [1, 0x1000])
        XCTAssertEqual(try cells.u64(), 0x1_0000_1000)
        XCTAssertThrows(.invalidPropertyLength(node: "/x", property: "reg", length: 8, expected: "exactly 4 bytes (one cell)")) {
            () throws(DeviceTreeError) in try cells.u32()
        }
        let strings = DeviceTreeProperty(name: "compatible", bytes: Array("a,b\0c\0".utf8))
        XCTAssertEqual(try strings.stringList(), ["a,b", "c"])
        XCTAssertEqual(try strings.string(), "a,b")
        XCTAssertEqual(try DeviceTreeProperty(name: "e", bytes: []).stringList(), [])
        // No node path given: "?" stands in for it.
        XCTAssertThrows(.invalidPropertyValue(node: "?", property: "e", reason: "it is not a NUL-terminated string")) {
            () throws(DeviceTreeError) in try DeviceTreeProperty(name: "e", bytes: []).string()
        }
        XCTAssertTrue(DeviceTreeProperty(name: "dma-coherent", bytes: []).isEmpty)
    }

    func testNodeProperties() throws {
        let tree = try Fixtures.tree("qemu-virt.dts")
        let uart = try requireNode(tree, "/pl011@9000000")
        XCTAssertEqual(uart.properties.map(\.name), ["clock-names", "clocks", "interrupts", "reg", "compatible"])
        XCTAssertEqual(uart.property("reg")?.bytes, [0, 0, 0, 0, 0x09, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10, 0])
        XCTAssertEqual(try uart.stringList("clock-names"), ["uartclk", "apb_pclk"])
        XCTAssertTrue(try requireNode(tree, "/fw-cfg@9020000").bool("dma-coherent"))
        XCTAssertFalse(uart.bool("dma-coherent"))
        let pcie = try requireNode(tree, "/pcie@10000000")
        XCTAssertThrows(.invalidPropertyLength(node: "/pcie@10000000", property: "reg", length: 16, expected: "exactly 8 bytes (two cells)")) {
            () throws(DeviceTreeError) in try pcie.u64("reg")
        }
        XCTAssertEqual(try requireNode(tree, "/psci").u64("absent"), nil)
    }

    func testRoundTripBytes() throws {
        let bytes = try Fixtures.bytes("nested-bus.dts")
        let tree = try DeviceTree(bytes: bytes)
        XCTAssertEqual(tree.bytes, bytes)
        XCTAssertEqual(try DeviceTree(bytes: tree.bytes).allNodes().map(\.path), tree.allNodes().map(\.path))
    }

    /// /sys/firmware/fdt exists only on device-tree machines (and needs root): load it there,
    /// otherwise expect the typed error naming the path.
    func testRunningSystem() {
        do {
            let tree = try DeviceTree.runningSystem()
            XCTAssertGreaterThan(tree.nodeCount, 0)
        } catch {
            guard case .unreadableFile(let path, _) = error else { return XCTFail("unexpected \(error)") }
            XCTAssertEqual(path, "/sys/firmware/fdt")
        }
    }

    func testErrorSentences() {
        XCTAssertEqual(
            DeviceTreeError.malformedBlob(source: "file /x.dtb", code: -8, detail: "is 812 bytes but its header says 4096").description,
            "malformed DTB (FDT_ERR_TRUNCATED): file /x.dtb is 812 bytes but its header says 4096")
        XCTAssertEqual(
            DeviceTreeError.untranslatableAddress(node: "/a/b", address: 0x10, bus: "/a", reason: "it has no 'ranges' property").description,
            "address 0x10 in 'reg' of /a/b cannot be translated to a CPU address at /a: it has no 'ranges' property")
        XCTAssertEqual(
            DeviceTreeError.noInterruptMapMatch(node: "/n/d", nexus: "/n", key: [0x1000, 1]).description,
            "no 'interrupt-map' entry of /n matches the interrupt of /n/d (unit address and specifier <0x1000 0x1>)")
    }
}
