import FlashRegisters
import Registers
import PlatformCore

/// Identifies the CFI NOR flash of one 32-bit bank: enters query mode, reads the query table,
/// and returns the chips to reading the array. Generic over `PlatformDevice`, so the same code
/// drives the board's flash through VFIO and a simulated flash in tests.
public struct CFIFlash<Device: PlatformDevice> {
    /// The bank's command and query interface.
    public let cfi: CFI<Device.Bus>

    /// Binds to bank `bank` (a `reg` entry) of `device`; `bankWidth` is the node's bank-width.
    public init(device: Device, bank: Int = 0, bankWidth: UInt32) throws(FlashError) {
        guard bankWidth == 4 else { throw .unsupportedBankWidth(bankWidth) }
        do {
            cfi = try device.registerBlock(region: bank)
        } catch {
            throw .device(error)
        }
    }

    /// Reads the query table and leaves the chips reading the array again.
    public func query() throws(FlashError) -> FlashGeometry {
        cfi.cell(0x55).write { $0.lane0 = 0x98; $0.lane1 = 0x98 }
        defer { readArray() }
        let signature = [byte(0x10), byte(0x11), byte(0x12)]
        guard signature == [0x51, 0x52, 0x59] else { throw .noQueryAnswer(got: signature) }
        let interleave = cfi.cell(0x10).read().lane1 == 0x51 ? 2 : 1
        let writeBufferLog2 = Int(byte(0x2A)) | Int(byte(0x2B)) << 8
        var regions: [FlashGeometry.EraseRegion] = []
        for index in 0..<Int(byte(0x2C)) {
            let base = 0x2D + 4 * index
            let blocks = (Int(byte(base)) | Int(byte(base + 1)) << 8) + 1
            let blockSize = (Int(byte(base + 2)) | Int(byte(base + 3)) << 8) * 256
            regions.append(FlashGeometry.EraseRegion(blocks: blocks, blockSize: blockSize))
        }
        return FlashGeometry(
            interleave: interleave,
            commandSet: UInt16(byte(0x13)) | UInt16(byte(0x14)) << 8,
            chipSize: 1 << Int(byte(0x27)),
            writeBufferSize: writeBufferLog2 == 0 ? 0 : 1 << writeBufferLog2,
            eraseRegions: regions
        )
    }

    /// Puts every chip back to reading the array (command 0xFF).
    public func readArray() {
        cfi.cell(0).write { $0.lane0 = 0xFF; $0.lane1 = 0xFF }
    }

    /// Query byte `unit` of the first chip.
    private func byte(_ unit: Int) -> UInt8 {
        UInt8(truncatingIfNeeded: cfi.cell(unit).read().lane0)
    }
}
