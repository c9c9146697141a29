import DeviceTree

/// What opening a device needs from its device-tree node, read once: its Linux name, the size
/// and name of each `reg` entry, and how many interrupts it has. Every backend opens a node
/// through this, so they agree on what the node says.
public struct DeviceNodeLayout: Sendable, Equatable {
    /// The node's full path, which the device's of_node in sysfs must match.
    public var nodePath: String
    /// The Linux device name, e.g. "9000000.pl011".
    public var linuxName: String
    /// The size in bytes of each `reg` entry, in order.
    public var registerSizes: [Int]
    /// The node's `reg-names` (empty when it has none).
    public var regionNames: [String]
    /// How many `interrupts` (or `interrupts-extended`) entries it has.
    public var interruptCount: Int

    /// A layout stated explicitly (tools and tests that have no tree).
    public init(nodePath: String, linuxName: String, registerSizes: [Int], regionNames: [String] = [], interruptCount: Int) {
        self.nodePath = nodePath
        self.linuxName = linuxName
        self.registerSizes = registerSizes
        self.regionNames = regionNames
        self.interruptCount = interruptCount
    }

    /// The layout of `node`; device-tree errors keep their type inside `DeviceError.deviceTree`.
    public init(_ node: DeviceTreeNode) throws(DeviceError) {
        do throws(DeviceTreeError) {
            nodePath = node.path
            linuxName = try node.linuxDeviceName()
            var sizes: [Int] = []
            for range in try node.registers() { sizes.append(Int(truncatingIfNeeded: range.size)) }
            registerSizes = sizes
            regionNames = node.regNames
            interruptCount = try node.interrupts().count
        } catch {
            throw .deviceTree(error)
        }
    }
}
