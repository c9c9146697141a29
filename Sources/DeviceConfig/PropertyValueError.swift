import ByteText
import DeviceTree

/// Why a property that is present cannot be read as its binding's type. `description` is the
/// predicate of a sentence whose subject (node and property) the caller names once:
/// "must be one cell (u32), but is 25 bytes".
public enum PropertyValueError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The value is `length` bytes, which `expected` cannot be. `text` is the value read as a
    /// string when it is one printable string (so the message can show it), else nil.
    case wrongLength(expected: PropertyKind, length: Int, text: String?)
    /// A string (or string list) whose last byte is not NUL.
    case notNULTerminated(expected: PropertyKind, length: Int)
    /// A `string` property holding `count` strings.
    case severalStrings(count: Int)
    /// A boolean property with a value of `length` bytes.
    case valuedBoolean(length: Int)
    /// A phandle that no node of the tree carries.
    case danglingPhandle(UInt32)
    /// `reg` or `interrupts` could not be decoded or resolved; `reason` says why.
    case undecodable(expected: PropertyKind, reason: String)

    /// A readable sentence naming what is wrong and how to fix it.
    public var description: String { sentence.text }

    /// The description, built one piece at a time (`Message`), which keeps the code of many
    /// sentences small in Embedded Swift.
    private var sentence: Message {
        switch self {
        case let .wrongLength(expected, length, text):
            var actual = length == 0 ? "is empty" : "is \(length) bytes"
            if let text {
                actual += " (the string \"\(text)\")"
            } else if length > 4 && length % 4 == 0 && (expected == .u32 || expected == .u64 || expected == .phandle) {
                actual += " (\(length / 4) cells)"
            }
            return "must be \(expected.shape), but \(actual)"
        case let .notNULTerminated(expected, length):
            return "must be \(expected.shape), but its \(length) bytes do not end with a NUL"
        case let .severalStrings(count):
            return "must be one string, but holds \(count) strings; if several are meant, make the binding's type string-array"
        case let .valuedBoolean(length):
            return "must be a boolean (no value), but has a \(length)-byte value; write it as `name;` to set it"
        case let .danglingPhandle(phandle):
            return "refers to phandle 0x\(String(phandle, radix: 16)), which no node in the tree has"
        case let .undecodable(expected, reason):
            return "cannot be read as \(expected.rawValue): \(reason)"
        }
    }
}
