// The device-tree fuzz harness, shared by the libFuzzer target (Fuzz/DeviceTreeFuzz, built by
// scripts/fuzz.sh) and the regression tests that replay its findings (Inputs/devicetree).
//
// One input is one DTB. Whatever DeviceTree accepts is then read every way the public API
// offers: every node's names, structure, properties in every typed form, reg decoded and
// translated, interrupts resolved, Linux device name, aliases, labels and lookups, and every
// error's description. Crashes, sanitizer reports and the invariants below are findings; errors
// thrown by the API are expected (that is what it does with bad trees).

@_spi(Testing) import DeviceTree

/// Keeps results observable so the optimiser cannot drop the calls that produce them.
nonisolated(unsafe) var fuzzSink = 0

@inline(never)
func fuzzKeep(_ text: String) { fuzzSink &+= text.utf8.count }

@inline(never)
func fuzzKeep(_ error: DeviceTreeError) { fuzzKeep(error.description) }

/// Invariants that hold for any tree DeviceTree accepted.
func checkStructure(_ tree: DeviceTree) {
    // Loading read the structure block directly; libfdt's own iterators must agree.
    precondition(tree.indexMatchesLibfdtWalk, "the direct node index differs from libfdt's walk")
    let nodes = tree.allNodes()
    precondition(nodes.count == tree.nodeCount, "allNodes() and nodeCount disagree")
    precondition(tree.root.subtree.count == tree.nodeCount, "the root's subtree is not the whole tree")
    precondition(tree.root.parent == nil, "the root has a parent")
    for node in nodes {
        for child in node.children {
            precondition(child.parent == node, "a child's parent is not the node listing it")
            precondition(child.depth == node.depth + 1, "a child is not one level below its parent")
        }
        if let phandle = node.phandleValue {
            precondition(tree.node(phandle: phandle) != nil, "a node's own phandle does not resolve")
        }
    }
    // What `bytes` returns loads again into the same tree.
    do {
        let again = try DeviceTree(bytes: tree.bytes)
        precondition(again.nodeCount == tree.nodeCount, "reloading bytes changed the node count")
    } catch {
        preconditionFailure("the bytes of a loaded tree do not load again: \(error)")
    }
}

/// Every typed reader on one property, through the property value and through the node.
func readProperty(_ property: DeviceTreeProperty, of node: DeviceTreeNode) {
    fuzzKeep(property.name)
    do { fuzzSink &+= Int(try property.u32()) } catch { fuzzKeep(error) }
    do { fuzzSink &+= Int(truncatingIfNeeded: try property.u64()) } catch { fuzzKeep(error) }
    do { fuzzSink &+= try property.cells().count } catch { fuzzKeep(error) }
    do { fuzzKeep(try property.string()) } catch { fuzzKeep(error) }
    do { fuzzSink &+= try property.stringList().count } catch { fuzzKeep(error) }
    do { _ = try node.phandle(property.name) } catch { fuzzKeep(error) }
    // A name that is not UTF-8 (libfdt does not check the characters) is listed repaired, with
    // U+FFFD, and cannot be found under that spelling; every other listed name must be found.
    if !property.name.unicodeScalars.contains("\u{FFFD}") {
        precondition(node.hasProperty(property.name), "a listed property is not found by name")
        precondition(node.bool(property.name))
    }
}

/// Everything the API offers on one node.
func readNode(_ node: DeviceTreeNode, in tree: DeviceTree) {
    fuzzKeep(node.name)
    fuzzKeep(node.baseName)
    if let unit = node.unitAddress { fuzzKeep(unit) }
    fuzzKeep(node.path)
    fuzzSink &+= node.depth &+ Int(node.offset)
    _ = node.child(named: node.name)
    for property in node.properties { readProperty(property, of: node) }
    for name in node.compatible { fuzzSink &+= node.isCompatible(with: name) ? 1 : 0 }
    _ = node.compatibilityRank(preferring: ["arm,pl011", "arm,primecell", "ns16550a"])
    fuzzKeep(node.status.description)
    do { fuzzSink &+= try node.addressCells() &+ node.sizeCells() } catch { fuzzKeep(error) }

    do {
        for range in try node.busRegisters() { fuzzKeep(range.description) }
    } catch { fuzzKeep(error) }
    do {
        for range in try node.registers() { fuzzSink &+= Int(truncatingIfNeeded: range.address) }
    } catch { fuzzKeep(error) }
    for name in node.regNames {
        do { _ = try node.register(named: name) } catch { fuzzKeep(error) }
    }

    do {
        for interrupt in try node.interrupts() {
            fuzzKeep(interrupt.controllerPath)
            if let gic = interrupt.gic { fuzzKeep(gic.description); fuzzSink &+= Int(gic.intid) }
            fuzzSink &+= GICInterrupt(cells: interrupt.cells)?.intid == nil ? 0 : 1
        }
    } catch { fuzzKeep(error) }
    for name in node.interruptNames {
        do { _ = try node.interrupt(named: name) } catch { fuzzKeep(error) }
    }
    do {
        if let parent = try node.interruptParent() {
            // Map the node's own first specifier again through its parent, as a PCI host does.
            let specifier = ((try? node.cells("interrupts")) ?? nil) ?? [0, 0, 0]
            let unit = ((try? node.cells("reg")) ?? nil) ?? []
            do { _ = try parent.mapInterrupt(specifier: Array(specifier.prefix(4)), unitAddress: unit) } catch { fuzzKeep(error) }
        }
    } catch { fuzzKeep(error) }

    do { fuzzKeep(try node.linuxDeviceName()) } catch { fuzzKeep(error) }
}

/// Runs one fuzz input through the device-tree model.
public func runDeviceTreeInput(_ input: UnsafeRawBufferPointer) {
    let tree: DeviceTree
    do {
        tree = try DeviceTree(copying: input, source: "fuzz input")
    } catch {
        fuzzKeep(error)
        return
    }
    checkStructure(tree)
    for node in tree.allNodes() { readNode(node, in: tree) }
    for alias in tree.aliases { _ = tree.node(alias: alias.name) }
    for label in tree.labels { _ = tree.node(label: label.name) }
    _ = tree.chosen
    _ = tree.node(atPath: "/soc/serial")
    _ = tree.node(atPath: "serial0")
    _ = tree.nodes(compatibleWith: "arm,pl011")
    _ = tree.nodes(compatibleWithAnyOf: ["arm,pl011", "arm,gic-400", "arm,cortex-a15-gic"])
}
