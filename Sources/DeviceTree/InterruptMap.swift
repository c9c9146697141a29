/// The interrupt-tree walk behind `interrupts()` and `mapInterrupt(specifier:unitAddress:)`:
/// Linux's `of_irq_parse_raw`, with nexus (`interrupt-map`) translation and loop detection.
extension DeviceTreeNode {
    /// Runs the interrupt-tree walk for one specifier of this device starting at `parent`.
    /// `unitAddress` is this node's (`interruptUnitAddress`), computed once for all its interrupts.
    func resolveInterrupt(
        specifier: [UInt32], from parent: DeviceTreeNode, unitAddress: [UInt32], controllers: inout ControllerKinds
    ) throws(DeviceTreeError) -> ResolvedInterrupt {
        try walkInterruptTree(for: self, specifier: specifier, unitAddress: unitAddress, start: parent, controllers: &controllers)
    }

    /// The cells of the node's `reg`, which an `interrupt-map` matches as the child unit address.
    var interruptUnitAddress: [UInt32] {
        var unitAddress: [UInt32] = []
        if let reg = rawProperty(.reg) {
            unitAddress.reserveCapacity(reg.cellCount)
            for cell in 0..<reg.cellCount { unitAddress.append(reg.cell(cell)) }
        }
        return unitAddress
    }

    /// Linux's `of_irq_parse_raw`: walk from `start` through nexus nodes to a controller.
    /// `device` is the node whose interrupt this is (named in errors only).
    func walkInterruptTree(
        for device: DeviceTreeNode, specifier: [UInt32], unitAddress: [UInt32], start: DeviceTreeNode,
        controllers: inout ControllerKinds
    ) throws(DeviceTreeError) -> ResolvedInterrupt {
        let tree = self.tree
        var current = start
        // The specifier format comes from the first node with #interrupt-cells from `start` up.
        while !current.hasProperty(.interruptCells) {
            guard let next = try current.interruptParent() else {
                throw DeviceTreeError.noInterruptParent(node: device.path)
            }
            current = next
        }
        // The unit-address width comes from the first #address-cells from there upwards.
        var addressCells = 2
        var search: DeviceTreeNode? = current
        while let node = search {
            if let value = try node.u32(.addressCells) {
                guard Int(value) + specifier.count <= maximumInterruptCells else {
                    throw DeviceTreeError.invalidPropertyValue(
                        node: node.path, property: "#address-cells",
                        reason: "\(value) address cells and a \(specifier.count)-cell specifier exceed the \(maximumInterruptCells) cells Linux allows in an interrupt-map key")
                }
                addressCells = Int(value)
                break
            }
            search = node.parent
        }
        var specifierCells = specifier.count
        var key: [UInt32] = []
        for cell in 0..<addressCells { key.append(cell < unitAddress.count ? unitAddress[cell] : 0) }
        key += specifier

        // The states seen so far: a walk is a few steps long, so a list beats a hashed set.
        // A state is recorded only when the walk moves on from it, so the common walk (straight to
        // a controller) allocates nothing; a state seen twice is a loop.
        var visited: [InterruptWalkState] = []
        while true {
            let map = current.rawProperty(.interruptMap)
            if current.hasProperty(.interruptController) && (map == nil || current.abusesInterruptMap) {
                return ResolvedInterrupt(controller: current, cells: Array(key[addressCells...]), isGIC: controllers.isGIC(current))
            }
            let state = InterruptWalkState(node: current.index, key: key)
            if visited.contains(state) {
                throw DeviceTreeError.interruptMapCycle(node: device.path, nexus: current.path)
            }
            visited.append(state)
            guard let map else {
                guard let next = try current.interruptParent() else {
                    throw DeviceTreeError.noInterruptController(node: device.path, lastNode: current.path)
                }
                current = next
                continue
            }
            let step = try current.matchInterruptMap(
                map, tree: tree, key: key, addressCells: addressCells, specifierCells: specifierCells, device: device)
            if step.parent == current {
                return ResolvedInterrupt(controller: current, cells: Array(step.key[step.addressCells...]), isGIC: controllers.isGIC(current))
            }
            current = step.parent
            key = step.key
            addressCells = step.addressCells
            specifierCells = step.key.count - step.addressCells
        }
    }

