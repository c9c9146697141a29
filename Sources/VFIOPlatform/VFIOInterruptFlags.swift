/// What VFIO_DEVICE_GET_IRQ_INFO says an interrupt index can do (`VFIO_IRQ_INFO_*`).
public struct VFIOInterruptFlags: OptionSet, Sendable, CustomStringConvertible {
    /// The raw `flags` word of `struct vfio_irq_info`.
    public let rawValue: UInt32

    /// Flags from the kernel's raw word.
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// VFIO_IRQ_INFO_EVENTFD: the interrupt can signal an eventfd.
    public static let eventfd = VFIOInterruptFlags(rawValue: 1 << 0)
    /// VFIO_IRQ_INFO_MASKABLE: it can be masked and unmasked.
    public static let maskable = VFIOInterruptFlags(rawValue: 1 << 1)
    /// VFIO_IRQ_INFO_AUTOMASKED: level-triggered; the kernel masks it before signalling and the
    /// driver unmasks it after clearing the device's cause.
    public static let automasked = VFIOInterruptFlags(rawValue: 1 << 2)
    /// VFIO_IRQ_INFO_NORESIZE: the set of vectors cannot be changed while enabled.
    public static let noResize = VFIOInterruptFlags(rawValue: 1 << 3)

    /// Every flag with its name, in bit order.
    public static var named: [(flag: VFIOInterruptFlags, name: String)] { [
        (.eventfd, "eventfd"), (.maskable, "maskable"), (.automasked, "automasked"), (.noResize, "noresize"),
    ] }

    /// The set flags by name, e.g. "eventfd|maskable|automasked".
    public var description: String { FlagNames.describe(rawValue, Self.named.map { ($0.flag.rawValue, $0.name) }) }
}
