import Registers
import XCTest

/// `RegisterMapReader` on a recording bus: which registers it reads, at which width, how it
/// decodes them, and which it leaves alone and why.
final class RegisterMapReaderTests: XCTestCase {
    static let map = RegisterMap(name: "Demo", extent: 0x80, encoded: """
        0x000 STATUS 32 w1c: READY 0 1, MODE 1 2 IDLE=0 RUN=1, LEVEL 8 8
        0x004 FIFO 8 ro side-effects: DATA 0 8
        0x004 DIV 8 rw bank=ALT
        0x006 CMD 16 wo
        0x008 ID 16 ro big-endian: ID 0 16
        0x010 COUNT 64 rc side-effects
        0x018 WIDE 64 rw
        0x020 TABLE[2,0x8] 32 rw
        0x040 Chan[2,0x10].CFG 32 rw: ON 0 1
        0x07C LAST 32 ro
        """)

    func bus() -> RecordingBus {
        let bus = RecordingBus()
        bus.values = [0x00: 0x0000_2A03, 0x04: 0x41, 0x08: 0x3412, 0x10: 7, 0x18: 0x1122_3344_5566_7788,
                      0x20: 1, 0x28: 2, 0x40: 1, 0x50: 0, 0x7C: 0xFFFF_FFFF]
        return bus
    }

    func testTheEncodedLinesDecodeIntoEntries() {
        let registers = Self.map.registers
        XCTAssertEqual(registers.map(\.name), ["STATUS", "FIFO", "DIV", "CMD", "ID", "COUNT", "WIDE", "TABLE", "CFG", "LAST"])
        let status = registers[0]
        XCTAssertEqual(status.access, .writeOneToClear)
        XCTAssertEqual(status.fields.map(\.name), ["READY", "MODE", "LEVEL"])
        XCTAssertEqual(status.fields[1].lsb, 1)
        XCTAssertEqual(status.fields[1].width, 2)
        XCTAssertEqual(status.fields[1].values.map(\.name), ["IDLE", "RUN"])
        XCTAssertEqual(status.fields[1].values.map(\.value), [0, 1])
        XCTAssertTrue(registers[1].readSideEffects)
        XCTAssertEqual(registers[2].bank, "ALT")
        XCTAssertTrue(registers[4].isBigEndian)
        XCTAssertEqual(registers[5].width, 64)
        XCTAssertEqual(registers[7].count, 2)
        XCTAssertEqual(registers[7].stride, 8)
        XCTAssertTrue(registers[7].isArray)
        XCTAssertEqual(registers[8].clusters.map(\.name), ["Chan"])
        XCTAssertEqual(registers[8].clusters.first?.stride, 0x10)
        XCTAssertEqual(registers[9].offset, 0x7C)
    }

    func testMalformedLinesAreLeftOut() {
        let map = RegisterMap(name: "Bad", extent: 0x10, encoded: """
            0x000 GOOD 32 rw: A 0 1
            0x004 NOWIDTH rw
            0x008 BADACCESS 32 rx
            0x00C BADFIELD 32 rw: A 0
            0x010 BADFLAG 32 rw sideeffects
            0x014 BADARRAY[2] 32 rw
            0x018 BADVALUE 32 rw: A 0 2 X=y
            0xFFFFFFFFFFFFFFFFF HUGE 32 rw
            """)
        XCTAssertEqual(map.registers.map(\.name), ["GOOD"])
    }

    func testElementsExpandArraysAndClustersInOffsetOrder() {
        let elements = Self.map.elements.map { "\(String($0.offset, radix: 16)) \($0.name)" }
        XCTAssertEqual(elements, ["0 STATUS", "4 FIFO", "4 DIV", "6 CMD", "8 ID", "10 COUNT", "18 WIDE",
                                  "20 TABLE[0]", "28 TABLE[1]", "40 Chan[0].CFG", "50 Chan[1].CFG", "7c LAST"])
        XCTAssertEqual(Self.map.offsetDigits, 3)
    }

