import UIOPlatform
import PlatformCore
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
    public func wait(milliseconds: Int32) throws(DeviceError) -> UInt64 {
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
    public func unmask() throws(DeviceError) {
        switch self {
        case .vfio(let line): try line.unmask()
        case .uio(let line): try line.unmask()
        }
    }

    /// Lets the interrupt fire again after the cause was cleared (see `PlatformInterrupt.rearm`).
    public func rearm() throws(DeviceError) {
        switch self {
        case .vfio(let line): try line.rearm()
        case .uio(let line): try line.rearm()
        }
    }

    /// Keeps the interrupt from firing until `unmask()`.
    public func mask() throws(DeviceError) {
        switch self {
        case .vfio(let line): try line.mask()
        case .uio(let line): try line.mask()
        }
    }

    /// How the kernel delivers it: as VFIO reports the line, and `.level` for UIO, whose
    /// uio_pdrv_genirq disables the line on every interrupt until the driver re-enables it.
    public var delivery: InterruptDelivery {
        switch self {
        case .vfio(let line): return line.info.delivery
        case .uio: return .level
        }
    }
}
