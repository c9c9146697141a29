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
        // The name is assembled as bytes straight from the blob and decoded once at the end; the
        // walk up goes by index (no reference counting per level).
        let storage = self.storage
        var text: [UInt8] = []
        text.reserveCapacity(64)
        var chain: [Int32] = []   // the nodes passed on the way up, from this node upwards
        var node = index
        while storage.parents[Int(node)] >= 0 {
            if let address = try storage.firstTranslatedAddress(of: node) {
                appendHex(address, to: &text)
                text.append(UInt8(ascii: "."))
                if let mask = storage.property(of: node, .mask), mask.length >= 4 {
                    let value = mask.cell(0)
                    appendHex(UInt64(value == 0 ? UInt32.max : UInt32(value.trailingZeroBitCount)), to: &text)
                    text.append(UInt8(ascii: "."))
                }
                storage.appendName(of: node, withoutUnitAddress: true, to: &text)
                for below in chain.reversed() {
                    text.append(UInt8(ascii: ":"))
                    storage.appendName(of: below, withoutUnitAddress: false, to: &text)
                }
                return String(decoding: text, as: UTF8.self)
            }
            chain.append(node)
            node = storage.parents[Int(node)]
        }
        for below in chain.reversed() {
            if !text.isEmpty { text.append(UInt8(ascii: ":")) }
            storage.appendName(of: below, withoutUnitAddress: false, to: &text)
        }
        return String(decoding: text, as: UTF8.self)
    }

}

extension DeviceTreeStorage {
    /// The CPU address of node `node`'s first `reg` entry as Linux computes it for device naming,
    /// or nil when there is no `reg` or it does not translate.
    func firstTranslatedAddress(of node: Int32) throws(DeviceTreeError) -> UInt64? {
        let bus = parents[Int(node)]
        guard let reg = property(of: node, .reg), bus >= 0 else { return nil }
        guard let addressCells = try? cellCount(.addressCells, of: bus) else { return nil }
        guard (1...4).contains(addressCells) else { return nil }
        guard reg.cellCount >= addressCells else {
            let handle = DeviceTreeNode(storage: self, index: node)
            throw handle.lengthError("reg", reg, "at least \(addressCells * 4) bytes (#address-cells \(addressCells) of \(DeviceTreeNode(storage: self, index: bus).path))")
        }
        return try? translate(node: node, busAddress: reg.number(at: 0, cells: addressCells), strict: false, detailed: false)
    }
}

/// `value` in lowercase hexadecimal without "0x", as Linux's "%llx" prints it.
private func appendHex(_ value: UInt64, to text: inout [UInt8]) {
    let digits = max(1, (64 - value.leadingZeroBitCount + 3) / 4)
    for position in stride(from: digits - 1, through: 0, by: -1) {
        let nibble = UInt8(truncatingIfNeeded: value >> UInt64(position * 4)) & 0xF
        text.append(nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10)
    }
}

extension DeviceTreeStorage {
    /// Appends the raw bytes of node `node`'s name (up to its "@" when `withoutUnitAddress`).
    func appendName(of node: Int32, withoutUnitAddress: Bool, to text: inout [UInt8]) {
        let length = Int(nameLengths[Int(node)])
        let name = UnsafeRawBufferPointer(start: base + Int(nameOffsets[Int(node)]), count: length)
        for byte in name {
            if withoutUnitAddress && byte == UInt8(ascii: "@") { return }
            text.append(byte)
        }
    }
}
