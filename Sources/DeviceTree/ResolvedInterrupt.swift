/// One interrupt of a device, followed through the interrupt tree to the controller that
/// finally receives it.
public struct ResolvedInterrupt: Sendable, Equatable {
    /// The interrupt controller node (`interrupt-controller`) that receives the line.
    public var controller: DeviceTreeNode
    /// Full path of `controller`.
    public var controllerPath: String { controller.path }
    /// The interrupt specifier in the controller's format (`#interrupt-cells` of it).
    public var cells: [UInt32]
    /// The decoded specifier when the controller is an Arm GIC and the cells decode.
    public var gic: GICInterrupt?

    /// Creates a resolved interrupt; `gic` is decoded from `cells` when `controller` is a GIC.
    public init(controller: DeviceTreeNode, cells: [UInt32]) {
        self.init(controller: controller, cells: cells, isGIC: controller.listsCompatible(anyOf: GICInterrupt.compatibles))
    }

    /// A resolved interrupt whose controller is already known to be a GIC or not.
    init(controller: DeviceTreeNode, cells: [UInt32], isGIC: Bool) {
        self.controller = controller
        self.cells = cells
        self.gic = isGIC ? GICInterrupt(cells: cells) : nil
    }
}
