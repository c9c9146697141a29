/// Where the kernel's interfaces live. The defaults are the real ones; tests point them at a
/// directory tree built to look like sysfs and /dev.
public struct SystemPaths: Sendable {
    /// The sysfs mount, normally "/sys".
    public var sysfs: String
    /// The devtmpfs mount, normally "/dev".
    public var dev: String
    /// Where the previous driver of each bound device is remembered, so a later process can
    /// restore it after the owner was killed.
    public var stateDirectory: String
    /// The procfs mount, normally "/proc" (the running kernel's release).
    public var proc: String
    /// Where kernels and their configurations are installed, normally "/boot".
    public var boot: String
    /// Where each kernel's modules and their indexes are, normally "/lib/modules".
    public var modules: String
    /// The system's configuration, normally "/etc" (passwd and group, for accounts named by name).
    public var etc: String

    /// Paths of a running system.
    public init(sysfs: String = "/sys", dev: String = "/dev", stateDirectory: String = "/run/vfioctl",
                proc: String = "/proc", boot: String = "/boot", modules: String = "/lib/modules", etc: String = "/etc") {
        self.sysfs = sysfs
        self.dev = dev
        self.stateDirectory = stateDirectory
        self.proc = proc
        self.boot = boot
        self.modules = modules
        self.etc = etc
    }

    /// The running kernel's release ("6.1.0-57-arm64"), from /proc/sys/kernel/osrelease.
    public var kernelRelease: String? {
        guard let text = SysfsFiles.read(proc + "/sys/kernel/osrelease") else { return nil }
        let trimmed = text.utf8.prefix { $0 != UInt8(ascii: "\n") && $0 != UInt8(ascii: " ") }
        return trimmed.isEmpty ? nil : String(decoding: trimmed, as: UTF8.self)
    }

    /// The VFIO container device.
    public var vfioContainer: String { dev + "/vfio/vfio" }

    /// The sysfs directory of a bus ("platform" or "amba").
    public func bus(_ bus: PlatformBus) -> String { sysfs + "/bus/" + bus.rawValue }
}

/// The two Linux buses device-tree platform devices live on.
public enum PlatformBus: String, Sendable, CaseIterable {
    /// /sys/bus/platform: devices handled by vfio-platform.
    case platform
    /// /sys/bus/amba: ARM PrimeCell devices ("arm,primecell"), handled by vfio-amba.
    case amba

    /// The VFIO driver for devices on this bus.
    public var vfio: UserspaceDriver { self == .platform ? .vfioPlatform : .vfioAMBA }

    /// The name of the VFIO driver for devices on this bus.
    public var vfioDriver: String { vfio.name }
}
