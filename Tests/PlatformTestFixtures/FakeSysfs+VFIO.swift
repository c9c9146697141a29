
extension FakeSysfs {
    /// Creates /dev/vfio/vfio, the container device.
    public func addVFIOContainer() throws { try writeFile("dev/vfio/vfio", "") }

    /// Sets vfio's enable_unsafe_noiommu_mode parameter.
    public func setNoIOMMUParameter(_ on: Bool) throws {
        try writeFile("sys/module/vfio/parameters/enable_unsafe_noiommu_mode", on ? "Y\n" : "N\n")
    }
}
