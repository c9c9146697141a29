extension DeviceTreeNode {
    /// The name Linux gives the platform or AMBA device it creates for this node, as
    /// `of_device_make_bus_id` (drivers/of/device.c, Linux 6.12) builds it — the directory name
    /// under /sys/bus/platform/devices and what vfio-platform binding needs:
    ///
    /// - "<address>.<name>" — the CPU address of the first `reg` entry in lowercase hex without
    ///   "0x", then the node name without unit address: "9000000.pl011";
    /// - "<address>.<bit>.<name>" when the node has a `mask` property, where bit is
    ///   `ffs(mask) - 1` in hex (ffffffff for a zero mask);
    /// - when the node has no `reg` or it does not translate, its full name (with unit address)
    ///   becomes a suffix and the parent is tried the same way: "1000.bus:child@5", or just the
    ///   joined names ("bus:child") when no ancestor below the root translates.
    ///
    /// Errors: for the root (Linux creates no device for it) and for a `reg` shorter than one
    /// address. Any other translation problem just moves on to the parent, as in Linux.
    public func linuxDeviceName() throws(DeviceTreeError) -> String {
        guard parent != nil else {
            throw DeviceTreeError.unsupportedNode(node: path, reason: "the root node has no Linux device name")
        }
        var suffix: String? = nil
        var node = self
        while let up = node.parent {
            if let address = try node.firstTranslatedAddress() {
                var text = String(address, radix: 16) + "."
                if let mask = node.rawProperty("mask"), mask.length >= 4 {
                    let value = mask.cell(0)
                    let bit = value == 0 ? UInt32.max : UInt32(value.trailingZeroBitCount)
                    text += String(bit, radix: 16) + "."
                }
                text += node.baseName
                if let suffix { text += ":" + suffix }
                return text
            }
            let own = node.name
            suffix = suffix.map { own + ":" + $0 } ?? own
            node = up
        }
        return suffix ?? ""
    }

    /// The CPU address of the first `reg` entry as Linux computes it for device naming, or nil
    /// when there is no `reg` or it does not translate.
    func firstTranslatedAddress() throws(DeviceTreeError) -> UInt64? {
        guard let reg = rawProperty("reg"), let bus = parent else { return nil }
        guard let addressCells = try? bus.addressCells() else { return nil }
        guard (1...4).contains(addressCells) else { return nil }
        guard reg.cellCount >= addressCells else {
            throw lengthError("reg", reg, "at least \(addressCells * 4) bytes (#address-cells \(addressCells) of \(bus.path))")
        }
        return try? translate(busAddress: reg.number(at: 0, cells: addressCells), strict: false, detailed: false)
    }
}
