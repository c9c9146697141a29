import Foundation
import PlatformCore
import VFIOPlatform

/// A VFIO kernel in a test: answers every call of `VFIOSystemCalls` from a script (the API
/// version, the IOMMU types offered, the group's status, one device's regions and interrupts),
/// records each call in order, and fails the one step the test names with the errno it names.
///
/// Descriptors are real ones of a scratch file, so pread/pwrite of unmapped regions and closing
/// work as on a kernel; mappings are page-aligned memory the test can read, counted so a test
/// can prove every mapping was undone; `fire(interrupt:)` signals the eventfd the library
/// connected, as the kernel's interrupt handler would.
public final class ScriptedVFIOSystem: VFIOSystemCalls {
    /// One step of VFIO setup or use, for `failing` and `calls`.
    public enum Step: Equatable, CustomStringConvertible {
        case openContainer, openGroup, apiVersion, supports(VFIOIOMMUType), setIOMMU(VFIOIOMMUType)
        case groupStatus, setContainer, deviceDescriptor(String), deviceInfo, regionInfo(Int), interruptInfo(Int)
        case map(offset: Int64), unmap, setTrigger(Int, connected: Bool), setMasked(Int, Bool), reset

        /// The step as the test log shows it.
        public var description: String {
            switch self {
            case .openContainer: return "open container"
            case .openGroup: return "open group"
            case .apiVersion: return "GET_API_VERSION"
            case .supports(let type): return "CHECK_EXTENSION(\(type))"
            case .setIOMMU(let type): return "SET_IOMMU(\(type))"
            case .groupStatus: return "GROUP_GET_STATUS"
            case .setContainer: return "GROUP_SET_CONTAINER"
            case .deviceDescriptor(let name): return "GROUP_GET_DEVICE_FD(\(name))"
            case .deviceInfo: return "DEVICE_GET_INFO"
            case .regionInfo(let index): return "GET_REGION_INFO(\(index))"
            case .interruptInfo(let index): return "GET_IRQ_INFO(\(index))"
            case .map(let offset): return "mmap(0x\(String(offset, radix: 16)))"
            case .unmap: return "munmap"
            case .setTrigger(let index, let connected): return "SET_IRQS(TRIGGER, \(index), \(connected ? "eventfd" : "none"))"
            case .setMasked(let index, let masked): return "SET_IRQS(\(masked ? "MASK" : "UNMASK"), \(index))"
            case .reset: return "DEVICE_RESET"
            }
        }
    }

    /// A region as VFIO_DEVICE_GET_REGION_INFO reports it.
    public struct ScriptedRegion {
        public var flags: VFIORegionFlags
        public var size: UInt64
        public var offset: UInt64
        /// A region of `size` bytes at file offset `offset`.
        public init(flags: VFIORegionFlags = [.read, .write, .mmap], size: UInt64 = 0x1000, offset: UInt64 = 0) {
            self.flags = flags
            self.size = size
            self.offset = offset
        }
    }

    /// The container API version reported.
    public var apiVersion: Int32 = 0
    /// The IOMMU types VFIO_CHECK_EXTENSION says yes to.
    public var iommuTypes: [VFIOIOMMUType] = [.noIOMMU]
    /// The group's status.
    public var groupFlags: VFIOGroupFlags = [.viable]
    /// The device's flags.
    public var deviceFlags: VFIODeviceFlags = [.amba]
    /// The device's regions.
    public var regions: [ScriptedRegion] = [ScriptedRegion()]
    /// The device's interrupts.
    public var interrupts: [(flags: InterruptFlags, count: Int)] = [([.eventfd, .maskable, .automasked], 1)]
    /// The step that fails, and how.
    public var failing: (step: Step, errno: Errno)?

    /// Every call made, in order (`supports` and `apiVersion` included).
    public private(set) var calls: [Step] = []
    /// The eventfd each interrupt is connected to.
    public private(set) var triggers: [Int: Int32] = [:]
    private var mappings: [UnsafeMutableRawPointer: Int] = [:]
    private let scratch: URL

    /// A kernel offering one no-IOMMU-capable container, a viable group and an amba device with
    /// one mappable page and one automasked interrupt; change the properties to script others.
    public init() throws {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("vfio-scratch-\(UUID().uuidString)")
        try Data(count: 0x10000).write(to: scratch)
    }

