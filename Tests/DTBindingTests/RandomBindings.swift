import Foundation

/// SplitMix64: a small seeded random number generator, so a failing run can be repeated with
/// its seed (the property-based tests print it).
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A random valid binding in memory: its file, the fragments it includes, and the lines of its
/// numbers and strings (where `HostileValues` puts bad values).
struct RandomBinding {
    /// A value in the binding file that a test may replace: `key: value` alone on `line`.
    struct Site {
        enum Kind { case offset, count, stride, size, width, reset, bit, enumValue, propertyCount, compatible }
        var kind: Kind
        /// 1-based.
        var line: Int
        /// The register width (reset, bit) or field width (enumValue) the value must fit.
        var bits: Int = 64
        /// For count and stride: the line of the member's offset, where a member ending past
        /// the block limit is reported.
        var offsetLine: Int?
    }

    var path: String
    var files: [String: String]
    var sites: [Site]

    /// The binding file with the value at `site` replaced by `value`.
    func replacing(_ site: Site, with value: String) -> [String: String] {
        var lines = files[path]!.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let original = lines[site.line - 1]
        let colon = original.firstIndex(of: ":")!
        lines[site.line - 1] = original[...colon] + " " + value
        var result = files
        result[path] = lines.joined(separator: "\n")
        return result
    }
}

/// Writes random valid bindings: registers of every width and access kind, register arrays,
/// clusters (nested too), aliased registers, fields with resets, open and closed enums,
/// properties of several types, an included property fragment and an included register
/// fragment, members sometimes ending exactly at the 4 GiB block limit.
struct RandomBindingWriter {
    var random: SeededGenerator
    private var lines: [String] = []
    private var sites: [RandomBinding.Site] = []

    init(seed: UInt64) {
        random = SeededGenerator(state: seed)
    }

    static let limit: UInt64 = 0x1_0000_0000

    mutating func binding(_ index: Int) -> RandomBinding {
        lines = []
        sites = []
        let path = "gen/gen\(index).yaml"
        var files: [String: String] = [:]
        emit("name: Gen\(index)")
        emit("compatible: gen,device-\(index)", site: .compatible)
        emit("include: [common/props-\(index).yaml]")
        files["gen/common/props-\(index).yaml"] = "properties:\n  extra-\(index): { type: u32, default: \(random.next() % 0x1_0000_0000) }\n"
        emit("properties:")
        emit("  reg: { type: reg, required: true, count: 1 }")
        if chance(2) { emit("  speed: { type: u64, default: \(random.next()) }") }
        if chance(2) { emit("  mode: { type: string, enum: [fast, slow], default: slow }") }
        if chance(2) { emit("  flag: { type: boolean }") }
        if chance(2) { emit("  names: { type: string-array, default: [a, b] }") }
        emit("  lanes:")
        emit("    type: cells")
        emit("    max-count: \(1 + random.next() % 65536)", site: .propertyCount)
        emit("registers:")
        emit("  Gen\(index):")
        let blockWidth = [8, 16, 32, 64].randomElement(using: &random)!
        emit("    width: \(blockWidth)")
        emit("    include: [common/regs-\(index).yaml]")
        // The included fragment's register comes first, at offset 0.
        var fragment = RandomBindingWriter(seed: random.next())
        fragment.emit("registers:")
        var end = fragment.register(name: "TAIL", offset: 0, width: 32, indent: "  ", cluster: false)
        files["gen/common/regs-\(index).yaml"] = fragment.lines.joined(separator: "\n") + "\n"
        let registersLine = lines.count
        emit("    registers:")
        let members = 1 + Int(random.next() % 5)
        for member in 0..<members {
            let last = member == members - 1
            if chance(5) {
                end = cluster(name: "C\(member)", after: end, atLimit: last && chance(4), indent: "      ", depth: 0)
            } else {
                let width = chance(3) ? blockWidth : [8, 16, 32, 64].randomElement(using: &random)!
                let size = UInt64(width / 8)
                let offset = last && chance(4) ? Self.limit - size : align(end + random.next() % 64, to: size)
                end = register(name: "R\(member)", offset: offset, width: width, indent: "      ", cluster: false)
            }
        }
        if chance(3) {
            lines.insert("    size: 0x\(String(min(Self.limit, end + random.next() % 0x100), radix: 16))", at: registersLine)
            sites = sites.map { site in
                var site = site
                if site.line > registersLine { site.line += 1 }
                site.offsetLine = site.offsetLine.map { $0 > registersLine ? $0 + 1 : $0 }
                return site
            }
            sites.append(RandomBinding.Site(kind: .size, line: registersLine + 1))
        }
        files[path] = lines.joined(separator: "\n") + "\n"
        return RandomBinding(path: path, files: files, sites: sites)
    }

