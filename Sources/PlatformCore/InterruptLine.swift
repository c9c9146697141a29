import ByteText
import CLinux

/// One device interrupt delivered through an eventfd.
///
/// Edge interrupts just signal. Level interrupts are automasked: the kernel (or the simulated
/// device) masks the line before signalling, so after handling, the driver clears the device's
/// cause and calls `rearm()`; a cause left set fires again at once, never storms.
///
/// What VFIO reports is the trigger Linux recorded for the line, not the device's: the BCM2835
/// interrupt controller of the Raspberry Pi records none (its specifiers have no flags cell), so
/// vfio-platform offers even a level source such as the PL011 as an edge line, neither masked
/// nor maskable, and the kernel takes it again and again until the driver clears the cause.
/// A driver that calls `rearm()` after clearing the cause works on both kinds. There the BCM2835
/// delivers every line to core 0, so run the driver on another core (`taskset 0xe`): woken on
/// core 0, it would never get to clear the cause the kernel keeps taking interrupts for.
public final class InterruptLine: PlatformInterrupt {
    /// The interrupt index on its device.
    public let index: Int
    /// What the kernel reported for it.
    public let info: InterruptInfo
    /// The eventfd the interrupt signals.
    public let eventfd: OwnedDescriptor
    private let control: InterruptControl
    private var enabled = true

    /// Connects interrupt `info.index` of `control` to a new eventfd.
    public init(info: InterruptInfo, control: InterruptControl) throws(DeviceError) {
        guard info.supportsEventfd else { throw .interruptCapability(index: info.index, missing: .eventfd) }
        let fd = clinux_eventfd()
        if fd < 0 { throw .systemCall(operation: "eventfd", errno: currentErrno()) }
        self.index = info.index
        self.info = info
        self.eventfd = OwnedDescriptor(fd)
        self.control = control
        try control.setTrigger(interrupt: info.index, eventfd: fd)
    }

    deinit { disable() }

    /// The eventfd, which polls readable when the interrupt fired.
    public var pollDescriptor: Int32 { eventfd.rawValue }

    /// Waits up to `milliseconds` (-1 = forever) for the interrupt; returns how many times it
    /// fired since the last wait (at least 1), or 0 on timeout.
    public func wait(milliseconds: Int32) throws(DeviceError) -> UInt64 {
        // The interrupt has often fired already (it follows the MMIO write that caused it):
        // one non-blocking read then saves the poll system call.
        let already = take()
        if already > 0 { return already }
        while true {
            let ready = clinux_poll_in(eventfd.rawValue, milliseconds)
            if ready < 0 {
                if currentErrno() == .interrupted { continue }
                throw .systemCall(operation: "poll on interrupt \(index)", errno: currentErrno())
            }
            if ready == 0 { return 0 }
            let count = take()
            if count > 0 { return count }
        }
    }

    /// Reads and resets the eventfd counter without blocking; 0 when nothing fired.
    public func take() -> UInt64 {
        var count: UInt64 = 0
        let got = withUnsafeMutableBytes(of: &count) { read(eventfd.rawValue, $0.baseAddress, 8) }
        return got == 8 ? count : 0
    }

    /// Unmasks the line; for level interrupts, call after clearing the device's cause.
    public func unmask() throws(DeviceError) {
        guard info.isMaskable else { throw .interruptCapability(index: index, missing: .maskable) }
        try control.setMasked(false, interrupt: index)
    }

    /// Lets the line fire again once the driver has cleared the device's cause: unmasks an
    /// automasked (level) line; an edge line was never masked, so there is nothing to do.
    public func rearm() throws(DeviceError) {
        if info.isAutomasked { try control.setMasked(false, interrupt: index) }
    }

    /// Masks the line.
    public func mask() throws(DeviceError) {
        guard info.isMaskable else { throw .interruptCapability(index: index, missing: .maskable) }
        try control.setMasked(true, interrupt: index)
    }

    /// Tears the trigger down; the eventfd no longer fires. Also done when the line is released.
    public func disable() {
        if enabled {
            try? control.setTrigger(interrupt: index, eventfd: -1)
            enabled = false
        }
    }
}
