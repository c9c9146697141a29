/// Choices the caller makes explicitly when opening a device, on any backend. Every risk is off
/// unless named.
public struct OpenOptions: Sendable {
    /// Accept unsafe no-IOMMU mode (the kernel taints itself). Off by default: opening a
    /// no-IOMMU group without it throws `noIOMMUNotAcknowledged`. UIO ignores it: it never
    /// isolates DMA, which `allowDMAMasterWithoutIOMMU` governs.
    public var allowNoIOMMU: Bool
    /// Accept, without an IOMMU, a device that masters the bus or that no binding describes.
    /// Off by default: such a device is refused (`dmaMasterRefused`).
    public var allowDMAMasterWithoutIOMMU: Bool
    /// Bind the device to the backend's driver (vfio-platform, vfio-amba or uio_pdrv_genirq) when
    /// another driver (or none) has it, remembering that driver and the device's driver_override
    /// for `DriverBinder.release`. Off by default: opening a device that is not bound to the
    /// backend's driver throws `notBound`.
    public var bindIfNeeded: Bool

    /// Options; every risk is off unless named.
    public init(
        allowNoIOMMU: Bool = false,
        allowDMAMasterWithoutIOMMU: Bool = false,
        bindIfNeeded: Bool = false
    ) {
        self.allowNoIOMMU = allowNoIOMMU
        self.allowDMAMasterWithoutIOMMU = allowDMAMasterWithoutIOMMU
        self.bindIfNeeded = bindIfNeeded
    }
}
