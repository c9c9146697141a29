import ByteText
import CLinux

/// Writing to standard output and error without Foundation, and leaving with a status.
public enum Output {
    /// Writes `text` and a newline to standard output.
    @_disfavoredOverload
    public static func line(_ text: String) { write(text + "\n", to: 1) }

    /// Writes `text` and a newline to standard error.
    @_disfavoredOverload
    public static func error(_ text: String) { write(text + "\n", to: 2) }

    /// Writes `message` and a newline to standard output. A literal argument with
    /// interpolations, `Output.line("read \(count) bytes")`, is built as a `Message`: one small
    /// call per piece instead of an inlined `String` interpolation, which matters when a board
    /// program prints many lines.
    public static func line(_ message: Message) { line(message.text) }

    /// Writes `message` and a newline to standard error.
    public static func error(_ message: Message) { error(message.text) }

    /// Writes `text` to file descriptor `fd` as is.
    public static func write(_ text: String, to fd: Int32) {
        var bytes = Array(text.utf8)
        bytes.withUnsafeMutableBytes { clinux_write_all(fd, $0.baseAddress, $0.count) }
    }

    /// Ends the process with `status`.
    public static func exit(_ status: Int32) -> Never {
        CLinux.exit(status)
    }
}

/// Formatting helpers for tables and hex numbers, usable in Embedded Swift.
public enum Format {
    /// `value` in lowercase hex with a 0x prefix.
    public static func hex<T: BinaryInteger>(_ value: T) -> String { "0x" + String(value, radix: 16) }

    /// `text` followed by spaces up to `width` bytes, and by at least one, so that a column
    /// never runs into the next (the Raspberry Pi's "bcm2835-aux-uart" fills a 16-wide one).
    public static func pad(_ text: String, _ width: Int) -> String {
        var result = text
        var length = text.utf8.count
        repeat {
            result += " "
            length += 1
        } while length < width
        return result
    }
}
