import PlatformCore
import CLinux

/// The VFIO system calls of the running kernel, each one straight through the C shim: what
/// every program opens devices with. Opening and mapping are `LinuxDeviceFiles`'.
public final class LinuxVFIOSystemCalls: LinuxDeviceFiles, VFIOSystemCalls {
    /// The real system calls.
    public override init() {}

    /// VFIO_GET_API_VERSION.
    public func apiVersion(container: Int32) -> Int32 { clinux_vfio_get_api_version(container) }

    /// VFIO_CHECK_EXTENSION.
    public func supports(container: Int32, type: VFIOIOMMUType) -> Bool {
        clinux_vfio_check_extension(container, type.rawValue) > 0
    }

    /// VFIO_SET_IOMMU.
    public func setIOMMU(container: Int32, type: VFIOIOMMUType) throws(Errno) {
        if clinux_vfio_set_iommu(container, type.rawValue) < 0 { throw currentErrno() }
    }

    /// VFIO_GROUP_GET_STATUS.
    public func groupStatus(group: Int32) throws(Errno) -> VFIOGroupFlags {
        var flags: UInt32 = 0
        if clinux_vfio_group_get_status(group, &flags) < 0 { throw currentErrno() }
        return VFIOGroupFlags(rawValue: flags)
    }

    /// VFIO_GROUP_SET_CONTAINER.
    public func setContainer(group: Int32, container: Int32) throws(Errno) {
        if clinux_vfio_group_set_container(group, container) < 0 { throw currentErrno() }
    }

    /// VFIO_GROUP_GET_DEVICE_FD.
    public func deviceDescriptor(group: Int32, name: String) throws(Errno) -> Int32 {
        let fd = clinux_vfio_group_get_device_fd(group, name)
        if fd < 0 { throw currentErrno() }
        return fd
    }

    /// VFIO_DEVICE_GET_INFO.
    public func deviceInfo(device: Int32) throws(Errno) -> (flags: VFIODeviceFlags, regions: Int, interrupts: Int) {
        var flags: UInt32 = 0
        var regions: UInt32 = 0
        var interrupts: UInt32 = 0
        if clinux_vfio_device_get_info(device, &flags, &regions, &interrupts) < 0 { throw currentErrno() }
        return (VFIODeviceFlags(rawValue: flags), Int(regions), Int(interrupts))
    }

    /// VFIO_DEVICE_GET_REGION_INFO.
    public func regionInfo(device: Int32, index: Int) throws(Errno) -> (flags: VFIORegionFlags, size: UInt64, offset: UInt64) {
        var flags: UInt32 = 0
        var size: UInt64 = 0
        var offset: UInt64 = 0
        if clinux_vfio_device_get_region_info(device, UInt32(index), &flags, &size, &offset) < 0 { throw currentErrno() }
        return (VFIORegionFlags(rawValue: flags), size, offset)
    }

    /// VFIO_DEVICE_GET_IRQ_INFO.
    public func interruptInfo(device: Int32, index: Int) throws(Errno) -> (flags: InterruptFlags, count: Int) {
        var flags: UInt32 = 0
        var count: UInt32 = 0
        if clinux_vfio_device_get_irq_info(device, UInt32(index), &flags, &count) < 0 { throw currentErrno() }
        return (InterruptFlags(rawValue: flags), Int(count))
    }

    /// VFIO_DEVICE_SET_IRQS, ACTION_TRIGGER.
    public func setTrigger(device: Int32, interrupt index: Int, eventfd: Int32) throws(Errno) {
        if clinux_vfio_device_set_irq_eventfd(device, UInt32(index), clinux_vfio_irq_action_trigger(), eventfd) < 0 { throw currentErrno() }
    }

    /// VFIO_DEVICE_SET_IRQS, ACTION_MASK or ACTION_UNMASK.
    public func setMasked(device: Int32, interrupt index: Int, masked: Bool) throws(Errno) {
        let action = masked ? clinux_vfio_irq_action_mask() : clinux_vfio_irq_action_unmask()
        if clinux_vfio_device_set_irq_none(device, UInt32(index), action) < 0 { throw currentErrno() }
    }

    /// VFIO_DEVICE_RESET.
    public func reset(device: Int32) throws(Errno) {
        if clinux_vfio_device_reset(device) < 0 { throw currentErrno() }
    }
}
