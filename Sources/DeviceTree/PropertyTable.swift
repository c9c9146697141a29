/// Property lookup through the table `DeviceTreeStorage` builds at load time: a name is hashed
/// once and compared against the node's few entries, instead of libfdt rescanning the
/// structure block and re-checking every candidate name on each lookup.
extension DeviceTreeStorage {
    /// The value of property `name` of node `node`, found through the property table.
    func property(of node: Int32, named name: String) -> RawProperty? {
        var text = name
        return text.withUTF8 { utf8 -> RawProperty? in
            let hash = propertyNameHash(utf8)
            for entry in Int(propertyStarts[Int(node)])..<Int(propertyStarts[Int(node) + 1])
            where propertyHashes[entry] == hash && nameMatches(entry, utf8) {
                return RawProperty(buffer: UnsafeRawBufferPointer(
                    start: base + Int(propertyValues[entry]), count: Int(propertyLengths[entry])))
            }
            return nil
        }
    }

    /// True when the NUL-terminated name of property table entry `entry` is exactly `utf8`.
    private func nameMatches(_ entry: Int, _ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        let name = base + Int(propertyNames[entry])
        for index in 0..<utf8.count {
            let byte = name.load(fromByteOffset: index, as: UInt8.self)
            if byte == 0 || byte != utf8[index] { return false }
        }
        return name.load(fromByteOffset: utf8.count, as: UInt8.self) == 0
    }
}

/// FNV-1a of a static string's UTF-8 bytes.
func propertyNameHash(name: StaticString) -> UInt32 {
    propertyNameHash(UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
}

/// True when the NUL-terminated string at `pointer` equals `text`.
func cStringEquals(_ pointer: UnsafeRawPointer, _ text: StaticString) -> Bool {
    let bytes = UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)
    for index in 0..<bytes.count {
        let byte = pointer.load(fromByteOffset: index, as: UInt8.self)
        if byte == 0 || byte != bytes[index] { return false }
    }
    return pointer.load(fromByteOffset: bytes.count, as: UInt8.self) == 0
}

/// FNV-1a over a NUL-terminated name (inside the validated blob, so the NUL is there).
func propertyNameHash(_ name: UnsafeRawPointer) -> UInt32 {
    var hash: UInt32 = 2_166_136_261
    var index = 0
    while true {
        let byte = name.load(fromByteOffset: index, as: UInt8.self)
        if byte == 0 { return hash }
        hash = (hash ^ UInt32(byte)) &* 16_777_619
        index += 1
    }
}

/// FNV-1a over a name's UTF-8 bytes (same result as for the NUL-terminated form).
func propertyNameHash(_ name: UnsafeBufferPointer<UInt8>) -> UInt32 {
    var hash: UInt32 = 2_166_136_261
    for byte in name { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
    return hash
}

