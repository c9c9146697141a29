import ByteText
/// A set of Linux capabilities, one bit per capability number (the kernel's 64-bit sets).
public struct CapabilitySet: OptionSet, Sendable, CustomStringConvertible {
    /// Bit N set: capability N is in the set.
    public let rawValue: UInt64

    /// The set with bits `rawValue`.
    public init(rawValue: UInt64) { self.rawValue = rawValue }

    /// The set holding `capability` alone.
    public init(_ capability: Capability) { self.rawValue = 1 << UInt64(capability.rawValue) }

    /// CAP_SYS_RAWIO alone: what a no-IOMMU vfio program needs until its device is open.
    public static let sysRawIO = CapabilitySet(.sysRawIO)

    /// Whether capability `number` is in the set.
    public func contains(number: Int) -> Bool { number >= 0 && number < 64 && rawValue & (1 << UInt64(number)) != 0 }

    /// "none", or the names joined by commas ("CAP_SYS_RAWIO,CAP_13").
    public var description: String {
        if rawValue == 0 { return "none" }
        var names: [String] = []
        for number in 0..<64 where contains(number: number) {
            if let known = Capability(rawValue: UInt8(number)) {
                names.append(known.name)
            } else {
                let unknown: Message = "CAP_\(number)"
                names.append(unknown.text)
            }
        }
        return names.joined(separator: ",")
    }
}
