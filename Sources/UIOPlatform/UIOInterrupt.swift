import ByteText
import CLinux
import PlatformCore

/// The interrupt of a UIO device: a descriptor of /dev/uioN of its own, whose read() of 4 bytes
/// returns the device's cumulative interrupt count once it moved, and whose write() of the
/// 32-bit value 1 re-enables the interrupt (0 disables it).
///
/// uio_pdrv_genirq disables the interrupt in the interrupt controller each time it fires, edge
/// or level, until user space re-enables it: the same protocol as an automasked VFIO line. So a
/// driver clears the device's cause, then calls `rearm()`, whichever backend it runs on.
/// The line is enabled when this object is made (a previous holder may have left it disabled).
public final class UIOInterrupt: PlatformInterrupt {
    /// Always 0: uio_pdrv_genirq takes only the node's first interrupt.
    public let index: Int
    /// The descriptor (non-blocking) read for counts and written to re-enable.
    public let descriptor: OwnedDescriptor
    /// The device file, for messages.
    public let path: String
    private var lastCount: UInt32

    /// Takes over the interrupt through `descriptor` (opened O_RDWR | O_NONBLOCK): `count` is the
    /// instance's event count when it was opened (the baseline of its first read). Enables the line.
    public init(descriptor: OwnedDescriptor, path: String, count: UInt32, index: Int = 0) throws(DeviceError) {
        self.index = index
        self.descriptor = descriptor
        self.path = path
        self.lastCount = count
        try unmask()
    }

    /// The device file: it polls readable when the count moved.
    public var pollDescriptor: Int32 { descriptor.rawValue }

    /// Waits up to `milliseconds` (-1 = forever) for the interrupt; returns how many times it
    /// fired since the last wait (at least 1), or 0 on timeout.
    public func wait(milliseconds: Int32) throws(DeviceError) -> UInt64 {
        // As with eventfds: the interrupt has often fired already, and one read then suffices.
        let already = take()
        if already > 0 { return already }
        while true {
            let ready = clinux_poll_in(descriptor.rawValue, milliseconds)
            if ready < 0 {
                if currentErrno() == .interrupted { continue }
                throw .systemCall(operation: "poll on \(path)", errno: currentErrno())
            }
            if ready == 0 { return 0 }
            let count = take()
            if count > 0 { return count }
        }
    }

    /// Reads the count without blocking; returns how far it moved (at least 1 when the read
    /// succeeded), 0 when nothing fired.
    public func take() -> UInt64 {
        var count: UInt32 = 0
        let got = withUnsafeMutableBytes(of: &count) { read(descriptor.rawValue, $0.baseAddress, 4) }
        if got != 4 { return 0 }
        // The kernel's count is a wrapping 32-bit number; a baseline read a moment after the
        // descriptor was opened may already include the first interrupt: it still counts once.
        let moved = Int32(bitPattern: count &- lastCount)
        lastCount = count
        return UInt64(max(moved, 1))
    }

    /// Re-enables the interrupt (writes 1): the counterpart of `mask()`. After an interrupt,
    /// drivers call `rearm()`.
    public func unmask() throws(DeviceError) { try control(1) }

    /// Re-enables the interrupt (writes 1): uio_pdrv_genirq disables the line each time it
    /// fires, whatever its trigger, so every interrupt needs it.
    public func rearm() throws(DeviceError) { try control(1) }

    /// Disables the interrupt (writes 0) until `unmask()`.
    public func mask() throws(DeviceError) { try control(0) }

    private func control(_ value: Int32) throws(DeviceError) {
        var word = value
        let written = withUnsafeBytes(of: &word) { write(descriptor.rawValue, $0.baseAddress, 4) }
        if written != 4 {
            throw .systemCall(operation: "write \(value) (\(value == 1 ? "enable" : "disable") the interrupt) to \(path)", errno: written < 0 ? currentErrno() : .ioError)
        }
    }
}
