import Registers

/// A device a driver talks to: a real one through VFIO or UIO, or a simulated one in host tests.
/// Drivers are generic over it (never `any PlatformDevice`), so the register bus type is known
/// at compile time and mapped accesses stay single loads and stores.
public protocol PlatformDevice: AnyObject {
    /// The bus its registers are reached through.
    associatedtype Bus: RegisterBus
    /// How its interrupts are waited for and unmasked (`InterruptLine` for VFIO and simulated
    /// devices, `UIOInterrupt` for UIO).
    associatedtype Interrupt: PlatformInterrupt
    /// How many regions the device has.
    var regionCount: Int { get }
    /// How many interrupts the device has.
    var interruptCount: Int { get }
    /// The size in bytes of region `index`.
    func regionSize(_ index: Int) throws(DeviceError) -> Int
    /// A register bus over `size` bytes at `offset` of region `index`, bounds-checked once here.
    func registerBus(region index: Int, offset: Int, size: Int) throws(DeviceError) -> Bus
    /// Interrupt `index`, ready to wait on.
    func interrupt(_ index: Int) throws(DeviceError) -> Interrupt
}

extension PlatformDevice {
    /// A register bus over the whole of region `index`.
    public func registerBus(region index: Int = 0) throws(DeviceError) -> Bus {
        try registerBus(region: index, offset: 0, size: regionSize(index))
    }
}
