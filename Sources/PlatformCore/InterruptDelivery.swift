/// How the kernel delivers an interrupt line to userspace.
public enum InterruptDelivery: Sendable, Equatable, CustomStringConvertible {
    /// Signalled on each rising edge; never masked by the kernel.
    case edge
    /// Masked by the kernel before it signals, until the driver lets it through again
    /// (`rearm()`) after clearing the device's cause: VFIO's automasked (level) lines, and
    /// every UIO line, which uio_pdrv_genirq disables on each interrupt.
    case level

    /// "edge" or "level".
    public var description: String { self == .edge ? "edge" : "level" }
}

/// What an interrupt operation needed and the line did not offer.
public enum InterruptCapability: Sendable, Equatable, CustomStringConvertible {
    /// Signalling an eventfd (VFIO_IRQ_INFO_EVENTFD).
    case eventfd
    /// Masking and unmasking (VFIO_IRQ_INFO_MASKABLE).
    case maskable

    /// "eventfd-capable" or "maskable".
    public var description: String { self == .eventfd ? "eventfd-capable" : "maskable" }
}
