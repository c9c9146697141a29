import ByteText
/// Interrupt resolution with Linux 6.12 semantics (`of_irq_parse_one`, `of_irq_parse_raw`,
/// `of_irq_find_parent` in drivers/of/irq.c):
///
/// - `interrupts-extended` (phandle + specifier pairs) wins over `interrupts`.
/// - Otherwise the interrupt parent is found by following `interrupt-parent`, or the tree parent
///   when a node has none, until a node with `#interrupt-cells`.
/// - From there the walk ends at an `interrupt-controller` without `interrupt-map`. A nexus
///   (`interrupt-map`) matches the child unit address (the first cells of the device's `reg`,
///   as many as the `#address-cells` found from the first interrupt parent upwards, default 2)
///   followed by the specifier, both under `interrupt-map-mask`, and continues at the entry's
///   parent with that entry's parent unit address and specifier; only enabled parents match.
///   A node with neither goes on to its own interrupt parent.
///
/// Errors instead of Linux's silent failures: dangling phandles, a missing `#interrupt-cells`
/// on a referenced controller, lengths that are not whole specifiers, `interrupt-parent` cycles,
/// interrupt-map loops and a walk that never reaches a controller.
extension DeviceTreeNode {
    /// Every interrupt of the node, resolved to its controller, in property order. Empty when the
    /// node has neither `interrupts-extended` nor `interrupts`.
    public func interrupts() throws(DeviceTreeError) -> [ResolvedInterrupt] {
        if let extended = rawProperty(.interruptsExtended) {
            return try extendedInterrupts(extended)
        }
        guard let list = rawProperty(.interrupts) else { return [] }
        let search = try findInterruptParent()
        guard let parent = search.parent else {
            if let controller = search.incomplete {
                throw DeviceTreeError.missingProperty(node: controller.path, property: "#interrupt-cells", requiredBy: path)
            }
            throw DeviceTreeError.noInterruptParent(node: path)
        }
        let cellsPerInterrupt = try parent.interruptCells(requiredBy: self)
        guard cellsPerInterrupt > 0 else {
            throw DeviceTreeError.invalidPropertyValue(
                node: parent.path, property: "#interrupt-cells",
                reason: "it is 0, so the 'interrupts' of \(path) cannot be split into specifiers")
        }
        guard list.length % (cellsPerInterrupt * 4) == 0 else {
            throw lengthError(
                "interrupts", list,
                "a multiple of \(cellsPerInterrupt * 4) bytes (#interrupt-cells \(cellsPerInterrupt) of \(parent.path))")
        }
        var result: [ResolvedInterrupt] = []
        var controllers = ControllerKinds()
        let unitAddress = interruptUnitAddress
        for first in stride(from: 0, to: list.cellCount, by: cellsPerInterrupt) {
            var specifier: [UInt32] = []
            for cell in first..<(first + cellsPerInterrupt) { specifier.append(list.cell(cell)) }
            result.append(try resolveInterrupt(specifier: specifier, from: parent, unitAddress: unitAddress, controllers: &controllers))
        }
        return result
    }

    /// The interrupt named `name` in `interrupt-names`, nil when there is no such name.
    public func interrupt(named name: String) throws(DeviceTreeError) -> ResolvedInterrupt? {
        guard let position = interruptNames.firstIndexBytes(of: name) else { return nil }
        let all = try interrupts()
        return position < all.count ? all[position] : nil
    }

    /// The node's interrupt parent as Linux's `of_irq_find_parent` finds it: follow
    /// `interrupt-parent` (or the tree parent where there is none) until a node with
    /// `#interrupt-cells`. Nil when the walk reaches past the root. A controller whose
    /// `interrupt-parent` names itself (the root controller of its tree, as the BCM2836 per-core
    /// controller of the Raspberry Pi 3 is) is its own interrupt parent, as in Linux.
    public func interruptParent() throws(DeviceTreeError) -> DeviceTreeNode? {
        try findInterruptParent().parent
    }