    func testReadsEachReadableRegisterOnceAtItsWidthAndDecodesIt() {
        let bus = bus()
        let readings = RegisterMapReader().read(Self.map, from: bus, regionSize: 0x80)
        XCTAssertEqual(bus.log.map(\.description), ["read32 @0x0", "read16 @0x8", "read64 @0x18", "read32 @0x20", "read32 @0x28",
                                                    "read32 @0x40", "read32 @0x50", "read32 @0x7c"],
                       "no write, no read of FIFO/COUNT (side effects), DIV (bank) or CMD (write-only)")
        let lines = readings.flatMap { $0.lines(offsetDigits: Self.map.offsetDigits) }
        XCTAssertEqual(lines, [
            "0x000 STATUS = 0x00002a03",
            "  READY = 1",
            "  MODE = 1 (RUN)",
            "  LEVEL = 0x2a",
            "0x004 FIFO: not read (reading it has side effects)",
            "0x004 DIV: not read (in bank ALT: its offset shows another register unless that bank is selected)",
            "0x006 CMD: not read (write-only)",
            "0x008 ID = 0x1234",
            "  ID = 0x1234",
            "0x010 COUNT: not read (reading it has side effects)",
            "0x018 WIDE = 0x1122334455667788",
            "0x020 TABLE[0] = 0x00000001",
            "0x028 TABLE[1] = 0x00000002",
            "0x040 Chan[0].CFG = 0x00000001",
            "  ON = 1",
            "0x050 Chan[1].CFG = 0x00000000",
            "  ON = 0",
            "0x07c LAST = 0xffffffff",
        ])
    }

    func testSideEffectsAreReadOnlyWhenAsked() {
        let bus = bus()
        let readings = RegisterMapReader(includeSideEffects: true).read(Self.map, from: bus, regionSize: 0x80)
        XCTAssertTrue(bus.log.contains(.read(offset: 0x04, width: 8)))
        XCTAssertTrue(bus.log.contains(.read(offset: 0x10, width: 64)))
        XCTAssertFalse(bus.log.contains { if case .read(0x06, _) = $0 { return true } else { return false } }, "write-only stays unread")
        let lines = readings.flatMap { $0.lines(offsetDigits: 3) }
        XCTAssertTrue(lines.contains("0x004 FIFO = 0x41"))
        XCTAssertTrue(lines.contains("  DATA = 0x41"))
        XCTAssertTrue(lines.contains("0x010 COUNT = 0x0000000000000007"))
        XCTAssertTrue(lines.contains("0x004 DIV: not read (in bank ALT: its offset shows another register unless that bank is selected)"))
    }

    func testUnnamedValuesOfAnOpenEnumShowWithoutAName() {
        let bus = RecordingBus()
        bus.values = [0x00: 0b101]
        let first = RegisterMapReader().read(Self.map, from: bus, regionSize: 0x80)[0]
        XCTAssertEqual(first.lines(offsetDigits: 3), ["0x000 STATUS = 0x00000005", "  READY = 1", "  MODE = 2", "  LEVEL = 0"])
    }

    func testRegistersBeyondASmallerRegionAreNotRead() {
        let bus = bus()
        let readings = RegisterMapReader().read(Self.map, from: bus, regionSize: 0x44)
        XCTAssertFalse(bus.log.contains(.read(offset: 0x50, width: 32)))
        XCTAssertFalse(bus.log.contains(.read(offset: 0x7C, width: 32)))
        let skipped = readings.compactMap { reading -> String? in
            if case .skipped(let element, .beyondRegion(let size)) = reading { return "\(element.name) \(size)" }
            return nil
        }
        XCTAssertEqual(skipped, ["Chan[1].CFG 68", "LAST 68"])
        XCTAssertEqual(readings.last?.lines(offsetDigits: 3), ["0x07c LAST: not read (beyond the region's 0x44 bytes)"])
    }

    func testCatalogLookupTakesTheMostSpecificCompatible() {
        let catalog = [
            BindingRegisterMaps(binding: "Generic", compatibles: ["vendor,generic"], regions: [Self.map]),
            BindingRegisterMaps(binding: "Specific", compatibles: ["vendor,specific-v2", "vendor,specific"], regions: [Self.map]),
        ]
        XCTAssertEqual(BindingRegisterMaps.find(compatible: "vendor,specific", in: catalog).map { staticText($0.binding) }, "Specific")
        XCTAssertNil(BindingRegisterMaps.find(compatible: "vendor,specifi", in: catalog), "whole strings only")
        XCTAssertEqual(BindingRegisterMaps.find(compatibles: ["vendor,specific", "vendor,generic"], in: catalog).map { staticText($0.binding) }, "Specific")
        XCTAssertEqual(BindingRegisterMaps.find(compatibles: ["vendor,other", "vendor,generic"], in: catalog).map { staticText($0.binding) }, "Generic")
        XCTAssertNil(BindingRegisterMaps.find(compatibles: ["virtio,mmio"], in: catalog))
    }
}