    private mutating func chance(_ oneIn: UInt64) -> Bool { random.next() % oneIn == 0 }

    private func align(_ value: UInt64, to size: UInt64) -> UInt64 { (value + size - 1) / size * size }

    private mutating func emit(_ line: String, site: RandomBinding.Site.Kind? = nil, bits: Int = 64, offsetLine: Int? = nil) {
        lines.append(line)
        if let site { sites.append(RandomBinding.Site(kind: site, line: lines.count, bits: bits, offsetLine: offsetLine)) }
    }

    /// A cluster of one or two registers (and in a top-level cluster sometimes a nested one),
    /// repeated 2 to 4 times; returns its end.
    private mutating func cluster(name: String, after end: UInt64, atLimit: Bool, indent: String, depth: Int) -> UInt64 {
        var inner = RandomBindingWriter(seed: random.next())
        var extent: UInt64 = 0
        for member in 0..<(1 + Int(random.next() % 2)) {
            let width = [8, 16, 32, 64].randomElement(using: &inner.random)!
            extent = inner.register(name: "R\(member)", offset: inner.align(extent, to: UInt64(width / 8)), width: width, indent: indent + "    ", cluster: true)
        }
        if depth == 0 && chance(3) {
            extent = inner.cluster(name: "Sub", after: extent, atLimit: false, indent: indent + "    ", depth: 1)
        }
        let count = 2 + random.next() % 3
        let stride = align(extent, to: 8) + 8 * (random.next() % 3)
        let span = (count - 1) * stride + extent
        let offset = atLimit ? Self.limit - span : align(end + random.next() % 64, to: 8)
        emit("\(indent)- name: \(name)")
        emit("\(indent)  offset: 0x\(String(offset, radix: 16))", site: .offset)
        let offsetLine = lines.count
        emit("\(indent)  count: \(count)", site: .count, offsetLine: offsetLine)
        emit("\(indent)  stride: 0x\(String(stride, radix: 16))", site: .stride, offsetLine: offsetLine)
        emit("\(indent)  registers:")
        let base = lines.count
        sites += inner.sites.map { var site = $0; site.line += base; site.offsetLine = site.offsetLine.map { $0 + base }; return site }
        lines += inner.lines
        return offset + span
    }

    /// One register (sometimes an array, sometimes aliased) with random fields; returns its end.
    @discardableResult
    private mutating func register(name: String, offset: UInt64, width: Int, indent: String, cluster: Bool) -> UInt64 {
        let size = UInt64(width / 8)
        let access = AccessChoice.all.randomElement(using: &random)!
        emit("\(indent)- name: \(name)")
        emit("\(indent)  offset: 0x\(String(offset, radix: 16))", site: .offset)
        let offsetLine = lines.count
        emit("\(indent)  width: \(width)", site: .width)
        var count: UInt64 = 1
        var stride = size
        if offset + 4 * 64 < Self.limit && chance(5) {
            count = 2 + random.next() % 7
            stride = size * (1 + random.next() % 4)
            emit("\(indent)  count: \(count)", site: .count, offsetLine: offsetLine)
            emit("\(indent)  stride: 0x\(String(stride, radix: 16))", site: .stride, offsetLine: offsetLine)
        }
        if access == "rw" && chance(6) {
            emit("\(indent)  read:")
            emit("\(indent)    fields:")
            fields(width: width, kinds: ["ro", "rc"], indent: indent + "      ")
            emit("\(indent)  write:")
            emit("\(indent)    fields:")
            fields(width: width, kinds: ["wo", "w1c"], indent: indent + "      ")
        } else {
            emit("\(indent)  access: \(access)")
            if chance(2) {
                let mask = width == 64 ? UInt64.max : (UInt64(1) << UInt64(width)) - 1
                emit("\(indent)  reset: 0x\(String(random.next() & mask, radix: 16))", site: .reset, bits: width)
            } else if chance(4) {
                emit("\(indent)  byte-order: big")
            } else {
                emit("\(indent)  fields:")
                fields(width: width, kinds: AccessChoice.fieldKinds[access]!, indent: indent + "    ")
            }
        }
        return offset + (count - 1) * stride + size
    }

