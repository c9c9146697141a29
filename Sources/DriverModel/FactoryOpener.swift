import ByteText
import DeviceConfig
import DeviceTree
import PlatformCore

/// An opener that makes each node's device with a function of yours: simulated registers in
/// host tests (a `SimulatedDevice` of the peripheral's model), with nothing bound or restored.
///
///     let opener = FactoryOpener { node throws(DeviceError) in
///         SimulatedDevice(name: node.path, models: [SimulatedPL011()], levelInterrupts: [true])
///     }
///     let host = try DriverHost(tree: tree, opener: opener, watchTermination: false)
public struct FactoryOpener<Device: PlatformDevice>: DeviceOpener {
    /// Makes the device of a node.
    public let make: (DeviceTreeNode) throws(DeviceError) -> Device

    /// An opener calling `make` for each node the host probes.
    public init(make: @escaping (DeviceTreeNode) throws(DeviceError) -> Device) {
        self.make = make
    }

    /// The device `make` gives for `config`'s node.
    public func open<Config: DeviceBindingConfig>(_ config: Config) throws(DeviceError) -> OpenedDevice<Device> {
        let device = try make(config.node)
        return OpenedDevice(device: device, record: .unchanged, summary: "\(config.node.path) made by the test")
    }

    /// Nothing to restore: making a device changed nothing in sysfs.
    public func restore(_ record: BindingRecord) throws(DeviceError) {}
}
