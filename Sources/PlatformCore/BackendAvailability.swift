/// Which userspace drivers the running kernel offers, read from sysfs and /dev, and so which
/// backend serves a device.
public struct BackendAvailability: Sendable, Equatable {
    /// /dev/vfio/vfio exists.
    public var vfioContainer: Bool
    /// The vfio-platform driver is registered.
    public var vfioPlatform: Bool
    /// The vfio-amba driver is registered.
    public var vfioAMBA: Bool
    /// The uio_pdrv_genirq driver is registered.
    public var uioGenIRQ: Bool

    /// Explicit availability (tests, documentation).
    public init(vfioContainer: Bool, vfioPlatform: Bool, vfioAMBA: Bool, uioGenIRQ: Bool) {
        self.vfioContainer = vfioContainer
        self.vfioPlatform = vfioPlatform
        self.vfioAMBA = vfioAMBA
        self.uioGenIRQ = uioGenIRQ
    }

    /// What the system at `paths` offers.
    public init(paths: SystemPaths = SystemPaths()) {
        vfioContainer = SysfsFiles.exists(paths.vfioContainer)
        vfioPlatform = SysfsFiles.exists(paths.bus(.platform) + "/drivers/" + PlatformBus.platform.vfioDriver)
        vfioAMBA = SysfsFiles.exists(paths.bus(.amba) + "/drivers/" + PlatformBus.amba.vfioDriver)
        uioGenIRQ = SysfsFiles.exists(paths.bus(.platform) + "/drivers/" + UserspaceDriver.uioGenericIRQ.name)
    }

    /// Whether vfio can take devices on `bus`.
    public func vfioServes(_ bus: PlatformBus) -> Bool {
        vfioContainer && (bus == .platform ? vfioPlatform : vfioAMBA)
    }

    /// Whether UIO can take devices on `bus` (never amba: uio_pdrv_genirq is a platform driver).
    public func uioServes(_ bus: PlatformBus) -> Bool { uioGenIRQ && bus == .platform }

    /// The backend `choice` picks for `device`, or nil when none can serve it. `.auto` takes vfio
    /// whenever the kernel has the vfio driver of the device's bus (a device bound to
    /// uio_pdrv_genirq is then moved to vfio, and `release` gives it back), else UIO for a
    /// platform device. An explicit choice is returned as is: opening then says what is missing.
    public func backend(for device: LinuxDevice, choice: BackendChoice = .auto) -> PlatformBackend? {
        switch choice {
        case .vfio: return .vfio
        case .uio: return .uio
        case .auto:
            if device.isBoundToVFIO || vfioServes(device.bus) { return .vfio }
            if uioServes(device.bus) { return .uio }
            return nil
        }
    }

    /// One sentence on what is missing for `bus`, with the fixes: what `noBackend` says. With the
    /// running kernel's `build`, each fix is that kernel's (`KernelBuild.remedy`); without, the
    /// general one.
    public func missing(for bus: PlatformBus, build: KernelBuild? = nil) -> String {
        func fix(_ driver: UserspaceDriver) -> String { build.map { $0.remedy(for: driver).description } ?? driver.howToGet }
        var parts: [String] = []
        if !vfioContainer { parts.append("/dev/vfio/vfio is missing (" + (build?.containerRemedy.description ?? VFIOKernelSupport.howToGetContainer) + ")") }
        switch bus {
        case .platform:
            if !vfioPlatform { parts.append("vfio-platform is not registered (" + fix(.vfioPlatform) + ")") }
            if !uioGenIRQ { parts.append("uio_pdrv_genirq is not registered (" + fix(.uioGenericIRQ) + ")") }
        case .amba:
            if !vfioAMBA { parts.append("vfio-amba is not registered (" + fix(.vfioAMBA) + ")") }
            parts.append("UIO cannot bind amba (PrimeCell) devices: boot with a device tree whose node drops \"arm,primecell\" from its compatible, so that Linux makes it a platform device (docs/uio.md)")
        }
        return parts.joined(separator: "; ")
    }
}
