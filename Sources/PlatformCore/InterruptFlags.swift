/// What an eventfd interrupt line can do, in the bits of VFIO_DEVICE_GET_IRQ_INFO
/// (`VFIO_IRQ_INFO_*`), which the simulated backend declares too.
public struct InterruptFlags: OptionSet, Sendable, CustomStringConvertible {
    /// The raw `flags` word of `struct vfio_irq_info`.
    public let rawValue: UInt32

    /// Flags from the kernel's raw word.
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// VFIO_IRQ_INFO_EVENTFD: the interrupt can signal an eventfd.
    public static let eventfd = InterruptFlags(rawValue: 1 << 0)
    /// VFIO_IRQ_INFO_MASKABLE: it can be masked and unmasked.
    public static let maskable = InterruptFlags(rawValue: 1 << 1)
    /// VFIO_IRQ_INFO_AUTOMASKED: level-triggered; the kernel masks it before signalling and the
    /// driver unmasks it after clearing the device's cause.
    public static let automasked = InterruptFlags(rawValue: 1 << 2)
    /// VFIO_IRQ_INFO_NORESIZE: the set of vectors cannot be changed while enabled.
    public static let noResize = InterruptFlags(rawValue: 1 << 3)

    /// Every flag with its name, in bit order.
    public static var named: [(flag: InterruptFlags, name: String)] { [
        (.eventfd, "eventfd"), (.maskable, "maskable"), (.automasked, "automasked"), (.noResize, "noresize"),
    ] }

    /// The set flags by name, e.g. "eventfd|maskable|automasked".
    public var description: String { FlagNames.describe(rawValue, Self.named.map { ($0.flag.rawValue, $0.name) }) }
}
