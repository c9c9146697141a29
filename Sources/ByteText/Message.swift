/// Text written with string interpolation, built by one small call per piece: for error
/// descriptions and other sentences a board program may print.
///
/// A `String` interpolation is expanded in place, so each literal and value costs its caller
/// about a hundred bytes of machine code; an Embedded Swift program with a hundred error sentences
/// carries tens of kilobytes of them. A `Message` literal compiles to one call per piece instead
/// (about a fifth of the code), and reads the same in the source:
///
///     var message: Message {
///         switch self {
///         case .busy(let device, let holders):
///             return "\(device) is held by \(holders) processes: close them first."
///         }
///     }
///     public var description: String { message.text }
///
/// Values are interpolated as they print: strings as they are, integers in decimal. Anything else
/// is interpolated through its `description`.
public struct Message: ExpressibleByStringInterpolation, CustomStringConvertible, Equatable, Sendable {
    /// The text.
    public var text: String

    /// A message of `text` as it is.
    public init(_ text: String) { self.text = text }

    /// A message with no interpolations.
    public init(stringLiteral value: StaticString) {
        text = ""
        text.appendStatic(value)
    }

    /// The message an interpolated literal built.
    public init(stringInterpolation: Builder) { text = stringInterpolation.text }

    /// The text.
    public var description: String { text }

    /// Two messages are equal when their texts hold the same UTF-8 bytes.
    public static func == (lhs: Message, rhs: Message) -> Bool { lhs.text.sameBytes(as: rhs.text) }

    /// Collects the pieces of an interpolated `Message` literal, one call per piece.
    public struct Builder: StringInterpolationProtocol {
        /// The text so far.
        var text: String

        /// Starts an empty message.
        @inline(never)
        public init(literalCapacity: Int, interpolationCount: Int) {
            text = ""
            text.reserveCapacity(literalCapacity + 16 * interpolationCount)
        }

        /// Appends a literal piece.
        @inline(never)
        public mutating func appendLiteral(_ literal: StaticString) { text.appendStatic(literal) }

        /// Appends a string as it is.
        @inline(never)
        public mutating func appendInterpolation(_ value: String) { text += value }

        /// Appends an integer in decimal.
        @inline(never)
        public mutating func appendInterpolation<Value: BinaryInteger>(_ value: Value) { text += String(value) }

        /// Appends another message.
        @inline(never)
        public mutating func appendInterpolation(_ value: Message) { text += value.text }
    }
}

extension String {
    /// Appends the UTF-8 bytes of a static string.
    @inline(never)
    fileprivate mutating func appendStatic(_ literal: StaticString) {
        literal.withUTF8Buffer { self += String(decoding: $0, as: UTF8.self) }
    }
}
