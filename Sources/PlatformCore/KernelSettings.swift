import ByteText
import CLinux

/// The kernel settings a userspace driver depends on beyond the drivers themselves, read from
/// sysfs: IOMMUs, vfio's no-IOMMU mode, vfio-platform's reset rule, the running device tree,
/// and the process's privilege. What `vfioctl doctor` reports and opening checks.
public struct KernelSettings: Sendable, Equatable {
    /// How many IOMMUs the kernel registered (/sys/class/iommu).
    public var iommuCount: Int
    /// vfio's enable_unsafe_noiommu_mode parameter: nil when vfio (or CONFIG_VFIO_NOIOMMU) is absent.
    public var noIOMMUMode: Bool?
    /// vfio_platform's reset_required parameter: nil when vfio-platform is absent.
    public var resetRequired: Bool?
    /// Whether /sys/firmware/fdt (the running device tree) is there.
    public var deviceTreeReadable: Bool
    /// Whether the process runs as root (binding through sysfs and no-IOMMU groups need it).
    public var isRoot: Bool

    /// The settings of the system at `paths`.
    public init(paths: SystemPaths = SystemPaths()) {
        iommuCount = SysfsFiles.list(paths.sysfs + "/class/iommu").count
        noIOMMUMode = Self.noIOMMUMode(paths: paths)
        resetRequired = Self.flag(paths.sysfs + "/module/vfio_platform/parameters/reset_required")
        deviceTreeReadable = SysfsFiles.exists(paths.sysfs + "/firmware/fdt")
        isRoot = clinux_geteuid() == 0
    }

    /// vfio's enable_unsafe_noiommu_mode alone (what opening checks, without the rest).
    public static func noIOMMUMode(paths: SystemPaths = SystemPaths()) -> Bool? {
        flag(paths.sysfs + "/module/vfio/parameters/enable_unsafe_noiommu_mode")
    }

    /// Whether devices without an IOMMU can get vfio groups: no IOMMU, and no-IOMMU mode on.
    public var needsNoIOMMUMode: Bool { iommuCount == 0 }

    /// How to turn no-IOMMU mode on.
    public static var howToEnableNoIOMMU: String {
        VFIOKernelSupport.noIOMMUOption + "=y and boot with " + VFIOKernelSupport.noIOMMUParameter
            + " (taints the kernel; only for devices that are not DMA masters)"
    }

    /// How to let vfio-platform take devices that have no vfio reset module.
    public static let howToWaiveReset = "boot with vfio_platform.reset_required=0: only three devices have vfio reset modules"

    /// The privilege a driver needs, and how to grant it without running as root.
    public static let howToGetPrivilege = "run as root, or grant CAP_SYS_RAWIO and ownership of /dev/vfio/* or /dev/uio*"

    /// A Y/N module parameter, nil when the file is missing.
    private static func flag(_ path: String) -> Bool? {
        guard let text = SysfsFiles.read(path) else { return nil }
        return text.bytesStart(with: "Y") || text.bytesStart(with: "1")
    }
}
