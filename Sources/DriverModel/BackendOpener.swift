import ByteText
import DeviceConfig
import DeviceTree
import PlatformBackends
import PlatformCore

/// Opens devices through the front door (`BackendDevice.open`) on the backend chosen once for
/// the whole program, and restores each binding exactly: a device that opening moved to vfio or
/// uio_pdrv_genirq goes back to its previous driver and driver_override; one that was already
/// bound to a userspace driver is left as it was found.
public struct BackendOpener: DeviceOpener {
    /// The backend every device is opened through.
    public var backend: BackendChoice
    /// What opening may do.
    public var options: OpenOptions
    /// Where sysfs and /dev are.
    public var paths: SystemPaths

    /// An opener for `backend` with `options`.
    public init(backend: BackendChoice = .auto, options: OpenOptions = OpenOptions(), paths: SystemPaths = SystemPaths()) {
        self.backend = backend
        self.options = options
        self.paths = paths
    }

    /// Opens the device of `config`'s node, recording its state first (located once in sysfs).
    @inline(never)
    public func open<Config: DeviceBindingConfig>(_ config: Config) throws(DeviceError) -> OpenedDevice<BackendDevice> {
        let name = try config.node.deviceName()
        let before = try DeviceLocator(paths: paths).device(named: name, nodePath: config.node.path)
        let wasUserspace = before.driver.map { DriverBinder.isUserspaceDriver($0) } ?? false
        let busMastering = try BusMastering.declared(by: Config.self, for: config.node)
        let device = try BackendDevice.open(located: before, node: config.node, busMastering: busMastering,
                                            backend: backend, options: options, paths: paths)
        let summary = "\(device.name) (\(config.node.path)) \(device.holding), region 0 \(device.firstRegionSummary), \(device.interruptCount) irq(s)"
        return OpenedDevice(device: device, record: BindingRecord(linuxName: name, before: before, boundByOpening: !wasUserspace),
                            summary: summary)
    }

    /// Gives a device that opening bound back to its previous driver (`DriverBinder.release`).
    @inline(never)
    public func restore(_ record: BindingRecord) throws(DeviceError) {
        guard record.boundByOpening, let before = record.before else { return }
        let now = DeviceLocator(paths: paths).refresh(before)
        guard let driver = now.driver, DriverBinder.isUserspaceDriver(driver) else { return }
        try DriverBinder(paths: paths).release(now)
    }
}
