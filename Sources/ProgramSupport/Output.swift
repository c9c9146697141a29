import CLinux

/// Writing to standard output and error without Foundation, and leaving with a status.
public enum Output {
    /// Writes `text` and a newline to standard output.
    public static func line(_ text: String) { write(text + "\n", to: 1) }

    /// Writes `text` and a newline to standard error.
    public static func error(_ text: String) { write(text + "\n", to: 2) }

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

    /// `text` padded with spaces to at least `width` bytes (columns, for the ASCII text tables hold).
    public static func pad(_ text: String, _ width: Int) -> String {
        var result = text
        while result.utf8.count < width { result += " " }
        return result
    }
}
