import PlatformCore
import Registers

/// The register bus of a region as the kernel lets it be reached: single volatile loads and
/// stores when the region is mapped, pread/pwrite on the device file when it is not (a region
/// smaller than a page, such as the Raspberry Pi's 0x200-byte uart0 or QEMU's 0x18-byte fw-cfg).
///
/// A driver specialised for a device whose bus is `RegionBus` is compiled once and runs on both
/// kinds of region; a mapped access costs one predictable branch before its load or store.
/// `BackendDevice` hands out this bus; `VFIODevice` keeps the two kinds apart
/// (`MappedRegisterBus`, or `FileBus` through `fileAccess`).
@frozen
public enum RegionBus: RegisterBus {
    /// A mapped region: volatile loads and stores.
    case mapped(MappedRegisterBus)
    /// A region reached through pread/pwrite.
    case file(FileBus)

    /// Reads 8 bits at `offset`.
    @inlinable @inline(__always)
    public func read8(at offset: Int) -> UInt8 {
        switch self {
        case .mapped(let bus): return bus.read8(at: offset)
        case .file(let bus): return bus.read8(at: offset)
        }
    }

    /// Reads 16 bits at `offset`.
    @inlinable @inline(__always)
    public func read16(at offset: Int) -> UInt16 {
        switch self {
        case .mapped(let bus): return bus.read16(at: offset)
        case .file(let bus): return bus.read16(at: offset)
        }
    }

    /// Reads 32 bits at `offset`.
    @inlinable @inline(__always)
    public func read32(at offset: Int) -> UInt32 {
        switch self {
        case .mapped(let bus): return bus.read32(at: offset)
        case .file(let bus): return bus.read32(at: offset)
        }
    }

    /// Reads 64 bits at `offset`.
    @inlinable @inline(__always)
    public func read64(at offset: Int) -> UInt64 {
        switch self {
        case .mapped(let bus): return bus.read64(at: offset)
        case .file(let bus): return bus.read64(at: offset)
        }
    }

    /// Writes 8 bits at `offset`.
    @inlinable @inline(__always)
    public func write8(_ value: UInt8, at offset: Int) {
        switch self {
        case .mapped(let bus): bus.write8(value, at: offset)
        case .file(let bus): bus.write8(value, at: offset)
        }
    }

    /// Writes 16 bits at `offset`.
    @inlinable @inline(__always)
    public func write16(_ value: UInt16, at offset: Int) {
        switch self {
        case .mapped(let bus): bus.write16(value, at: offset)
        case .file(let bus): bus.write16(value, at: offset)
        }
    }

    /// Writes 32 bits at `offset`.
    @inlinable @inline(__always)
    public func write32(_ value: UInt32, at offset: Int) {
        switch self {
        case .mapped(let bus): bus.write32(value, at: offset)
        case .file(let bus): bus.write32(value, at: offset)
        }
    }

    /// Writes 64 bits at `offset`.
    @inlinable @inline(__always)
    public func write64(_ value: UInt64, at offset: Int) {
        switch self {
        case .mapped(let bus): bus.write64(value, at: offset)
        case .file(let bus): bus.write64(value, at: offset)
        }
    }
}

extension Region {
    /// The bus over a block of `size` bytes at `offset`, checked once here: mapped when the
    /// kernel let this region be mapped, pread/pwrite otherwise.
    public func bus(offset: Int = 0, size: Int) throws(DeviceError) -> RegionBus {
        if isMapped { return .mapped(try mappedBus(offset: offset, size: size)) }
        return .file(try fileBus(offset: offset, size: size))
    }
}
