import PlatformSimulation

/// A bank of two interleaved x16 CFI chips on a 32-bit bus, as QEMU's pflash_cfi01 models the
/// virt board's flash: commands are written to both lanes, query bytes are read in both lanes.
final class SimulatedCFIFlash: RegisterModel {
    /// The chips' query table: address unit -> byte.
    let table: [Int: UInt8]
    /// Bytes of the bank.
    let size: Int
    /// Whether the chips answer the query (after 0x98) or read the array (after 0xFF).
    private(set) var inQueryMode = false
    /// Every command written, low lane.
    private(set) var commands: [UInt16] = []

    init(size: Int = 64 << 20, table: [Int: UInt8]) {
        self.size = size
        self.table = table
    }

    func read(offset: Int, width: Int) -> UInt64 {
        guard inQueryMode, width == 4, offset % 4 == 0 else { return 0 }
        let byte = UInt64(table[offset / 4] ?? 0)
        return byte | byte << 16
    }

    func write(offset: Int, width: Int, value: UInt64) {
        let command = UInt16(truncatingIfNeeded: value)
        commands.append(command)
        switch command {
        case 0x98 where offset == 0x55 * 4: inQueryMode = true
        case 0xFF: inQueryMode = false
        default: break
        }
    }

    /// The query table of one 32 MiB chip with one region of 128 KiB erase blocks and a 64-byte
    /// write buffer, Intel/Sharp command set.
    static let intelTable: [Int: UInt8] = [
        0x10: 0x51, 0x11: 0x52, 0x12: 0x59,   // "QRY"
        0x13: 0x01, 0x14: 0x00,               // primary command set 0x0001
        0x27: 25,                             // 2^25 bytes
        0x2A: 6, 0x2B: 0,                     // write buffer 2^6 bytes
        0x2C: 1,                              // one erase region
        0x2D: 0xFF, 0x2E: 0x00,               // 256 blocks (255 + 1)
        0x2F: 0x00, 0x30: 0x02,               // of 0x200 * 256 = 128 KiB
    ]
}
