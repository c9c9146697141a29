/// One register of a `RegisterMap` at one index of its clusters and array: what a dump reads.
public struct RegisterMapElement: Sendable {
    /// The register (or array) it belongs to.
    public let register: RegisterMapEntry
    /// Its byte offset from the start of the block.
    public let offset: Int
    /// Its name with indices: "FR", "PeriphID[2]", "Timer[1].Load".
    public let name: String
}

extension RegisterMap {
    /// Every register element (arrays and clusters expanded), by offset; elements at the same
    /// offset (a read-only and a write-only register, or banks) keep the binding's order.
    public var elements: [RegisterMapElement] {
        var elements: [RegisterMapElement] = []
        for register in self.registers {
            expand(register, cluster: 0, offset: register.offset, prefix: "") { elements.append($0) }
        }
        // The standard library's sort is stable: elements at one offset keep their order.
        elements.sort { $0.offset < $1.offset }
        return elements
    }

    /// Hex digits that show every offset of the block (at least 3), as the generated code does.
    public var offsetDigits: Int {
        var digits = 1
        var rest = max(extent, 1) - 1
        while rest >= 16 {
            rest /= 16
            digits += 1
        }
        return max(3, digits)
    }

    private func expand(_ register: RegisterMapEntry, cluster level: Int, offset: Int, prefix: String, _ body: (RegisterMapElement) -> Void) {
        if level < register.clusters.count {
            let cluster = register.clusters[level]
            for index in 0..<cluster.count {
                let name = prefix + cluster.name + (cluster.isArray ? "[\(index)]" : "") + "."
                expand(register, cluster: level + 1, offset: offset + index * cluster.stride, prefix: name, body)
            }
            return
        }
        let base = prefix + register.name
        for index in 0..<register.count {
            body(RegisterMapElement(register: register, offset: offset + index * register.stride, name: register.isArray ? base + "[\(index)]" : base))
        }
    }
}

/// Why a dump left a register unread.
public enum RegisterSkipReason: Sendable {
    /// The register is write-only: a read returns nothing meaningful.
    case writeOnly
    /// Reading it changes the device (the binding's `read-side-effects`, or `rc` access).
    case readSideEffects
    /// It is in a bank: its offset shows another register unless the bank is selected.
    case banked(bank: String)
    /// It lies beyond the region's end (the region is smaller than the binding's block).
    case beyondRegion(regionSize: Int)

    /// "write-only", "reading it has side effects", ...
    public var description: String {
        switch self {
        case .writeOnly: return "write-only"
        case .readSideEffects: return "reading it has side effects"
        case .banked(let bank): return "in bank " + bank + ": its offset shows another register unless that bank is selected"
        case .beyondRegion(let size): return "beyond the region's 0x\(String(size, radix: 16)) bytes"
        }
    }
}

/// A register a dump read, with its value, or left alone, with the reason.
public enum RegisterReading: Sendable {
    /// The element was read: its value (byte order already corrected).
    case value(RegisterMapElement, UInt64)
    /// The element was not read.
    case skipped(RegisterMapElement, RegisterSkipReason)

    /// The element read or skipped.
    public var element: RegisterMapElement {
        switch self {
        case .value(let element, _), .skipped(let element, _): return element
        }
    }

    /// `OFFSET NAME = 0xVALUE` and one line per field, `  FIELD = value (ENUMNAME)`; or
    /// `OFFSET NAME: not read (reason)`. Offsets have `offsetDigits` hex digits.
    public func lines(offsetDigits: Int) -> [String] {
        let element = self.element
        let head = hexText(UInt64(element.offset), digits: offsetDigits) + " " + element.name
        switch self {
        case .skipped(_, let reason):
            return [head + ": not read (" + reason.description + ")"]
        case .value(_, let raw):
            var lines = [head + " = " + hexText(raw, digits: element.register.width / 4)]
            for field in element.register.fields {
                let value = field.value(in: raw)
                var line = "  " + field.name + " = " + (value < 10 ? "\(value)" : hexText(value, digits: 1))
                if let name = field.name(of: value) { line += " (" + name + ")" }
                lines.append(line)
            }
            return lines
        }
    }
}

/// Reads every register of a `RegisterMap` through a bus and decodes it: the core of `vfioctl
/// dump`. Write-only registers are never read; registers whose reads have side effects only when
/// `includeSideEffects` is set.
public struct RegisterMapReader: Sendable {
    /// Whether registers whose reads have side effects are read too.
    public var includeSideEffects: Bool

    /// A reader that leaves registers with read side effects alone unless `includeSideEffects`.
    public init(includeSideEffects: Bool = false) {
        self.includeSideEffects = includeSideEffects
    }

    /// Why `element` is not read from a region of `regionSize` bytes, or nil when it is.
    public func skipReason(_ element: RegisterMapElement, regionSize: Int) -> RegisterSkipReason? {
        let register = element.register
        if !register.access.isReadable { return .writeOnly }
        if element.offset < 0 || element.offset + register.width / 8 > regionSize { return .beyondRegion(regionSize: regionSize) }
        if let bank = register.bank { return .banked(bank: bank) }
        if register.readSideEffects && !includeSideEffects { return .readSideEffects }
        return nil
    }

    /// Every element of `map` read through `bus` (whose offset 0 is the block's start) or
    /// skipped with the reason, by offset. `regionSize` bounds the reads.
    public func read<Bus: RegisterBus>(_ map: RegisterMap, from bus: Bus, regionSize: Int) -> [RegisterReading] {
        var readings: [RegisterReading] = []
        for element in map.elements {
            if let reason = skipReason(element, regionSize: regionSize) {
                readings.append(.skipped(element, reason))
            } else {
                readings.append(.value(element, Self.value(of: element, from: bus)))
            }
        }
        return readings
    }

    /// One read of `element` at its width, in CPU order when the device holds it big-endian.
    public static func value<Bus: RegisterBus>(of element: RegisterMapElement, from bus: Bus) -> UInt64 {
        let register = element.register
        switch register.width {
        case 8: return UInt64(bus.read8(at: element.offset))
        case 16:
            let value = bus.read16(at: element.offset)
            return UInt64(register.isBigEndian ? UInt16(bigEndian: value) : value)
        case 64:
            let value = bus.read64(at: element.offset)
            return register.isBigEndian ? UInt64(bigEndian: value) : value
        default:
            let value = bus.read32(at: element.offset)
            return UInt64(register.isBigEndian ? UInt32(bigEndian: value) : value)
        }
    }
}

/// `0x` and at least `digits` lowercase hex digits.
func hexText(_ value: UInt64, digits: Int) -> String {
    let text = String(value, radix: 16)
    var padding = ""
    var length = text.utf8.count
    while length < digits {
        padding += "0"
        length += 1
    }
    return "0x" + padding + text
}
