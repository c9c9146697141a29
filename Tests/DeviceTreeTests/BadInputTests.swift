@_spi(Testing) import DeviceTree
import XCTest

/// Broken blobs and broken trees must produce typed errors with readable descriptions, never
/// crashes. Blob corruptions are made from good bytes; semantic breakage comes from
/// dts/broken/*.dts.
final class BadInputTests: XCTestCase {
    // MARK: Blobs

    /// Header layout (big-endian u32s): magic @0, totalsize @4, off_dt_struct @8,
    /// off_dt_strings @12, off_mem_rsvmap @16, version @20, last_comp_version @24.
    private func goodBytes() throws -> [UInt8] {
        try Fixtures.bytes("nested-bus.dts")
    }

    private func readU32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        bytes[offset..<offset + 4].reduce(0) { $0 << 8 | UInt32($1) }
    }

    private func writeU32(_ bytes: inout [UInt8], _ offset: Int, _ value: UInt32) {
        for index in 0..<4 { bytes[offset + index] = UInt8(truncatingIfNeeded: value >> (24 - 8 * index)) }
    }

    func testTruncatedFile() throws {
        let bytes = try goodBytes()
        let total = readU32(bytes, 4)
        XCTAssertEqual(Int(total), bytes.count)
        let path = try Fixtures.write(Array(bytes.prefix(812)), as: "truncated.dtb")
        XCTAssertThrows(.malformedBlob(source: "file " + path, code: -8, detail: "is 812 bytes but its header says \(total)")) {
            () throws(DeviceTreeError) in try DeviceTree(contentsOfFile: path)
        }
        do {
            _ = try DeviceTree(contentsOfFile: path)
        } catch {
            XCTAssertEqual(error.description, "malformed DTB (FDT_ERR_TRUNCATED): file \(path) is 812 bytes but its header says \(total)")
        }
    }

    func testShorterThanAHeader() {
        XCTAssertThrows(.malformedBlob(source: "blob", code: -8, detail: "is 10 bytes, shorter than the smallest DTB header (28 bytes)")) {
            () throws(DeviceTreeError) in try DeviceTree(bytes: [UInt8](repeating: 0xd0, count: 10))
        }
        XCTAssertThrows(.malformedBlob(source: "blob", code: -8, detail: "is 0 bytes, shorter than the smallest DTB header (28 bytes)")) {
            () throws(DeviceTreeError) in try DeviceTree(bytes: [])
        }
    }

    func testBadMagic() throws {
        var bytes = try goodBytes()
        bytes[0] = 0
        XCTAssertThrows(.malformedBlob(source: "blob", code: -9, detail: "does not start with the DTB magic 0xd00dfeed (found 0xdfeed)")) {
            () throws(DeviceTreeError) in try DeviceTree(bytes: bytes)
        }
    }

    /// A DTS source (text) is not a blob.
    func testTextFileIsNotADTB() throws {
        let path = Fixtures.dtsDirectory.appendingPathComponent("nested-bus.dts").path
        // The file starts with "// n" (0x2f2f206e).
        XCTAssertThrows(.malformedBlob(source: "file " + path, code: -9, detail: "does not start with the DTB magic 0xd00dfeed (found 0x2f2f206e)")) {
            () throws(DeviceTreeError) in try DeviceTree(contentsOfFile: path)
        }
    }

    func testUnsupportedVersion() throws {
        var bytes = try goodBytes()
        writeU32(&bytes, 20, 1)
        let expected = DeviceTreeError.malformedBlob(
            source: "blob", code: -10, detail: "has format version 1, which libfdt cannot read (it reads 2 to 17)")
        XCTAssertThrows(expected) { () throws(DeviceTreeError) in try DeviceTree(bytes: bytes) }
        XCTAssertEqual(expected.description, "malformed DTB (FDT_ERR_BADVERSION): blob has format version 1, which libfdt cannot read (it reads 2 to 17)")
    }

    /// Overwrite the root's FDT_BEGIN_NODE tag (first word of the structure block) with an
    /// unknown tag.
    func testCorruptStructureBlock() throws {
        var bytes = try goodBytes()
        let structure = Int(readU32(bytes, 8))
        writeU32(&bytes, structure, 0x0000_0042)
        XCTAssertThrows(.malformedBlob(
            source: "blob", code: -11,  // FDT_ERR_BADSTRUCTURE
            detail: "has a corrupt structure block (unbalanced nodes, bad tags or misplaced properties)")) {
            () throws(DeviceTreeError) in try DeviceTree(bytes: bytes)
        }
    }

    /// Point the first property's name offset (FDT_PROP: tag, len, nameoff) far outside the
    /// strings block. The root node's name is empty, so its first property starts at
    /// structure + 8 (tag + the padded empty name).
    func testPropertyNameOutsideStrings() throws {
        var bytes = try goodBytes()
        let structure = Int(readU32(bytes, 8))
        XCTAssertEqual(readU32(bytes, structure + 8), 3)  // FDT_PROP
        writeU32(&bytes, structure + 16, 0x00FF_FFFF)
        XCTAssertThrows(.malformedBlob(
            source: "blob", code: -4,  // FDT_ERR_BADOFFSET
            detail: "has a property name pointing outside its strings block")) {
            () throws(DeviceTreeError) in try DeviceTree(bytes: bytes)
        }
    }

    /// Every single-byte corruption and every truncation of a small blob either loads or
    /// throws; none crashes. (Loading then walking everything exercises the accessors too.)
    func testNoCrashOnAnyCorruption() throws {
        let bytes = try Fixtures.bytes("nested-bus.dts")
        for length in stride(from: 0, to: bytes.count, by: 7) {
            _ = try? DeviceTree(bytes: Array(bytes.prefix(length)))
        }
        for offset in 0..<bytes.count {
            var corrupt = bytes
            // Alternate between flipping the low bit (small changes: a cell count off by one)
            // and the top bits (huge values).
            corrupt[offset] ^= offset % 2 == 0 ? 0x01 : 0xA5
            guard let tree = try? DeviceTree(bytes: corrupt) else { continue }
            XCTAssertTrue(tree.indexMatchesLibfdtWalk, "byte \(offset): the direct index differs from libfdt's walk")
            for node in tree.allNodes() {
                _ = node.properties
                _ = try? node.registers()
                _ = try? node.interrupts()
                _ = try? node.linuxDeviceName()
            }
        }
    }

    func testMissingFile() {
        XCTAssertThrows(.unreadableFile(path: "/nonexistent/board.dtb", errno: 2)) {
            () throws(DeviceTreeError) in try DeviceTree(contentsOfFile: "/nonexistent/board.dtb")
        }
        XCTAssertEqual(DeviceTreeError.unreadableFile(path: "/x.dtb", errno: 2).description,
                       "cannot read /x.dtb: No such file or directory (errno 2)")
    }

    func testDirectoryIsUnreadable() {
        // open(2) succeeds on a directory; read(2) fails with EISDIR (21).
        XCTAssertThrows(.unreadableFile(path: "/", errno: 21)) {
            () throws(DeviceTreeError) in try DeviceTree(contentsOfFile: "/")
        }
    }

    // MARK: Broken trees (dts/broken)

    func testDanglingPhandles() throws {
        let tree = try Fixtures.tree("broken/dangling-phandle.dts")
        let uart = try requireNode(tree, "/uart@2000")
        XCTAssertThrows(.danglingPhandle(node: "/uart@2000", property: "interrupt-parent", phandle: 0xdead)) {
            () throws(DeviceTreeError) in try uart.interrupts()
        }
        let timer = try requireNode(tree, "/timer@3000")
        XCTAssertThrows(.danglingPhandle(node: "/timer@3000", property: "interrupts-extended", phandle: 0xdead)) {
            () throws(DeviceTreeError) in try timer.interrupts()
        }
        let mappedDevice = try requireNode(tree, "/nexus@4000/device@4100")
        XCTAssertThrows(.danglingPhandle(node: "/nexus@4000", property: "interrupt-map", phandle: 0xdead)) {
            () throws(DeviceTreeError) in try mappedDevice.interrupts()
        }
        let user = try requireNode(tree, "/syscon-user@5000")
        XCTAssertThrows(.danglingPhandle(node: "/syscon-user@5000", property: "vendor,syscon", phandle: 0xdead)) {
            () throws(DeviceTreeError) in try user.phandle("vendor,syscon")
        }
        XCTAssertNil(try user.phandle("absent"))
        XCTAssertEqual(
            DeviceTreeError.danglingPhandle(node: "/uart@2000", property: "interrupt-parent", phandle: 0xdead).description,
            "property 'interrupt-parent' of /uart@2000 refers to phandle 0xdead, which no node in the tree has")
    }

    /// short-reg: 12 bytes under #address-cells 2 + #size-cells 2 (16-byte entries).
    /// Linux's naming reads only the first address, which 12 bytes hold: "9000000.short-reg".
    /// tiny-reg: 4 bytes hold not even one address: naming fails as well.
    func testBadRegLength() throws {
        let tree = try Fixtures.tree("broken/bad-lengths.dts")
        let short = try requireNode(tree, "/short-reg@9000000")
        let expected = DeviceTreeError.invalidPropertyLength(
            node: "/short-reg@9000000", property: "reg", length: 12,
            expected: "a multiple of 16 bytes (#address-cells 2 + #size-cells 2 of /)")
        XCTAssertThrows(expected) { () throws(DeviceTreeError) in try short.registers() }
        XCTAssertEqual(expected.description,
                       "property 'reg' of /short-reg@9000000 is 12 bytes long, but must be a multiple of 16 bytes (#address-cells 2 + #size-cells 2 of /)")
        XCTAssertEqual(try short.linuxDeviceName(), "9000000.short-reg")

        let tiny = try requireNode(tree, "/tiny-reg@9100000")
        XCTAssertThrows(.invalidPropertyLength(node: "/tiny-reg@9100000", property: "reg", length: 4,
                                               expected: "a multiple of 16 bytes (#address-cells 2 + #size-cells 2 of /)")) {
            () throws(DeviceTreeError) in try tiny.registers()
        }
        XCTAssertThrows(.invalidPropertyLength(node: "/tiny-reg@9100000", property: "reg", length: 4,
                                               expected: "at least 8 bytes (#address-cells 2 of /)")) {
            () throws(DeviceTreeError) in try tiny.linuxDeviceName()
        }
    }

    /// interrupts = <0 5> (8 bytes) against the GIC's 3-cell specifiers.
    func testBadInterruptsLength() throws {
        let tree = try Fixtures.tree("broken/bad-lengths.dts")
        let shortIRQ = try requireNode(tree, "/short-irq@9200000")
        XCTAssertThrows(.invalidPropertyLength(
            node: "/short-irq@9200000", property: "interrupts", length: 8,
            expected: "a multiple of 12 bytes (#interrupt-cells 3 of /interrupt-controller@8000000)")) {
            () throws(DeviceTreeError) in try shortIRQ.interrupts()
        }
    }

    /// bus@9300000's ranges has 3 cells; entries need 1 + 2 + 1 = 4. registers() reports the
    /// ranges; Linux's naming ignores the partial entry, so nothing translates: the name is
    /// "bus@9300000:dev@100".
    func testBadRangesLength() throws {
        let tree = try Fixtures.tree("broken/bad-lengths.dts")
        let device = try requireNode(tree, "/bus@9300000/dev@100")
        XCTAssertThrows(.invalidPropertyLength(
            node: "/bus@9300000", property: "ranges", length: 12,
            expected: "a multiple of 16 bytes (child #address-cells 1 + parent #address-cells 2 + #size-cells 1)")) {
            () throws(DeviceTreeError) in try device.registers()
        }
        XCTAssertEqual(try device.linuxDeviceName(), "bus@9300000:dev@100")
    }

    func testTypedReadersRejectWrongLengths() throws {
        let tree = try Fixtures.tree("broken/bad-lengths.dts")
        let values = try requireNode(tree, "/values")
        XCTAssertThrows(.invalidPropertyLength(node: "/values", property: "odd-u32", length: 2, expected: "exactly 4 bytes (one cell)")) {
            () throws(DeviceTreeError) in try values.u32("odd-u32")
        }
        XCTAssertThrows(.invalidPropertyLength(node: "/values", property: "odd-u32", length: 2, expected: "exactly 8 bytes (two cells)")) {
            () throws(DeviceTreeError) in try values.u64("odd-u32")
        }
        let oddCells = DeviceTreeError.invalidPropertyLength(node: "/values", property: "odd-cells", length: 6, expected: "a multiple of 4 bytes (whole cells)")
        XCTAssertThrows(oddCells) { () throws(DeviceTreeError) in try values.cells("odd-cells") }
        XCTAssertThrows(.invalidPropertyValue(node: "/values", property: "unterminated", reason: "it is not a NUL-terminated string")) {
            () throws(DeviceTreeError) in try values.string("unterminated")
        }
        XCTAssertThrows(.invalidPropertyValue(node: "/values", property: "unterminated", reason: "it is not a list of NUL-terminated strings")) {
            () throws(DeviceTreeError) in try values.stringList("unterminated")
        }
        XCTAssertThrows(.invalidPropertyValue(node: "/values", property: "#address-cells", reason: "7 cells is more than the 4 any bus uses")) {
            () throws(DeviceTreeError) in try values.addressCells()
        }
        XCTAssertNil(try values.u32("absent"))
        // The same checks on a copied property.
        let copy = try XCTUnwrap(values.property("odd-cells"))
        XCTAssertEqual(copy.nodePath, "/values")
        XCTAssertThrows(oddCells) { () throws(DeviceTreeError) in try copy.cells() }
    }

    /// device@1000 -> interrupt-parent /node-a -> /node-b -> /node-a: a loop.
    func testInterruptParentCycle() throws {
        let tree = try Fixtures.tree("broken/interrupt-parent-cycle.dts")
        let expected = DeviceTreeError.interruptParentCycle(
            node: "/device@1000", chain: ["/device@1000", "/node-a", "/node-b", "/node-a"])
        let device = try requireNode(tree, "/device@1000")
        XCTAssertThrows(expected) { () throws(DeviceTreeError) in try device.interrupts() }
        XCTAssertEqual(expected.description,
                       "the 'interrupt-parent' chain of /device@1000 loops: /device@1000 -> /node-a -> /node-b -> /node-a")
    }

    /// nexus-a maps <1> to nexus-b <1>, which maps it back to nexus-a <1>.
    func testInterruptMapCycle() throws {
        let tree = try Fixtures.tree("broken/interrupt-map-cycle.dts")
        let device = try requireNode(tree, "/device@1000")
        XCTAssertThrows(.interruptMapCycle(node: "/device@1000", nexus: "/nexus-a")) {
            () throws(DeviceTreeError) in try device.interrupts()
        }
    }

    /// The controller lacks #interrupt-cells; each route to it reports that.
    func testMissingInterruptCells() throws {
        let tree = try Fixtures.tree("broken/missing-interrupt-cells.dts")
        let controller = "/interrupt-controller@1000"
        let extended = try requireNode(tree, "/dev-ext@2000")
        XCTAssertThrows(.missingProperty(node: controller, property: "#interrupt-cells", requiredBy: "/dev-ext@2000")) {
            () throws(DeviceTreeError) in try extended.interrupts()
        }
        let viaParent = try requireNode(tree, "/dev-parent@3000")
        XCTAssertThrows(.missingProperty(node: controller, property: "#interrupt-cells", requiredBy: "/dev-parent@3000")) {
            () throws(DeviceTreeError) in try viaParent.interrupts()
        }
        let viaMap = try requireNode(tree, "/nexus@4000/dev-map@4100")
        XCTAssertThrows(.missingProperty(node: controller, property: "#interrupt-cells", requiredBy: "/nexus@4000")) {
            () throws(DeviceTreeError) in try viaMap.interrupts()
        }
        XCTAssertEqual(
            DeviceTreeError.missingProperty(node: controller, property: "#interrupt-cells", requiredBy: "/dev-ext@2000").description,
            "/interrupt-controller@1000 has no '#interrupt-cells' property, which /dev-ext@2000 needs")
    }
}