    /// The walk of `interruptParent()`, also returning the first node on the way that is an
    /// `interrupt-controller` without `#interrupt-cells` (to explain a walk that finds nothing).
    private func findInterruptParent() throws(DeviceTreeError) -> (parent: DeviceTreeNode?, incomplete: DeviceTreeNode?) {
        var visited: [Int32] = [index]
        var incomplete: DeviceTreeNode? = nil
        var current = self
        while true {
            let next: DeviceTreeNode?
            if let handle = try current.u32(.interruptParent) {
                guard let target = tree.node(phandle: handle) else {
                    throw DeviceTreeError.danglingPhandle(node: current.path, property: "interrupt-parent", phandle: handle)
                }
                next = target
            } else {
                next = current.parent
            }
            guard let next else { return (nil, incomplete) }
            // The first node with #interrupt-cells ends the walk, even when it is the node the
            // walk started from (only that one can be met twice: any other would have ended it).
            if next.hasProperty(.interruptCells) { return (next, incomplete) }
            if visited.contains(next.index) {
                var chain: [String] = []
                for node in visited { chain.append(DeviceTreeNode(storage: storage, index: node).path) }
                chain.append(next.path)
                throw DeviceTreeError.interruptParentCycle(node: path, chain: chain)
            }
            visited.append(next.index)
            if incomplete == nil && next.hasProperty(.interruptController) {
                incomplete = next
            }
            current = next
        }
    }

    /// Resolves a specifier given in the format of this node (an interrupt controller or nexus)
    /// for a child whose unit address is `unitAddress` (missing cells read as 0) — for example a
    /// PCI device's INTx pin through a host bridge's `interrupt-map`.
    public func mapInterrupt(specifier: [UInt32], unitAddress: [UInt32]) throws(DeviceTreeError) -> ResolvedInterrupt {
        var controllers = ControllerKinds()
        return try walkInterruptTree(for: self, specifier: specifier, unitAddress: unitAddress, start: self, controllers: &controllers)
    }

    /// `#interrupt-cells` of this controller; `requiredBy` names the node that needed it.
    func interruptCells(requiredBy user: DeviceTreeNode) throws(DeviceTreeError) -> Int {
        guard let value = try u32(.interruptCells) else {
            throw DeviceTreeError.missingProperty(node: path, property: "#interrupt-cells", requiredBy: user.path)
        }
        guard value <= maximumInterruptCells else {
            throw DeviceTreeError.invalidPropertyValue(
                node: path, property: "#interrupt-cells",
                reason: "\(value) cells is more than the \(maximumInterruptCells) Linux allows")
        }
        return Int(value)
    }

    private func extendedInterrupts(_ list: RawProperty) throws(DeviceTreeError) -> [ResolvedInterrupt] {
        guard list.length % 4 == 0 else {
            throw lengthError("interrupts-extended", list, "a multiple of 4 bytes (phandles and specifier cells)")
        }
        var result: [ResolvedInterrupt] = []
        var controllers = ControllerKinds()
        let unitAddress = interruptUnitAddress
        var position = 0
        while position < list.cellCount {
            let handle = list.cell(position)
            guard let controller = tree.node(phandle: handle) else {
                throw DeviceTreeError.danglingPhandle(node: path, property: "interrupts-extended", phandle: handle)
            }
            let count = try controller.interruptCells(requiredBy: self)
            guard position + 1 + count <= list.cellCount else {
                throw DeviceTreeError.invalidPropertyValue(
                    node: path, property: "interrupts-extended",
                    reason: "its last entry has \(list.cellCount - position - 1) specifier cells, but #interrupt-cells of \(controller.path) is \(count)")
            }
            var specifier: [UInt32] = []
            for cell in (position + 1)..<(position + 1 + count) { specifier.append(list.cell(cell)) }
            result.append(try resolveInterrupt(specifier: specifier, from: controller, unitAddress: unitAddress, controllers: &controllers))
            position += 1 + count
        }
        return result
    }
}
