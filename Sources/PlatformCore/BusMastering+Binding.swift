import DeviceConfig
import DeviceTree

extension BusMastering {
    /// What the binding behind `Config` (a generated `<Name>Config` type) says of the device
    /// made from `node`, once the binding's compatibles are found in the node's: every backend
    /// opens a node as a binding through this, so a binding that declares `bus-master: true`
    /// can never reach a device it does not describe, nor be skipped for one it does.
    public static func declared<Config: DeviceBindingConfig>(by binding: Config.Type, for node: DeviceTreeNode) throws(DeviceError) -> BusMastering {
        guard Config.describes(node) else {
            throw .notDescribedByBinding(node: node.path, binding: Config.bindingName, compatibles: Config.compatibles)
        }
        return BusMastering(binding: Config.bindingName, isBusMaster: Config.isBusMaster)
    }
}
