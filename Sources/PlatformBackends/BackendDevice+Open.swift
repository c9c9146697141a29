import DeviceConfig
import DeviceTree
import UIOPlatform
import VFIOPlatform

extension BackendDevice {
    /// Opens the device made from `node`, described by the binding behind `Config`, through the
    /// backend `backend` picks for it (`BackendAvailability.backend(for:choice:)`): vfio when the
    /// kernel has the vfio driver of its bus, else UIO for a platform device. The binding's
    /// `bus-master` flag applies on both (neither isolates DMA without an IOMMU);
    /// `options.allowNoIOMMU` only matters to vfio.
    public static func open<Config: DeviceBindingConfig>(
        node: DeviceTreeNode,
        as binding: Config.Type,
        backend: BackendChoice = .auto,
        options: VFIOOptions = VFIOOptions(),
        paths: SystemPaths = SystemPaths()
    ) throws(BackendError) -> BackendDevice {
        let busMastering: BusMastering
        do { busMastering = try BusMastering.declared(by: Config.self, for: node) } catch { throw .vfio(error) }
        return try open(node: node, busMastering: busMastering, backend: backend, options: options, paths: paths)
    }

    /// Opens the device made from `node` with an explicit `busMastering` (`.unknown` is treated
    /// as a possible DMA master), through the backend `backend` picks.
    public static func open(
        node: DeviceTreeNode,
        busMastering: BusMastering,
        backend: BackendChoice = .auto,
        options: VFIOOptions = VFIOOptions(),
        paths: SystemPaths = SystemPaths()
    ) throws(BackendError) -> BackendDevice {
        let name: String
        do { name = try node.vfioLinuxName() } catch { throw .sysfs(error) }
        switch try choose(linuxName: name, nodePath: node.path, choice: backend, paths: paths) {
        case .vfio:
            do {
                return BackendDevice(.vfio(try VFIODevice.open(node: node, busMastering: busMastering, options: options, paths: paths)))
            } catch {
                throw .vfio(error)
            }
        case .uio:
            do {
                return BackendDevice(.uio(try UIODevice.open(node: node, busMastering: busMastering, options: options, paths: paths)))
            } catch {
                throw .uio(error)
            }
        }
    }

    /// Opens the Linux device `linuxName` (no node: UIO regions reach the end of their maps).
    public static func open(
        linuxName: String,
        busMastering: BusMastering,
        backend: BackendChoice = .auto,
        options: VFIOOptions = VFIOOptions(),
        paths: SystemPaths = SystemPaths()
    ) throws(BackendError) -> BackendDevice {
        switch try choose(linuxName: linuxName, nodePath: nil, choice: backend, paths: paths) {
        case .vfio:
            do {
                return BackendDevice(.vfio(try VFIODevice.open(linuxName: linuxName, busMastering: busMastering, options: options, paths: paths)))
            } catch {
                throw .vfio(error)
            }
        case .uio:
            do {
                return BackendDevice(.uio(try UIODevice.open(linuxName: linuxName, busMastering: busMastering, options: options, paths: paths)))
            } catch {
                throw .uio(error)
            }
        }
    }

    /// The backend `choice` picks for the device, from its sysfs state and what the kernel offers.
    public static func choose(linuxName: String, nodePath: String?, choice: BackendChoice, paths: SystemPaths = SystemPaths()) throws(BackendError) -> PlatformBackend {
        switch choice {
        case .vfio: return .vfio
        case .uio: return .uio
        case .auto:
            let locator = DeviceLocator(paths: paths)
            let device: LinuxDevice
            do {
                if let nodePath {
                    device = try locator.device(named: linuxName, nodePath: nodePath)
                } else {
                    device = try locator.device(named: linuxName)
                }
            } catch {
                throw .sysfs(error)
            }
            let availability = BackendAvailability(paths: paths)
            guard let backend = availability.backend(for: device, choice: .auto) else {
                throw .noBackend(device: linuxName, bus: device.bus, availability: availability)
            }
            return backend
        }
    }
}
