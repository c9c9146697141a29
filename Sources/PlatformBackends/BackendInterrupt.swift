import UIOPlatform
import VFIOPlatform

/// The interrupt of a `BackendDevice`: an eventfd line (vfio) or the UIO device file. Drivers
/// use it through `PlatformInterrupt` like any other; each call is one switch away from the
/// backend's own.
public enum BackendInterrupt: PlatformInterrupt {
    /// A vfio eventfd line.
    case vfio(InterruptLine)
    /// The UIO device's interrupt.
    case uio(UIOInterrupt)

    /// The interrupt index on its device.
    public var index: Int {
        switch self {
        case .vfio(let line): return line.index
        case .uio(let line): return line.index
        }
    }

    /// The descriptor that polls readable when the interrupt fired.
    public var pollDescriptor: Int32 {
        switch self {
        case .vfio(let line): return line.pollDescriptor
        case .uio(let line): return line.pollDescriptor
        }
    }

    /// Waits up to `milliseconds` (-1 = forever); how many times it fired, 0 on timeout.
    public func wait(milliseconds: Int32) throws(VFIOError) -> UInt64 {
        switch self {
        case .vfio(let line): return try line.wait(milliseconds: milliseconds)
        case .uio(let line): return try line.wait(milliseconds: milliseconds)
        }
    }

    /// How many times it fired since the last wait or take, without blocking.
    public func take() -> UInt64 {
        switch self {
        case .vfio(let line): return line.take()
        case .uio(let line): return line.take()
        }
    }

    /// Lets the interrupt through again (VFIO unmask, or UIO write of 1).
    public func unmask() throws(VFIOError) {
        switch self {
        case .vfio(let line): try line.unmask()
        case .uio(let line): try line.unmask()
        }
    }

    /// Lets the interrupt fire again after the cause was cleared (see `PlatformInterrupt.rearm`).
    public func rearm() throws(VFIOError) {
        switch self {
        case .vfio(let line): try line.rearm()
        case .uio(let line): try line.rearm()
        }
    }

    /// Keeps the interrupt from firing until `unmask()`.
    public func mask() throws(VFIOError) {
        switch self {
        case .vfio(let line): try line.mask()
        case .uio(let line): try line.mask()
        }
    }

    /// "level" or "edge" for vfio (as the kernel reports it); UIO re-enables every interrupt
    /// by hand, edge or level, so it says "disabled until re-enabled".
    public var trigger: String {
        switch self {
        case .vfio(let line): return line.info.trigger
        case .uio: return "disabled until re-enabled"
        }
    }
}
