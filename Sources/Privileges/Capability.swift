import ByteText
/// A Linux capability (linux/capability.h), the ones a userspace driver's life touches by name.
/// Any other bit of a `CapabilitySet` prints as "CAP_<number>".
public enum Capability: UInt8, Sendable, CaseIterable {
    /// CAP_CHOWN: change any file's owner (`vfioctl grant`).
    case chown = 0
    /// CAP_DAC_OVERRIDE: read and write any file (sysfs binding files, root's device nodes).
    case dacOverride = 1
    /// CAP_FOWNER: change the mode of any file (`vfioctl grant`).
    case fileOwner = 3
    /// CAP_SETGID: change group ids.
    case setGID = 6
    /// CAP_SETUID: change user ids.
    case setUID = 7
    /// CAP_SETPCAP: shrink the bounding set.
    case setPCap = 8
    /// CAP_SYS_RAWIO: every no-IOMMU vfio container and group operation checks it
    /// (drivers/vfio/container.c, group.c); a device's own descriptor does not.
    case sysRawIO = 17
    /// CAP_SYS_ADMIN: the catch-all.
    case sysAdmin = 21

    /// "CAP_SYS_RAWIO".
    public var name: String {
        switch self {
        case .chown: return "CAP_CHOWN"
        case .dacOverride: return "CAP_DAC_OVERRIDE"
        case .fileOwner: return "CAP_FOWNER"
        case .setGID: return "CAP_SETGID"
        case .setUID: return "CAP_SETUID"
        case .setPCap: return "CAP_SETPCAP"
        case .sysRawIO: return "CAP_SYS_RAWIO"
        case .sysAdmin: return "CAP_SYS_ADMIN"
        }
    }
}
