/// What the kernel says of one interrupt index (one `interrupts` entry): VFIO_DEVICE_GET_IRQ_INFO,
/// or what a simulated device declares.
public struct InterruptInfo: Sendable, Equatable {
    /// The interrupt index.
    public var index: Int
    /// How many vectors the index has (1 for platform devices).
    public var count: Int
    /// What the interrupt can do.
    public var flags: InterruptFlags

    /// An interrupt description.
    public init(index: Int, count: Int, flags: InterruptFlags) {
        self.index = index
        self.count = count
        self.flags = flags
    }

    /// Whether it can signal an eventfd (VFIO_IRQ_INFO_EVENTFD).
    public var supportsEventfd: Bool { flags.contains(.eventfd) }
    /// Whether it can be masked and unmasked (VFIO_IRQ_INFO_MASKABLE).
    public var isMaskable: Bool { flags.contains(.maskable) }
    /// Whether it is level-triggered (VFIO_IRQ_INFO_AUTOMASKED): the kernel masks it before
    /// signalling, and the driver unmasks it after clearing the device's cause.
    public var isAutomasked: Bool { flags.contains(.automasked) }
    /// Level (automasked) or edge.
    public var delivery: InterruptDelivery { isAutomasked ? .level : .edge }
}

/// What can mask, unmask and detach a device's interrupts: the VFIO device, or a simulated one.
/// Class-bound, so interrupt lines can hold it without a generic parameter.
public protocol InterruptControl: AnyObject {
    /// Masks (true) or unmasks (false) interrupt `index`.
    func setMasked(_ masked: Bool, interrupt index: Int) throws(DeviceError)
    /// Connects interrupt `index` to `eventfd`, or tears the trigger down when it is -1.
    func setTrigger(interrupt index: Int, eventfd: Int32) throws(DeviceError)
}
