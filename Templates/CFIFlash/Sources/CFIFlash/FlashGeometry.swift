/// What the CFI query says of the chips of one flash bank.
public struct FlashGeometry: Sendable, Equatable {
    /// How many chips share the bank, side by side on its data bus (1, or 2 for two x16 chips on
    /// a 32-bit bank).
    public var interleave: Int
    /// The primary vendor command set (query bytes 0x13-0x14): 0x0001 Intel/Sharp extended,
    /// 0x0002 AMD/Fujitsu standard, 0x0003 Intel standard.
    public var commandSet: UInt16
    /// Bytes of one chip (2^N, query byte 0x27).
    public var chipSize: Int
    /// Bytes of one chip's write buffer (2^N, query bytes 0x2A-0x2B), 0 when it has none.
    public var writeBufferSize: Int
    /// The chip's erase-block regions, lowest addresses first (query bytes 0x2C-).
    public var eraseRegions: [EraseRegion]

    /// A geometry from its parts.
    public init(interleave: Int, commandSet: UInt16, chipSize: Int, writeBufferSize: Int, eraseRegions: [EraseRegion]) {
        self.interleave = interleave
        self.commandSet = commandSet
        self.chipSize = chipSize
        self.writeBufferSize = writeBufferSize
        self.eraseRegions = eraseRegions
    }

    /// Bytes of the whole bank.
    public var bankSize: Int { chipSize * interleave }

    /// A region of equal erase blocks.
    public struct EraseRegion: Sendable, Equatable {
        /// How many blocks.
        public var blocks: Int
        /// Bytes per block of one chip.
        public var blockSize: Int

        /// `blocks` blocks of `blockSize` bytes.
        public init(blocks: Int, blockSize: Int) {
            self.blocks = blocks
            self.blockSize = blockSize
        }
    }

    /// The command set's name, e.g. "Intel/Sharp extended".
    public var commandSetName: String {
        switch commandSet {
        case 0x0001: return "Intel/Sharp extended"
        case 0x0002: return "AMD/Fujitsu standard"
        case 0x0003: return "Intel standard"
        case 0x0004: return "AMD/Fujitsu extended"
        default: return "vendor 0x" + String(commandSet, radix: 16)
        }
    }

    /// One line: "2 chip(s), CFI command set 0x1 (Intel/Sharp extended), 64 MiB, write buffer
    /// 64 bytes per chip, erase blocks 256 x 128 KiB".
    public var summary: String {
        var regions = ""
        for region in eraseRegions {
            regions += (regions.isEmpty ? "" : ", ") + "\(region.blocks) x \(region.blockSize / 1024) KiB"
        }
        return "\(interleave) chip(s), CFI command set 0x\(String(commandSet, radix: 16)) (\(commandSetName)), \(bankSize >> 20) MiB, write buffer \(writeBufferSize) bytes per chip, erase blocks \(regions)"
    }
}
