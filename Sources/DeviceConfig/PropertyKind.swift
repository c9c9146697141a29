/// The type a binding gives a device-tree property (`type:` in a binding file), as the runtime
/// decoder knows it. The raw value is the binding's spelling.
public enum PropertyKind: String, CaseIterable, Sendable {
    /// One cell.
    case u32
    /// Two cells, high cell first.
    case u64
    /// Any number of cells.
    case cells
    /// Exactly one NUL-terminated string.
    case string
    /// Any number of NUL-terminated strings.
    case stringArray = "string-array"
    /// No value: present means true.
    case boolean
    /// One cell naming another node by its `phandle`.
    case phandle
    /// Cells of phandles, each followed by its arguments.
    case phandleArray = "phandle-array"
    /// `reg`: address and size entries, translated to CPU addresses.
    case reg
    /// `interrupts` (or `interrupts-extended`), resolved to their controllers.
    case interrupts

    /// What a value of this type must be, as messages say it: "one cell (u32)".
    public var shape: String {
        switch self {
        case .u32: return "one cell (u32)"
        case .u64: return "two cells (u64)"
        case .cells: return "whole cells (a multiple of 4 bytes)"
        case .string: return "one string"
        case .stringArray: return "a list of NUL-terminated strings"
        case .boolean: return "a boolean (no value)"
        case .phandle: return "one phandle cell"
        case .phandleArray: return "whole cells of phandles and arguments (a multiple of 4 bytes)"
        case .reg: return "reg entries"
        case .interrupts: return "interrupt specifiers"
        }
    }

    /// One of what a count of this type counts: "cell", "string", "entry".
    public var countUnitSingular: String {
        switch self {
        case .cells, .phandleArray: return "cell"
        case .stringArray: return "string"
        case .reg: return "entry"
        case .interrupts: return "interrupt specifier"
        default: return "value"
        }
    }

    /// What a count of this type counts, in the plural: "cells", "strings", "entries".
    public var countUnit: String {
        switch self {
        case .cells, .phandleArray: return "cells"
        case .stringArray: return "strings"
        case .reg: return "entries"
        case .interrupts: return "interrupt specifiers"
        default: return "values"
        }
    }
}
