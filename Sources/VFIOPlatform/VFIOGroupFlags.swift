import PlatformCore
/// What VFIO_GROUP_GET_STATUS says of a group (`VFIO_GROUP_FLAGS_*`).
public struct VFIOGroupFlags: OptionSet, Sendable, CustomStringConvertible {
    /// The raw `flags` word of `struct vfio_group_status`.
    public let rawValue: UInt32

    /// Flags from the kernel's raw word.
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// VFIO_GROUP_FLAGS_VIABLE: every device of the group is bound to a vfio driver (or none).
    public static let viable = VFIOGroupFlags(rawValue: 1 << 0)
    /// VFIO_GROUP_FLAGS_CONTAINER_SET: the group is attached to a container.
    public static let containerSet = VFIOGroupFlags(rawValue: 1 << 1)

    /// Every flag with its name, in bit order.
    public static var named: [(flag: VFIOGroupFlags, name: String)] { [(.viable, "viable"), (.containerSet, "container-set")] }

    /// The set flags by name.
    public var description: String { FlagNames.describe(rawValue, Self.named.map { ($0.flag.rawValue, $0.name) }) }
}
