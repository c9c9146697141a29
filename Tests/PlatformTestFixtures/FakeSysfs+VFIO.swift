
extension FakeSysfs {
    /// Creates /dev/vfio/vfio, the container device.
    public func addVFIOContainer() throws { try writeFile("dev/vfio/vfio", "") }

    /// Sets vfio's enable_unsafe_noiommu_mode parameter.
    public func setNoIOMMUParameter(_ on: Bool) throws {
        try writeFile("sys/module/vfio/parameters/enable_unsafe_noiommu_mode", on ? "Y\n" : "N\n")
    }
}

extension FakeSysfs {
    /// A device already bound to vfio, in IOMMU group `group`, whose group file exists: as
    /// /dev/vfio/noiommu-N in no-IOMMU mode, else /dev/vfio/N. With the container.
    public func addVFIOBoundDevice(_ name: String, bus: String = "amba", ofNode: String, group: String = "0", noIOMMU: Bool = true) throws {
        let driver = bus == "amba" ? "vfio-amba" : "vfio-platform"
        try addDriver(driver, bus: bus)
        try addDevice(name, bus: bus, driver: driver, ofNode: ofNode, iommuGroup: group)
        try addVFIOContainer()
        try setNoIOMMUParameter(noIOMMU)
        try writeFile("dev/vfio/" + (noIOMMU ? "noiommu-" : "") + group, "")
    }
}
