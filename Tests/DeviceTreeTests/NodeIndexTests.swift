@_spi(Testing) import DeviceTree
import XCTest

/// Loading reads the structure block directly instead of through libfdt's iterators. These
/// tests pin down that the index is the same either way, on the samples and on hand-built blobs
/// with the layouts `fdt_check_full` accepts but dtc never writes.
final class NodeIndexTests: XCTestCase {
    func testSamplesAreReadDirectlyAndMatchLibfdt() throws {
        for name in ["qemu-virt.dts", "nested-bus.dts", "broken/dangling-phandle.dts", "broken/bad-lengths.dts"] {
            let tree = try Fixtures.tree(name)
            XCTAssertTrue(tree.indexWasReadDirectly, name)
            XCTAssertTrue(tree.indexMatchesLibfdtWalk, name)
        }
    }

    /// Format version 16 has no structure-block size in its header: libfdt indexes it, and the
    /// tree is the same as the version-17 one.
    func testVersion16FallsBackToLibfdtWithTheSameTree() throws {
        let modern = try Fixtures.tree("nested-bus.dts")
        let old = try DeviceTree(bytes: BlobWriter.rewrite(modern, version: 16))
        XCTAssertFalse(old.indexWasReadDirectly)
        XCTAssertEqual(old.allNodes().map(\.path), modern.allNodes().map(\.path))
        XCTAssertEqual(old.allNodes().map { $0.properties.map(\.name) }, modern.allNodes().map { $0.properties.map(\.name) })
    }

    /// NOP tags anywhere are skipped; a property after a child node is not the node's (libfdt's
    /// property iterator stops at the first child); "phandle" wins over "linux,phandle", and a phandle of the wrong length is ignored.
    func testUnusualLayoutsIndexAsLibfdtDoes() throws {
        var blob = BlobWriter()
        blob.begin("")
        blob.nop()
        blob.property("#address-cells", cells: [1])
        blob.nop()
        blob.begin("a@1")
        blob.property("linux,phandle", cells: [7])
        blob.property("phandle", cells: [5])
        blob.end()
        blob.property("late", cells: [1])
        blob.begin("b@2")
        blob.property("phandle", bytes: [0, 0, 9])
        blob.property("linux,phandle", cells: [9])
        blob.nop()
        blob.end()
        blob.end()
        let tree = try DeviceTree(bytes: blob.finish())

        XCTAssertTrue(tree.indexWasReadDirectly)
        XCTAssertTrue(tree.indexMatchesLibfdtWalk)
        XCTAssertEqual(tree.allNodes().map(\.path), ["/", "/a@1", "/b@2"])
        XCTAssertEqual(tree.root.properties.map(\.name), ["#address-cells"])
        XCTAssertFalse(tree.root.hasProperty("late"))
        XCTAssertEqual(tree.node(phandle: 5)?.path, "/a@1")
        XCTAssertNil(tree.node(phandle: 7))
        XCTAssertEqual(tree.node(phandle: 9)?.path, "/b@2")
    }

    /// A structure block that starts with a NOP passes fdt_check_full, but libfdt expects the
    /// root at offset 0 (so does every lookup by path): such a blob goes to libfdt's walk, which
    /// sees no node there, and the tree is a single empty root rather than a misread one.
    func testLeadingNopIsHandledByLibfdt() throws {
        var blob = BlobWriter()
        blob.nop()
        blob.begin("")
        blob.begin("only")
        blob.end()
        blob.end()
        let tree = try DeviceTree(bytes: blob.finish())
        XCTAssertFalse(tree.indexWasReadDirectly)
        XCTAssertTrue(tree.indexMatchesLibfdtWalk)
        XCTAssertEqual(tree.nodeCount, 1)
        XCTAssertEqual(tree.root.properties.count, 0)
    }
}

/// Writes a flattened device tree tag by tag (format version 17), for layouts dtc does not make.
struct BlobWriter {
    private var structure: [UInt8] = []
    private var strings: [UInt8] = []

    private static func append(_ value: UInt32, to bytes: inout [UInt8]) {
        bytes += [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
    }

    private mutating func pad() {
        while structure.count % 4 != 0 { structure.append(0) }
    }

    mutating func begin(_ name: String) {
        Self.append(1, to: &structure)
        structure += Array(name.utf8) + [0]
        pad()
    }

    mutating func end() { Self.append(2, to: &structure) }

    mutating func nop() { Self.append(4, to: &structure) }

    mutating func property(_ name: String, bytes: [UInt8]) {
        Self.append(3, to: &structure)
        Self.append(UInt32(bytes.count), to: &structure)
        Self.append(UInt32(strings.count), to: &structure)
        strings += Array(name.utf8) + [0]
        structure += bytes
        pad()
    }

    mutating func property(_ name: String, cells: [UInt32]) {
        var bytes: [UInt8] = []
        for cell in cells { Self.append(cell, to: &bytes) }
        property(name, bytes: bytes)
    }

    /// The blob: header, an empty reservation map, the structure block (with FDT_END) and the strings.
    mutating func finish(version: UInt32 = 17) -> [UInt8] {
        Self.append(9, to: &structure)
        let headerSize = 40
        let reservations = headerSize
        let structStart = reservations + 16
        let stringsStart = structStart + structure.count
        let total = stringsStart + strings.count
        var header: [UInt8] = []
        for value in [0xD00D_FEED, UInt32(total), UInt32(structStart), UInt32(stringsStart), UInt32(reservations),
                      version, 16, 0, UInt32(strings.count), UInt32(structure.count)] {
            Self.append(value, to: &header)
        }
        return header + [UInt8](repeating: 0, count: 16) + structure + strings
    }

    /// `tree`'s blob with its header's version (and last compatible version) set to `version`.
    static func rewrite(_ tree: DeviceTree, version: UInt32) -> [UInt8] {
        var bytes = tree.bytes
        var field: [UInt8] = []
        append(version, to: &field)
        bytes.replaceSubrange(20..<24, with: field)
        bytes.replaceSubrange(24..<28, with: [0, 0, 0, 16])
        return bytes
    }
}
