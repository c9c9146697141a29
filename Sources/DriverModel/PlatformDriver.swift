import ByteText
import DeviceConfig
import DeviceTree
import PlatformCore
import ProgramSupport

/// A driver for the devices one binding describes, as the host runs it: Linux's
/// `struct platform_driver` (its `of_match_table`, `probe` and `remove`) in Swift.
///
/// The binding's config type names the compatibles the driver serves; the host finds every
/// enabled node that lists one of them, opens its device, decodes its config and calls `probe`,
/// so two UARTs get two instances. Afterwards the host's one event loop calls `handle` with the
/// events the instance asked for (its interrupts, its timers, its own descriptors), and `remove`
/// once at the end (SIGINT, SIGTERM, or every instance finished), before the device's binding
/// is restored.
///
///     final class EchoUART<Device: PlatformDevice>: PlatformDriver {
///         static func probe(device: Device, config: PL011Config, context: DriverContext) throws(ProgramError) -> EchoUART { ... }
///         func handle(_ event: DriverEvent, context: DriverContext) throws(ProgramError) { ... }
///         func remove() { ... }
///     }
///
/// Drivers are generic over `Device` (never `any PlatformDevice`), so the same driver runs on
/// the board's `BackendDevice` and on a `SimulatedDevice` in host tests, and register accesses
/// stay single loads and stores.
public protocol PlatformDriver: AnyObject {
    /// The generated config type of the driver's binding: its compatibles select the nodes.
    associatedtype Config: DeviceBindingConfig
    /// The device type the driver runs on.
    associatedtype Device: PlatformDevice

    /// A short name for reports ("pl011-echo").
    static var name: String { get }

    /// Checks `config` and the command line before the device is opened, so that a node the
    /// driver cannot configure is refused without binding anything. The default accepts it.
    static func check(config: Config, context: DriverContext) throws(ProgramError)

    /// Takes over `device` (made from `config.node`): programs its registers and asks `context`
    /// for the events it needs. A thrown error is reported with the node, and the host goes on
    /// with the other nodes.
    static func probe(device: Device, config: Config, context: DriverContext) throws(ProgramError) -> Self

    /// One event the instance asked for. A thrown error is reported with the node, and the
    /// instance is removed; the others go on.
    func handle(_ event: DriverEvent, context: DriverContext) throws(ProgramError)

    /// Quiesces the hardware: interrupts off at the device, nothing left running. Called once.
    func remove()
}

extension PlatformDriver {
    /// Accepts every node its binding decodes.
    public static func check(config: Config, context: DriverContext) throws(ProgramError) {}
}