    deinit { try? FileManager.default.removeItem(at: scratch) }

    /// How many mappings are live (mapped and not yet unmapped).
    public var liveMappings: Int { mappings.count }

    /// The memory of the mapping made at `offset` of the device file, if it is live.
    public func mapping(at offset: Int64) -> UnsafeMutableRawPointer? { mappingsByOffset[offset] }
    private var mappingsByOffset: [Int64: UnsafeMutableRawPointer] = [:]

    /// Signals interrupt `index` as the kernel would: one count on its eventfd.
    public func fire(interrupt index: Int) {
        guard let fd = triggers[index] else { return }
        var one: UInt64 = 1
        _ = withUnsafeBytes(of: &one) { Foundation.write(fd, $0.baseAddress, 8) }
    }

    private func step(_ step: Step) throws(Errno) {
        calls.append(step)
        if let failing, failing.step == step { throw failing.errno }
    }

    private func scratchDescriptor() throws(Errno) -> Int32 {
        let fd = Foundation.open(scratch.path, O_RDWR | O_CLOEXEC)
        if fd < 0 { throw Errno(errno) }
        return fd
    }

    public func openReadWrite(_ path: String, nonBlocking: Bool) throws(Errno) -> Int32 {
        try step(path.hasSuffix("/vfio/vfio") ? .openContainer : .openGroup)
        return try scratchDescriptor()
    }

    public func mapShared(_ descriptor: Int32, length: Int, offset: Int64) throws(Errno) -> UnsafeMutableRawPointer {
        try step(.map(offset: offset))
        let memory = UnsafeMutableRawPointer.allocate(byteCount: length, alignment: 4096)
        memory.initializeMemory(as: UInt8.self, repeating: 0, count: length)
        mappings[memory] = length
        mappingsByOffset[offset] = memory
        return memory
    }

    public func unmap(_ pointer: UnsafeMutableRawPointer, length: Int) {
        calls.append(.unmap)
        precondition(mappings[pointer] == length, "unmapped what was not mapped, or with another length")
        mappings[pointer] = nil
        for (offset, memory) in mappingsByOffset where memory == pointer { mappingsByOffset[offset] = nil }
        pointer.deallocate()
    }

    public func apiVersion(container: Int32) -> Int32 {
        calls.append(.apiVersion)
        return apiVersion
    }

    public func supports(container: Int32, type: VFIOIOMMUType) -> Bool {
        calls.append(.supports(type))
        return iommuTypes.contains(type)
    }

    public func setIOMMU(container: Int32, type: VFIOIOMMUType) throws(Errno) { try step(.setIOMMU(type)) }

    public func groupStatus(group: Int32) throws(Errno) -> VFIOGroupFlags {
        try step(.groupStatus)
        return groupFlags
    }

    public func setContainer(group: Int32, container: Int32) throws(Errno) { try step(.setContainer) }

    public func deviceDescriptor(group: Int32, name: String) throws(Errno) -> Int32 {
        try step(.deviceDescriptor(name))
        return try scratchDescriptor()
    }

    public func deviceInfo(device: Int32) throws(Errno) -> (flags: VFIODeviceFlags, regions: Int, interrupts: Int) {
        try step(.deviceInfo)
        return (deviceFlags, regions.count, interrupts.count)
    }

    public func regionInfo(device: Int32, index: Int) throws(Errno) -> (flags: VFIORegionFlags, size: UInt64, offset: UInt64) {
        try step(.regionInfo(index))
        let region = regions[index]
        return (region.flags, region.size, region.offset)
    }

    public func interruptInfo(device: Int32, index: Int) throws(Errno) -> (flags: InterruptFlags, count: Int) {
        try step(.interruptInfo(index))
        return interrupts[index]
    }

    public func setTrigger(device: Int32, interrupt index: Int, eventfd: Int32) throws(Errno) {
        try step(.setTrigger(index, connected: eventfd >= 0))
        triggers[index] = eventfd >= 0 ? eventfd : nil
    }

    public func setMasked(device: Int32, interrupt index: Int, masked: Bool) throws(Errno) { try step(.setMasked(index, masked)) }

    public func reset(device: Int32) throws(Errno) { try step(.reset) }
}
