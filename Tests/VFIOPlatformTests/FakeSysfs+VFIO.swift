import PlatformTestFixtures

extension FakeSysfs {
    /// Creates /dev/vfio/vfio, the container device.
    func addVFIOContainer() throws { try writeFile("dev/vfio/vfio", "") }

    /// Sets vfio's enable_unsafe_noiommu_mode parameter.
    func setNoIOMMUParameter(_ on: Bool) throws {
        try writeFile("sys/module/vfio/parameters/enable_unsafe_noiommu_mode", on ? "Y\n" : "N\n")
    }
}
