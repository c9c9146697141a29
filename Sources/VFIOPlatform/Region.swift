import PlatformCore
import ByteText
import CLinux
import Registers

/// One device region, accessed through a mapping when the kernel offers one and through
/// pread/pwrite at the region's file offset otherwise. Every access is bounds- and
/// alignment-checked and has the exact width asked for (the kernel's pread path does 1, 2 or
/// 4-byte accesses, so 64-bit accesses need a mapping).
///
/// Register buses made from a region (`mappedBus`, `fileBus`) hold the region, so the mapping
/// and the device descriptor outlive every register block bound to them.
public final class Region {
    /// What the kernel reported for the region.
    public let info: RegionInfo
    /// The mapping, when the region is mapped.
    public let mapping: UnsafeMutableRawPointer?
    /// The device descriptor the region is read, written and mapped through.
    public let descriptor: OwnedDescriptor
    private let mappedLength: Int
    private let files: any DeviceFileCalls

    /// Sets up access to a region of `device`: maps it (through `files`) when `info.canMap` and
    /// `preferMapping`.
    public init(info: RegionInfo, device: OwnedDescriptor, preferMapping: Bool = true, files: any DeviceFileCalls = LinuxDeviceFiles()) throws(DeviceError) {
        self.info = info
        self.descriptor = device
        self.files = files
        var mapped: UnsafeMutableRawPointer?
        var length = 0
        if info.canMap && preferMapping {
            let pageSize = Int(clinux_page_size())
            length = (info.size + pageSize - 1) / pageSize * pageSize
            do { mapped = try files.mapShared(device.rawValue, length: length, offset: info.fileOffset) } catch {
                // A 32-bit kernel maps a device file only below 4 GiB (file_mmap_size_max:
                // ULONG_MAX), and vfio-platform puts region N at N << 40: every region but the
                // first is reached through pread/pwrite there.
                guard error == .overflow else {
                    throw .systemCall(operation: "mmap region \(info.index) (\(length) bytes)", errno: error)
                }
                length = 0
            }
        }
        mapping = mapped
        mappedLength = length
    }

    deinit {
        if let mapping { files.unmap(mapping, length: mappedLength) }
    }

    /// Whether accesses go through a mapping (true) or pread/pwrite (false).
    public var isMapped: Bool { mapping != nil }

    /// Reads `T` at `offset` after checking bounds, alignment and width.
    public func read<T: RegisterValue>(_ type: T.Type = T.self, at offset: Int) throws(DeviceError) -> T {
        try check(offset: offset, width: MemoryLayout<T>.size)
        if let mapping { return T.load(from: MemoryRegisterBus(base: mapping), at: offset) }
        var value: T = 0
        let count = withUnsafeMutableBytes(of: &value) { clinux_pread(descriptor.rawValue, $0.baseAddress, $0.count, info.fileOffset + Int64(offset)) }
        if count != MemoryLayout<T>.size {
            throw .systemCall(operation: "pread region \(info.index) offset 0x\(String(offset, radix: 16))", errno: count < 0 ? currentErrno() : .ioError)
        }
        return T(littleEndian: value)
    }

    /// Writes `value` at `offset` after checking bounds, alignment and width.
    public func write<T: RegisterValue>(_ value: T, at offset: Int) throws(DeviceError) {
        try check(offset: offset, width: MemoryLayout<T>.size)
        if let mapping { T.store(value, to: MemoryRegisterBus(base: mapping), at: offset); return }
        var little = value.littleEndian
        let count = withUnsafeBytes(of: &little) { clinux_pwrite(descriptor.rawValue, $0.baseAddress, $0.count, info.fileOffset + Int64(offset)) }
        if count != MemoryLayout<T>.size {
            throw .systemCall(operation: "pwrite region \(info.index) offset 0x\(String(offset, radix: 16))", errno: count < 0 ? currentErrno() : .ioError)
        }
    }

    /// Checks an access of `width` bytes at `offset` against the region.
    public func check(offset: Int, width: Int) throws(DeviceError) {
        if offset < 0 || offset + width > info.size { throw .outOfRange(offset: offset, width: width, regionSize: info.size) }
        if offset % width != 0 { throw .misaligned(offset: offset, width: width) }
        if width == 8 && mapping == nil {
            throw .unsupportedWidth(width: 8, reason: "region \(info.index) is not mapped and the kernel's pread/pwrite path does at most 4-byte accesses")
        }
        if !info.canRead && !info.canWrite { throw .unsupportedWidth(width: width, reason: "region \(info.index) allows neither reads nor writes") }
    }

    /// Checks a block of `size` bytes at `offset` against the region.
    private func checkBlock(offset: Int, size: Int) throws(DeviceError) {
        if offset < 0 || size < 0 || offset > info.size || size > info.size - offset {
            throw .blockOutsideRegion(offset: offset, size: size, region: info.index, regionSize: info.size)
        }
    }

    /// A bus of single volatile loads and stores over a block of `size` bytes at `offset`,
    /// checked once here so that register accesses through it need no further checks. Throws
    /// `regionNotMapped` when the kernel does not let this region be mapped (use `fileBus`).
    public func mappedBus(offset: Int = 0, size: Int) throws(DeviceError) -> MappedRegisterBus {
        try checkBlock(offset: offset, size: size)
        guard let mapping else { throw .regionNotMapped(index: info.index, size: info.size) }
        return MappedRegisterBus(base: mapping + offset, owner: self)
    }

    /// A pread/pwrite bus over a block of `size` bytes at `offset`, checked once here. Works for
    /// every region the kernel lets read or write, mapped or not.
    public func fileBus(offset: Int = 0, size: Int) throws(DeviceError) -> FileBus {
        try checkBlock(offset: offset, size: size)
        return FileBus(region: self, baseOffset: offset)
    }
}
