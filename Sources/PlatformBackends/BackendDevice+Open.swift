import DeviceConfig
import DeviceTree
import UIOPlatform
import PlatformCore
import VFIOPlatform

/// The front door: every program opens its devices here, by config, node or Linux name, on
/// `auto`, `vfio` or `uio`. The device is located in sysfs once, the backend is chosen once
/// (`BackendAvailability.backend(for:choice:)`), and the backend's own half opens it.
extension BackendDevice {
    /// Opens the device of a decoded configuration (a generated `<Name>Config`): the binding's
    /// `bus-master` flag decides whether it may be driven without an IOMMU, on both backends
    /// (neither isolates DMA without one); `options.allowNoIOMMU` only matters to vfio.
    ///
    ///     let config = try PL011Config(node: node)
    ///     let device = try BackendDevice.open(config, backend: .auto,
    ///                                         options: OpenOptions(allowNoIOMMU: true, bindIfNeeded: true))
    public static func open<Config: DeviceBindingConfig>(
        _ config: Config,
        backend: BackendChoice = .auto,
        options: OpenOptions = OpenOptions(),
        paths: SystemPaths = SystemPaths()
    ) throws(DeviceError) -> BackendDevice {
        let busMastering = try BusMastering.declared(by: Config.self, for: config.node)
        return try open(node: config.node, busMastering: busMastering, backend: backend, options: options, paths: paths)
    }

    /// Opens the device made from `node` with an explicit `busMastering`, for tools that find
    /// the binding at run time (`BusMastering(of:in:)`); `.unknown` is treated as a possible
    /// DMA master. Regions are named from `reg-names`; through UIO each is bounded by its `reg`
    /// size. The device's of_node in sysfs must be `node`.
    public static func open(
        node: DeviceTreeNode,
        busMastering: BusMastering,
        backend: BackendChoice = .auto,
        options: OpenOptions = OpenOptions(),
        paths: SystemPaths = SystemPaths()
    ) throws(DeviceError) -> BackendDevice {
        let device = try DeviceLocator(paths: paths).device(named: node.deviceName(), nodePath: node.path)
        return try open(located: device, node: node, busMastering: busMastering, backend: backend, options: options, paths: paths)
    }

    /// Opens `device`, already located in sysfs as `node`'s (the driver host records its state
    /// before opening, and so locates it once, here).
    package static func open(
        located device: LinuxDevice,
        node: DeviceTreeNode,
        busMastering: BusMastering,
        backend: BackendChoice,
        options: OpenOptions,
        paths: SystemPaths
    ) throws(DeviceError) -> BackendDevice {
        switch try choose(for: device, choice: backend, paths: paths) {
        case .vfio:
            return BackendDevice(.vfio(try VFIODevice.open(device, busMastering: busMastering, regionNames: node.regNames,
                                                           options: options, paths: paths)))
        case .uio:
            // UIO needs the node's sizes: its maps are whole pages, the registers fewer bytes.
            let layout = try DeviceNodeLayout(node)
            return BackendDevice(.uio(try UIODevice.open(device, busMastering: busMastering, layout: layout,
                                                         options: options, paths: paths)))
        }
    }

    /// Opens the Linux device `linuxName`, without a device tree (UIO regions then reach the end
    /// of their maps, and the interrupt count comes from sysfs).
    public static func open(
        linuxName: String,
        busMastering: BusMastering,
        backend: BackendChoice = .auto,
        options: OpenOptions = OpenOptions(),
        paths: SystemPaths = SystemPaths()
    ) throws(DeviceError) -> BackendDevice {
        let device = try DeviceLocator(paths: paths).device(named: linuxName)
        switch try choose(for: device, choice: backend, paths: paths) {
        case .vfio:
            return BackendDevice(.vfio(try VFIODevice.open(device, busMastering: busMastering, options: options, paths: paths)))
        case .uio:
            return BackendDevice(.uio(try UIODevice.open(device, busMastering: busMastering, options: options, paths: paths)))
        }
    }

    /// The backend `choice` picks for `device`, from its sysfs state and what the kernel offers:
    /// an explicit choice as is (opening then says what is missing), `.auto` as
    /// `BackendAvailability.backend(for:choice:)` decides, or `noBackend` when nothing can.
    public static func choose(for device: LinuxDevice, choice: BackendChoice, paths: SystemPaths = SystemPaths()) throws(DeviceError) -> PlatformBackend {
        let availability = BackendAvailability(paths: paths)
        guard let backend = availability.backend(for: device, choice: choice) else {
            throw .noBackend(device: device.name, bus: device.bus, availability: availability)
        }
        return backend
    }
}
