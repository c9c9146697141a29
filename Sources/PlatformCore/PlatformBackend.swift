import ByteText
/// The kernel interface a device is driven through.
public enum PlatformBackend: Sendable, Equatable, CustomStringConvertible {
    /// vfio-platform or vfio-amba (container, group, device; eventfd interrupts).
    case vfio
    /// uio_pdrv_genirq (/dev/uioN: mmap of its maps, read() and write(1) for the interrupt).
    case uio

    /// "vfio" or "uio".
    public var description: String {
        switch self {
        case .vfio: return "vfio"
        case .uio: return "uio"
        }
    }
}

/// Which backend to open a device through. (Programs read it from their command line with
/// ProgramSupport's `BackendChoice(parsing:)`.)
public enum BackendChoice: String, Sendable, Equatable, CaseIterable, CustomStringConvertible {
    /// vfio when the kernel has the vfio driver for the device's bus (vfio-platform or
    /// vfio-amba, and /dev/vfio/vfio), else uio when the device is a platform device and
    /// uio_pdrv_genirq is there.
    case auto
    /// Only vfio.
    case vfio
    /// Only uio.
    case uio

    /// "auto", "vfio" or "uio".
    public var description: String { rawValue }
}
