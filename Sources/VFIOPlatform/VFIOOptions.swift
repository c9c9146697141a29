/// Choices the caller makes explicitly when opening a device.
public struct VFIOOptions: Sendable {
    /// Accept unsafe no-IOMMU mode (the kernel taints itself). Off by default: opening a
    /// no-IOMMU group without it throws `noIOMMUNotAcknowledged`.
    public var allowNoIOMMU: Bool
    /// The device is a DMA bus master (from its binding's `bus-master`, or the caller's knowledge).
    public var isBusMaster: Bool
    /// Accept a DMA master without an IOMMU. Off by default: such a device is refused.
    public var allowDMAMasterWithoutIOMMU: Bool
    /// Bind the device to vfio when it is not already (remembering the previous driver).
    public var bindIfNeeded: Bool
    /// Map regions that allow it (true), or use pread/pwrite for all (false).
    public var preferMapping: Bool

    /// Options; every risk is off unless named.
    public init(
        allowNoIOMMU: Bool = false,
        isBusMaster: Bool = false,
        allowDMAMasterWithoutIOMMU: Bool = false,
        bindIfNeeded: Bool = true,
        preferMapping: Bool = true
    ) {
        self.allowNoIOMMU = allowNoIOMMU
        self.isBusMaster = isBusMaster
        self.allowDMAMasterWithoutIOMMU = allowDMAMasterWithoutIOMMU
        self.bindIfNeeded = bindIfNeeded
        self.preferMapping = preferMapping
    }
}
