import PlatformCore

/// Every system call the VFIO backend makes: the container, group and device ioctls, plus
/// opening and mapping device files (`DeviceFileCalls`).
///
/// `VFIODevice.open` and what it builds (`VFIOContainer`, `VFIOGroup`, `Region`) call the kernel
/// only through this, so host tests pass their own conformance and drive the whole setup
/// (container, group, device, region and interrupt enumeration) and each of its failures
/// without a kernel. Programs get `LinuxVFIOSystemCalls`, which makes each call straight through
/// the C shim. Register accesses never pass here: they are loads and stores on the mapping.
/// pread/pwrite of unmapped regions work on the descriptor the seam's `openReadWrite` gave.
public protocol VFIOSystemCalls: DeviceFileCalls {
    /// VFIO_GET_API_VERSION on a container.
    func apiVersion(container: Int32) -> Int32
    /// VFIO_CHECK_EXTENSION: whether the container offers the IOMMU type.
    func supports(container: Int32, type: VFIOIOMMUType) -> Bool
    /// VFIO_SET_IOMMU.
    func setIOMMU(container: Int32, type: VFIOIOMMUType) throws(Errno)
    /// VFIO_GROUP_GET_STATUS.
    func groupStatus(group: Int32) throws(Errno) -> VFIOGroupFlags
    /// VFIO_GROUP_SET_CONTAINER.
    func setContainer(group: Int32, container: Int32) throws(Errno)
    /// VFIO_GROUP_GET_DEVICE_FD: the device's descriptor.
    func deviceDescriptor(group: Int32, name: String) throws(Errno) -> Int32
    /// VFIO_DEVICE_GET_INFO.
    func deviceInfo(device: Int32) throws(Errno) -> (flags: VFIODeviceFlags, regions: Int, interrupts: Int)
    /// VFIO_DEVICE_GET_REGION_INFO for region `index`.
    func regionInfo(device: Int32, index: Int) throws(Errno) -> (flags: VFIORegionFlags, size: UInt64, offset: UInt64)
    /// VFIO_DEVICE_GET_IRQ_INFO for interrupt `index`.
    func interruptInfo(device: Int32, index: Int) throws(Errno) -> (flags: InterruptFlags, count: Int)
    /// VFIO_DEVICE_SET_IRQS, ACTION_TRIGGER: connects interrupt `index` to `eventfd`, or tears
    /// the trigger down when `eventfd` is -1.
    func setTrigger(device: Int32, interrupt index: Int, eventfd: Int32) throws(Errno)
    /// VFIO_DEVICE_SET_IRQS, ACTION_MASK or ACTION_UNMASK, DATA_NONE.
    func setMasked(device: Int32, interrupt index: Int, masked: Bool) throws(Errno)
    /// VFIO_DEVICE_RESET.
    func reset(device: Int32) throws(Errno)
}
