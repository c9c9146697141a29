import CLinux
import ByteText
/// Everything that can go wrong while loading a device tree blob or interpreting its nodes.
///
/// Every case names the node (by full path) and, where one is involved, the property, so that
/// `description` reads as a complete sentence a user can act on without a debugger.
public enum DeviceTreeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A file could not be opened or read; `errno` is the value `open(2)` or `read(2)` left.
    case unreadableFile(path: String, errno: Int32)

    /// libfdt rejected the blob. `code` is libfdt's negative error code (`-FDT_ERR_*`), `source`
    /// names where the bytes came from ("file /x.dtb" or "blob") and `detail` says what is wrong.
    case malformedBlob(source: String, code: Int32, detail: String)

    /// A property's length does not fit what the property must hold; `expected` describes the
    /// acceptable lengths (for example "a multiple of 16 bytes (#address-cells 2 + #size-cells 2 of /soc)").
    case invalidPropertyLength(node: String, property: String, length: Int, expected: String)

    /// A property has a well-formed length but an unusable value (`reason` says why).
    case invalidPropertyValue(node: String, property: String, reason: String)

    /// A property of `node` refers to a phandle that no node in the tree carries.
    case danglingPhandle(node: String, property: String, phandle: UInt32)

    /// A property that the operation needs is absent; `requiredBy` is the node whose
    /// interpretation needed it (for example the device whose interrupts were being resolved).
    case missingProperty(node: String, property: String, requiredBy: String)

    /// The address of `node`'s `reg` entry cannot be translated to a CPU physical address
    /// while crossing `bus`; `reason` says why (no `ranges`, no matching entry, bad cell counts).
    case untranslatableAddress(node: String, address: UInt64, bus: String, reason: String)

    /// `node` has `interrupts` but no ancestor or `interrupt-parent` target has `#interrupt-cells`.
    case noInterruptParent(node: String)

    /// Following `interrupt-parent` from `node` came back to a node already visited; `chain` is
    /// the walk, in order, ending with the repeated node.
    case interruptParentCycle(node: String, chain: [String])

    /// Resolving an interrupt of `node` reached an interrupt nexus (`interrupt-map`) that maps
    /// back into an earlier step of the same walk, so resolution would never end.
    case interruptMapCycle(node: String, nexus: String)

    /// No entry of `nexus`'s `interrupt-map` matches `node`'s masked unit address and specifier
    /// (`key` is the unmasked unit address followed by the specifier, as the map compares them).
    case noInterruptMapMatch(node: String, nexus: String, key: [UInt32])

    /// Walking the interrupt tree from `node` ended (at `lastNode`) without reaching a node with
    /// `interrupt-controller`.
    case noInterruptController(node: String, lastNode: String)

    /// The operation is meaningless for `node` (for example the Linux device name of the root).
    case unsupportedNode(node: String, reason: String)

    /// A readable sentence naming what is wrong and how to fix it.
    public var description: String { sentence.text }

    /// The description, built one piece at a time (`Message`), which keeps the code of many
    /// sentences small in Embedded Swift.
    private var sentence: Message {
        switch self {
        case let .unreadableFile(path, errno):
            if errno == EACCES && path.bytesEnd(with: "/firmware/fdt") {
                return "cannot read \(path): \(errnoName(errno)); it is root's alone: as root, `vfioctl grant DEVICE --user USER` makes it readable by USER's group (or pass a copy with --dtb FILE)"
            }
            return "cannot read \(path): \(errnoName(errno)) (errno \(errno))"
        case let .malformedBlob(source, code, detail):
            return "malformed DTB (\(fdtErrorName(code))): \(source) \(detail)"
        case let .invalidPropertyLength(node, property, length, expected):
            return "property '\(property)' of \(node) is \(length) bytes long, but must be \(expected)"
        case let .invalidPropertyValue(node, property, reason):
            return "property '\(property)' of \(node) is invalid: \(reason)"
        case let .danglingPhandle(node, property, phandle):
            return "property '\(property)' of \(node) refers to phandle \(hex(phandle)), which no node in the tree has"
        case let .missingProperty(node, property, requiredBy):
            if node.sameBytes(as: requiredBy) {
                return "\(node) has no '\(property)' property, which it needs"
            }
            return "\(node) has no '\(property)' property, which \(requiredBy) needs"
        case let .untranslatableAddress(node, address, bus, reason):
            return "address \(hex(address)) in 'reg' of \(node) cannot be translated to a CPU address at \(bus): \(reason)"
        case let .noInterruptParent(node):
            return "\(node) has interrupts, but neither 'interrupt-parent' nor any ancestor leads to a node with '#interrupt-cells'"
        case let .interruptParentCycle(node, chain):
            return "the 'interrupt-parent' chain of \(node) loops: \(chain.joined(separator: " -> "))"
        case let .interruptMapCycle(node, nexus):
            return "resolving the interrupts of \(node) loops through the 'interrupt-map' of \(nexus)"
        case let .noInterruptMapMatch(node, nexus, key):
            return "no 'interrupt-map' entry of \(nexus) matches the interrupt of \(node) (unit address and specifier <\(cellList(key))>)"
        case let .noInterruptController(node, lastNode):
            return "the interrupt tree walk of \(node) ended at \(lastNode) without reaching an 'interrupt-controller'"
        case let .unsupportedNode(node, reason):
            return "\(node): \(reason)"
        }
    }
}

/// "0x" followed by the lowercase hexadecimal digits of `value`.
func hex<T: BinaryInteger>(_ value: T) -> String {
    "0x" + String(value, radix: 16)
}

/// Cells as the DTS syntax writes them: "0x0 0x1 0x4".
func cellList(_ cells: [UInt32]) -> String {
    var text = ""
    for cell in cells {
        if !text.isEmpty { text += " " }
        text += hex(cell)
    }
    return text
}