    /// Fields covering some of `width` bits, none overlapping.
    private mutating func fields(width: Int, kinds: [String], indent: String) {
        var lsb = 0
        var index = 0
        while lsb < width {
            let fieldWidth = chance(8) ? width - lsb : 1 + Int(random.next() % UInt64(min(8, width - lsb)))
            let msb = lsb + fieldWidth - 1
            emit("\(indent)F\(index):")
            if fieldWidth == 1 { emit("\(indent)  bit: \(lsb)", site: .bit, bits: width) } else { emit("\(indent)  bits: \(lsb)-\(msb)") }
            emit("\(indent)  access: \(kinds.randomElement(using: &random)!)")
            let mask = fieldWidth == 64 ? UInt64.max : (UInt64(1) << UInt64(fieldWidth)) - 1
            if chance(3) { emit("\(indent)  reset: \(random.next() & mask)") }
            if fieldWidth <= 2 && chance(3) {
                emit("\(indent)  enum:")
                for value in 0..<(1 << fieldWidth) { emit("\(indent)    V\(value): \(value)") }
            } else if chance(3) {
                emit("\(indent)  enum-kind: open")
                emit("\(indent)  enum:")
                emit("\(indent)    LOW: 0")
                emit("\(indent)    HIGH: \(mask)", site: .enumValue, bits: fieldWidth)
            } else if fieldWidth == 1 && chance(3) {
                emit("\(indent)  type: uint")
            }
            lsb = msb + 1 + Int(random.next() % 3)
            index += 1
        }
    }
}

/// Access kinds and the field kinds each register kind holds (docs/bindings.md).
enum AccessChoice {
    static let all = ["ro", "wo", "rw", "w1c", "rc"]
    static let fieldKinds: [String: [String]] = [
        "ro": ["ro", "rc"], "wo": ["wo", "w1c"], "rw": ["ro", "wo", "rw", "w1c", "rc"], "w1c": ["w1c", "ro", "rc"], "rc": ["rc", "ro"],
    ]
}

/// Values that make each kind of site invalid whatever the rest of the binding is.
enum HostileValues {
    /// Wrong types and numbers no binding number can be.
    static let anyNumber = ["[4]", "{ a: 1 }", "-1", "0x1_0000_0000_0000_0000", "18446744073709551616", "1.5", "abc", "-0x8000000000000000"]

    static func values(for site: RandomBinding.Site) -> [String] {
        switch site.kind {
        case .offset: return anyNumber + ["0x100000000", "0x8000000000000000", "0xFFFFFFFFFFFFFFFF", "0xFFFFFFFFFFFFFFF0"]
        case .count: return anyNumber + ["0", "65537", "0x80000000", "0x100000000", "0x8000000000000000", "0xFFFFFFFFFFFFFFFF"]
        case .stride: return anyNumber + ["0x100000000", "0x100000001", "0x8000000000000000", "0xFFFFFFFFFFFFFFFF"]
        case .size: return anyNumber + ["0", "0x100000001", "0x8000000000000000", "0xFFFFFFFFFFFFFFFF"]
        case .width: return anyNumber + ["0", "1", "7", "0x80000000", "0x100000000", "0xFFFFFFFFFFFFFFFF"]
        case .reset, .enumValue:
            return anyNumber + (site.bits < 64 ? ["0x" + String(UInt64(1) << UInt64(site.bits), radix: 16), "0xFFFFFFFFFFFFFFFF"] : [])
        case .bit: return anyNumber + ["\(site.bits)", "0x80000000", "0x100000000", "0x8000000000000000", "0xFFFFFFFFFFFFFFFF"]
        case .propertyCount: return anyNumber + ["65537", "0x100000000", "0xFFFFFFFFFFFFFFFF"]
        case .compatible: return ["42", "true", "1.5", "-7", "[]", "{ a: b }", "\"\"", "0x10"]
        }
    }
}
