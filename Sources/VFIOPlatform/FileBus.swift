import PlatformCore
import CLinux
import Registers

/// The register bus of a region reached through pread/pwrite on the device file: for regions the
/// kernel does not let map (smaller than a page, or not page-aligned). It holds the region, so
/// the descriptor it reads through stays open as long as a block bound to it exists.
///
/// The block was bounds-checked when the bus was made; an I/O error on a checked access means the
/// device is gone, and stops the program with the reason rather than returning a wrong value.
public struct FileBus: RegisterBus {
    /// The region read and written through.
    public let region: Region
    /// The region offset of the block's first byte.
    public let baseOffset: Int

    /// A bus whose offset 0 is offset `baseOffset` of `region`. The caller has checked the block.
    init(region: Region, baseOffset: Int) {
        self.region = region
        self.baseOffset = baseOffset
    }

    func read<T: RegisterValue>(_ type: T.Type, at offset: Int) -> T {
        var value: T = 0
        let position = region.info.fileOffset + Int64(baseOffset + offset)
        let count = withUnsafeMutableBytes(of: &value) { clinux_pread(region.descriptor.rawValue, $0.baseAddress, $0.count, position) }
        if count != MemoryLayout<T>.size { fail("pread", offset) }
        return T(littleEndian: value)
    }

    func write<T: RegisterValue>(_ value: T, at offset: Int) {
        var little = value.littleEndian
        let position = region.info.fileOffset + Int64(baseOffset + offset)
        let count = withUnsafeBytes(of: &little) { clinux_pwrite(region.descriptor.rawValue, $0.baseAddress, $0.count, position) }
        if count != MemoryLayout<T>.size { fail("pwrite", offset) }
    }

    private func fail(_ operation: String, _ offset: Int) -> Never {
        fatalError("\(operation) of region \(region.info.index) at 0x\(String(baseOffset + offset, radix: 16)) failed: \(currentErrno().description)")
    }

    /// Reads 8 bits with one pread.
    public func read8(at offset: Int) -> UInt8 { read(UInt8.self, at: offset) }
    /// Reads 16 bits with one pread.
    public func read16(at offset: Int) -> UInt16 { read(UInt16.self, at: offset) }
    /// Reads 32 bits with one pread.
    public func read32(at offset: Int) -> UInt32 { read(UInt32.self, at: offset) }
    /// 64-bit reads are two 32-bit reads, low word first (the kernel's pread path stops at 4 bytes).
    public func read64(at offset: Int) -> UInt64 {
        UInt64(read(UInt32.self, at: offset)) | UInt64(read(UInt32.self, at: offset + 4)) << 32
    }
    /// Writes 8 bits with one pwrite.
    public func write8(_ value: UInt8, at offset: Int) { write(value, at: offset) }
    /// Writes 16 bits with one pwrite.
    public func write16(_ value: UInt16, at offset: Int) { write(value, at: offset) }
    /// Writes 32 bits with one pwrite.
    public func write32(_ value: UInt32, at offset: Int) { write(value, at: offset) }
    /// 64-bit writes are two 32-bit writes, low word first.
    public func write64(_ value: UInt64, at offset: Int) {
        write(UInt32(truncatingIfNeeded: value), at: offset)
        write(UInt32(truncatingIfNeeded: value >> 32), at: offset + 4)
    }
}
