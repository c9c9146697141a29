/// The behaviour of a simulated device's register block: what reads return and what writes do.
/// Class-bound so a simulated device can hold models of different types.
public protocol RegisterModel: AnyObject {
    /// The block's size in bytes (the region size the simulated device reports).
    var size: Int { get }
    /// Handles a read of `width` bytes (1, 2, 4 or 8) at `offset`.
    func read(offset: Int, width: Int) -> UInt64
    /// Handles a write of `width` bytes at `offset`.
    func write(offset: Int, width: Int, value: UInt64)
    /// Called once when the model is attached, with the way to raise its interrupts.
    func attach(interrupts: SimulatedInterrupts)
}

extension RegisterModel {
    /// Models without interrupts ignore attachment.
    public func attach(interrupts: SimulatedInterrupts) {}
}
