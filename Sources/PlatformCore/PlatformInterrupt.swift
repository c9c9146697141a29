/// One device interrupt as a driver uses it, whatever delivers it: an eventfd that VFIO (or a
/// simulated device) signals (`InterruptLine`), or the UIO device file whose read() returns the
/// event count (`UIOInterrupt`). Drivers hold `Device.Interrupt`, so the same code waits on both
/// without existentials.
///
/// The protocol of a level interrupt is the same on every backend: the kernel masks the line
/// before it reports the interrupt; the driver clears the device's cause, then calls `rearm()`.
/// A cause left set fires again at once, never storms.
public protocol PlatformInterrupt {
    /// The interrupt index on its device (the position of its `interrupts` entry).
    var index: Int { get }
    /// A descriptor that polls readable when the interrupt has fired (for `InterruptSet`).
    var pollDescriptor: Int32 { get }
    /// Waits up to `milliseconds` (-1 = forever) for the interrupt; returns how many times it
    /// fired since the last wait (at least 1), or 0 on timeout.
    func wait(milliseconds: Int32) throws(DeviceError) -> UInt64
    /// How many times the interrupt fired since the last wait or take, without blocking; 0 when
    /// it did not.
    func take() -> UInt64
    /// Lets a masked interrupt through again, unconditionally: the counterpart of `mask()`.
    /// After an interrupt, drivers call `rearm()`, which knows whether the line was masked.
    func unmask() throws(DeviceError)
    /// Lets the interrupt fire again after the driver cleared the device's cause, whatever kind
    /// of line the kernel made of it: unmasks a line the kernel masked when it fired (an
    /// automasked level line, a UIO line), does nothing for an edge line that was never masked
    /// (the Raspberry Pi's armctrl offers even level sources that way). Drivers call this, not
    /// `unmask()`, after each interrupt.
    func rearm() throws(DeviceError)
    /// Keeps the interrupt from firing until `unmask()`.
    func mask() throws(DeviceError)
}
