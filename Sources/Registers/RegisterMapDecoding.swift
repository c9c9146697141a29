extension RegisterMap {
    /// Every register (and register array) of the block, decoded from `encoded`, one per line:
    ///
    ///     OFFSET PATH WIDTH ACCESS [FLAG...][: FIELD, FIELD...]
    ///     0x02C LCR_H 32 rw: BRK 0 1, FEN 4 1, WLEN 5 2 FIVE=0 SIX=1 SEVEN=2 EIGHT=3
    ///     0x000 DR 32 rw side-effects: DATA 0 8, FE 8 1
    ///     0x020 Timer[2,0x20].BGLoad 32 rw: VALUE 0 32
    ///     0xFE0 PeriphID[4,0x4] 32 ro: ID 0 8
    ///
    /// OFFSET is the first element's byte offset in the block (hex); PATH is the register's
    /// name after the clusters it sits in, each `NAME` or `NAME[COUNT,STRIDE]` for an array;
    /// WIDTH is in bits; ACCESS is `ro`, `wo`, `rw`, `w1c` or `rc`; FLAGs are `side-effects`
    /// (reading changes the device), `big-endian` and `bank=NAME`. Each FIELD a read returns is
    /// `NAME LSB WIDTH` followed by its named values as `NAME=VALUE`. Numbers are decimal or
    /// 0x-prefixed hex. A line that does not follow this is left out.
    public var registers: [RegisterMapEntry] {
        encoded.withUTF8Buffer { text in
            var entries: [RegisterMapEntry] = []
            for line in text.split(separator: UInt8(ascii: "\n")) {
                if let entry = RegisterMapDecoder.entry(line) { entries.append(entry) }
            }
            return entries
        }
    }
}

/// Decoding the lines of `RegisterMap.encoded`.
enum RegisterMapDecoder {
    typealias Bytes = Slice<UnsafeBufferPointer<UInt8>>

    static func entry(_ line: Bytes) -> RegisterMapEntry? {
        let parts = line.split(separator: UInt8(ascii: ":"), maxSplits: 1)
        guard let head = parts.first else { return nil }
        let words = head.split(separator: UInt8(ascii: " "))
        guard words.count >= 4, let offset = number(words[0]), let width = number(words[2]), let access = access(words[3]) else { return nil }
        var clusters: [RegisterMapCluster] = []
        for part in words[1].split(separator: UInt8(ascii: ".")) {
            guard let element = pathPart(part) else { return nil }
            clusters.append(element)
        }
        // The last part is the register itself, the others the clusters it sits in.
        guard let register = clusters.popLast() else { return nil }
        var sideEffects = false
        var bigEndian = false
        var bank: String?
        for flag in words[4...] {
            if flag.elementsEqual("side-effects".utf8) {
                sideEffects = true
            } else if flag.elementsEqual("big-endian".utf8) {
                bigEndian = true
            } else if flag.starts(with: "bank=".utf8) {
                bank = text(flag.dropFirst(5))
            } else {
                return nil
            }
        }
        var fields: [RegisterMapField] = []
        if parts.count == 2 {
            for description in parts[1].split(separator: UInt8(ascii: ",")) {
                guard let field = field(description) else { return nil }
                fields.append(field)
            }
        }
        return RegisterMapEntry(
            register.name, offset: Int(offset), width: Int(width), access: access,
            readSideEffects: sideEffects, isBigEndian: bigEndian, bank: bank,
            count: register.count, stride: register.stride, isArray: register.isArray,
            clusters: clusters, fields: fields
        )
    }

    /// `NAME LSB WIDTH [VALUENAME=VALUE...]`.
    static func field(_ description: Bytes) -> RegisterMapField? {
        let words = description.split(separator: UInt8(ascii: " "))
        guard words.count >= 3, let lsb = number(words[1]), let width = number(words[2]) else { return nil }
        var values: [RegisterMapValue] = []
        for word in words[3...] {
            let pair = word.split(separator: UInt8(ascii: "="))
            guard pair.count == 2, let value = number(pair[1]) else { return nil }
            values.append(RegisterMapValue(text(pair[0]), value))
        }
        return RegisterMapField(text(words[0]), lsb: Int(lsb), width: Int(width), values: values)
    }

    /// `NAME` or `NAME[COUNT,STRIDE]`, as a cluster (the last part of a path is the register).
    static func pathPart(_ part: Bytes) -> RegisterMapCluster? {
        guard let open = part.firstIndex(of: UInt8(ascii: "[")) else { return RegisterMapCluster(text(part)) }
        guard part.last == UInt8(ascii: "]") else { return nil }
        let shape = part[part.index(after: open)..<part.index(before: part.endIndex)].split(separator: UInt8(ascii: ","))
        guard shape.count == 2, let count = number(shape[0]), let stride = number(shape[1]), count > 0 else { return nil }
        return RegisterMapCluster(text(part[part.startIndex..<open]), count: Int(count), stride: Int(stride), isArray: true)
    }

    static func access(_ word: Bytes) -> RegisterMapAccess? {
        if word.elementsEqual("ro".utf8) { return .readOnly }
        if word.elementsEqual("wo".utf8) { return .writeOnly }
        if word.elementsEqual("rw".utf8) { return .readWrite }
        if word.elementsEqual("w1c".utf8) { return .writeOneToClear }
        if word.elementsEqual("rc".utf8) { return .readToClear }
        return nil
    }

    /// A decimal or 0x-prefixed hex number that fits 64 bits.
    static func number<Digits: Collection>(_ digits: Digits) -> UInt64? where Digits.Element == UInt8 {
        digits.unsignedNumber()
    }

    static func text<Bytes: Collection>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        String(decoding: bytes, as: UTF8.self)
    }
}
