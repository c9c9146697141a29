/// Choices the caller makes explicitly when opening a device. Every risk is off unless named.
public struct VFIOOptions: Sendable {
    /// Accept unsafe no-IOMMU mode (the kernel taints itself). Off by default: opening a
    /// no-IOMMU group without it throws `noIOMMUNotAcknowledged`.
    public var allowNoIOMMU: Bool
    /// Accept, without an IOMMU, a device that masters the bus or that no binding describes.
    /// Off by default: such a device is refused (`dmaMasterRefused`).
    public var allowDMAMasterWithoutIOMMU: Bool
    /// Bind the device to vfio-platform / vfio-amba when another driver (or none) has it,
    /// remembering that driver and the device's driver_override for `DriverBinder.release`.
    /// Off by default: opening a device that is not bound to vfio throws `notBoundToVFIO`.
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
