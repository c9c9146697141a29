import CLinux
import ByteText

/// Moves a device between its kernel driver and a userspace driver (vfio-platform, vfio-amba,
/// uio_pdrv_genirq) through sysfs (driver_override, unbind, drivers_probe). Binding to one of
/// those records what was there before, the driver (or none) and the driver_override (or none),
/// in a state file, so that `release` restores exactly that, even when the process that bound
/// the device was killed.
public struct DriverBinder: Sendable {
    /// The system paths used.
    public var paths: SystemPaths

    /// The drivers that hand a device to userspace: binding to one records the device's previous
    /// state, and `release` unbinds the device from any of them.
    public static let userspaceDrivers = UserspaceDriver.allCases.map { $0.name }

    /// Whether `driver` is one of `userspaceDrivers`.
    public static func isUserspaceDriver(_ driver: String) -> Bool {
        userspaceDrivers.containsBytes(driver)
    }

    /// A binder over `paths`.
    public init(paths: SystemPaths = SystemPaths()) { self.paths = paths }

    /// Binds `device` to its bus's vfio driver and returns its new state. A device already bound
    /// to vfio is left alone. Throws when the vfio driver is missing, the current driver does not
    /// let go, or the kernel refused the new binding (the override is cleared again then).
    @discardableResult
    public func bindToVFIO(_ device: LinuxDevice) throws(DeviceError) -> LinuxDevice {
        try bind(device, to: device.bus.vfioDriver)
    }

    /// Binds `device` to `driver` (any driver on its bus).
    @discardableResult
    public func bind(_ device: LinuxDevice, to driver: String) throws(DeviceError) -> LinuxDevice {
        let locator = DeviceLocator(paths: paths)
        if let current = device.driver, current.sameBytes(as: driver) { return device }
        let busPath = paths.bus(device.bus)
        guard SysfsFiles.exists(busPath + "/drivers/" + driver) else {
            throw .driverMissing(driver: driver, bus: device.bus)
        }
        // Binding writes root's sysfs files: say so before anything is recorded or changed.
        let overridePath = device.sysfsPath + "/driver_override"
        if access(overridePath, W_OK) != 0, currentErrno().isPermissionDenial {
            throw .permissionDenied(path: overridePath, noIOMMU: false)
        }
        if Self.isUserspaceDriver(driver) {
            try rememberPreviousState(driver: device.driver, override: device.driverOverride, of: device.name)
        }
        try SysfsFiles.write(driver, to: overridePath)
        if let current = device.driver {
            let unbindPath = busPath + "/drivers/" + current + "/unbind"
            do {
                try SysfsFiles.write(device.name, to: unbindPath)
            } catch {
                undoOverride(of: device)
                throw .boundToOtherDriver(device: device.name, driver: current, unbindPath: unbindPath)
            }
            if let still = locator.refresh(device).driver {
                undoOverride(of: device)
                throw .boundToOtherDriver(device: device.name, driver: still, unbindPath: unbindPath)
            }
        }
        // drivers_probe reports the probe's own failure as a write error; the state read below says more.
        try? SysfsFiles.write(device.name, to: busPath + "/drivers_probe")
        let after = locator.refresh(device)
        if !(after.driver?.sameBytes(as: driver) ?? false) {
            undoOverride(of: device)
            if driver.sameBytes(as: device.bus.vfioDriver), noIOMMUModeIsOff(), after.iommuGroup == nil {
                throw .noIOMMUModeOff(device: device.name)
            }
            throw .bindFailed(device: device.name, wanted: driver, actual: after.driver)
        }
        return after
    }

    /// Unbinds `device` from vfio (or another of the `userspaceDrivers`) and restores what the
    /// bind recorded: the previous driver (bound again through its own `bind` file, so no other
    /// driver takes the device) or none, and the previous driver_override or none. Without a
    /// record (bound by someone else) the override is cleared and the kernel picks a driver.
    /// Returns the new state.
    ///
    /// On a real kernel the unbind waits until every process has closed the device's files.
    @discardableResult
    public func release(_ device: LinuxDevice) throws(DeviceError) -> LinuxDevice {
        let locator = DeviceLocator(paths: paths)
        let busPath = paths.bus(device.bus)
        let recorded = hasRecord(of: device.name)
        let previous = previousDriver(of: device.name)
        let override = previousOverride(of: device.name)
        if let current = device.driver, Self.isUserspaceDriver(current) {
            try SysfsFiles.write(device.name, to: busPath + "/drivers/" + current + "/unbind")
        }
        if recorded {
            try restore(device, driver: previous, override: override)
        } else {
            try SysfsFiles.write("\n", to: device.sysfsPath + "/driver_override")
            try? SysfsFiles.write(device.name, to: busPath + "/drivers_probe")
        }
        forgetPreviousDriver(of: device.name)
        return locator.refresh(device)
    }

    /// Whether a state file records what `name` had before it was bound to vfio.
    public func hasRecord(of name: String) -> Bool { SysfsFiles.exists(stateFile(for: name)) }

    /// The driver remembered for `name` when it was bound to vfio, if any.
    public func previousDriver(of name: String) -> String? { rememberedLine(0, of: name) }

    /// The driver_override `name` had before it was bound to vfio, if it had one.
    public func previousOverride(of name: String) -> String? { rememberedLine(1, of: name) }

    /// Line `index` of the state file: the previous driver, then the previous override.
    private func rememberedLine(_ index: Int, of name: String) -> String? {
        guard let text = SysfsFiles.read(stateFile(for: name)) else { return nil }
        let lines = text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        guard index < lines.count, !lines[index].isEmpty else { return nil }
        return String(decoding: lines[index], as: UTF8.self)
    }

    /// Whether the vfio module parameter says no-IOMMU mode is off (false when it cannot be read).
    public func noIOMMUModeIsOff() -> Bool {
        KernelSettings.noIOMMUMode(paths: paths) == false
    }

    private func stateFile(for name: String) -> String { paths.stateDirectory + "/" + name + ".driver" }

    private func rememberPreviousState(driver: String?, override: String?, of name: String) throws(DeviceError) {
        try StateFiles.write((driver ?? "") + "\n" + (override ?? "") + "\n", to: stateFile(for: name))
    }

    /// Puts back what a bind that failed changed: the device's own driver_override, and its
    /// previous driver when the unbind went through but the new driver did not take it; drops
    /// the record the bind made.
    private func undoOverride(of device: LinuxDevice) {
        try? restore(device, driver: device.driver, override: device.driverOverride)
        forgetPreviousDriver(of: device.name)
    }

    /// Gives an unbound `device` back `driver` (nothing when nil) and `override` (cleared when
    /// nil). The driver is bound through its own bind file with a momentary override naming it:
    /// the bind then works even for a driver that matches the device through an override alone
    /// (uio_pdrv_genirq), and no other driver can take the device. Then the override is set to
    /// what it was.
    private func restore(_ device: LinuxDevice, driver: String?, override: String?) throws(DeviceError) {
        let overridePath = device.sysfsPath + "/driver_override"
        if let driver {
            let bindPath = paths.bus(device.bus) + "/drivers/" + driver + "/bind"
            if SysfsFiles.exists(bindPath), !(DeviceLocator(paths: paths).refresh(device).driver?.sameBytes(as: driver) ?? false) {
                try SysfsFiles.write(driver + "\n", to: overridePath)
                try? SysfsFiles.write(device.name, to: bindPath)
            }
        }
        try SysfsFiles.write((override ?? "") + "\n", to: overridePath)
    }

    private func forgetPreviousDriver(of name: String) {
        StateFiles.remove(stateFile(for: name))
    }
}