    /// Finds the first entry of this nexus's `interrupt-map` matching `key` under the mask.
    private func matchInterruptMap(
        _ map: RawProperty, tree: DeviceTree, key: [UInt32], addressCells: Int, specifierCells: Int, device: DeviceTreeNode
    ) throws(DeviceTreeError) -> (parent: DeviceTreeNode, key: [UInt32], addressCells: Int) {
        let childCells = addressCells + specifierCells
        guard childCells <= maximumInterruptCells else {
            throw DeviceTreeError.invalidPropertyValue(
                node: path, property: "interrupt-map",
                reason: "a child unit address and specifier of \(childCells) cells is more than the 16 Linux allows")
        }
        guard map.length % 4 == 0 else {
            throw lengthError("interrupt-map", map, "a multiple of 4 bytes (whole cells)")
        }
        var mask = [UInt32](repeating: 0xFFFF_FFFF, count: childCells)
        if let maskProperty = rawProperty(.interruptMapMask) {
            guard maskProperty.length == childCells * 4 else {
                throw lengthError(
                    "interrupt-map-mask", maskProperty,
                    "\(childCells * 4) bytes (#address-cells \(addressCells) + #interrupt-cells \(specifierCells))")
            }
            for cell in 0..<childCells { mask[cell] = maskProperty.cell(cell) }
        }
        var position = 0
        while map.cellCount - position > childCells + 1 {
            var matches = true
            for cell in 0..<childCells where (key[cell] ^ map.cell(position + cell)) & mask[cell] != 0 {
                matches = false
            }
            position += childCells
            let handle = map.cell(position)
            position += 1
            guard let parent = tree.node(phandle: handle) else {
                throw DeviceTreeError.danglingPhandle(node: path, property: "interrupt-map", phandle: handle)
            }
            let parentSpecifierCells = try parent.interruptCells(requiredBy: self)
            let parentAddressCells = Int(try parent.u32(.addressCells) ?? 0)
            let parentCells = parentAddressCells + parentSpecifierCells
            guard parentCells <= maximumInterruptCells, map.cellCount - position >= parentCells else {
                throw DeviceTreeError.invalidPropertyValue(
                    node: path, property: "interrupt-map",
                    reason: "an entry for \(parent.path) is cut short: it needs \(parentAddressCells) address and \(parentSpecifierCells) specifier cells")
            }
            if matches && parent.isEnabled {
                var parentKey: [UInt32] = []
                for cell in position..<(position + parentCells) { parentKey.append(map.cell(cell)) }
                return (parent, parentKey, parentAddressCells)
            }
            position += parentCells
        }
        if position != map.cellCount {
            throw DeviceTreeError.invalidPropertyValue(
                node: path, property: "interrupt-map",
                reason: "it ends with \(map.cellCount - position) cells that do not form a whole entry")
        }
        throw DeviceTreeError.noInterruptMapMatch(node: device.path, nexus: path, key: key)
    }

    /// Controllers that carry an `interrupt-map` for their own drivers, which Linux ignores when
    /// walking the interrupt tree (`of_irq_imap_abusers`).
    var abusesInterruptMap: Bool {
        let abusers = [
            "CBEA,platform-spider-pic", "sti,platform-spider-pic", "realtek,rtl-intc",
            "fsl,ls1021a-extirq", "fsl,ls1043a-extirq", "fsl,ls1088a-extirq",
            "renesas,rza1-irqc", "pasemi,rootbus",
        ]
        return listsCompatible(anyOf: abusers)
    }
}

/// Linux's MAX_PHANDLE_ARGS: the most cells a unit address plus specifier may have.
let maximumInterruptCells = 16

/// A point of the interrupt walk: the node and the unit address + specifier at it. Seeing one
/// twice means the walk loops.
struct InterruptWalkState: Hashable {
    let node: Int32
    let key: [UInt32]
}

/// Whether the controllers an interrupt walk ends at are GICs, remembered for the last one (a
/// node's interrupts nearly always go to the same controller), so `compatible` is read once.
struct ControllerKinds {
    private var lastController: Int32 = -1
    private var lastIsGIC = false

    /// True when `controller` is an Arm GIC whose specifiers `GICInterrupt` decodes.
    mutating func isGIC(_ controller: DeviceTreeNode) -> Bool {
        if controller.index != lastController {
            lastController = controller.index
            lastIsGIC = controller.listsCompatible(anyOf: GICInterrupt.compatibles)
        }
        return lastIsGIC
    }
}
