/// Comparisons of strings by their UTF-8 bytes, for code that runs on the board.
///
/// `==`, `hasPrefix`, `hashValue` and `Character` on `String` follow Unicode canonical
/// equivalence, so an Embedded Swift program that uses any of them links the standard library's
/// Unicode normalization and grapheme tables (about 35 KiB, plus the code that reads them).
/// Device-tree names, compatibles, sysfs paths and command-line options are compared byte for byte
/// by Linux, so the runtime modules compare them the same way with these functions, and the
/// tables stay out of the binary.
extension StringProtocol {
    /// True when `self` and `other` hold exactly the same UTF-8 bytes (no Unicode normalization).
    @inlinable
    public func sameBytes<Other: StringProtocol>(as other: Other) -> Bool {
        utf8.elementsEqual(other.utf8)
    }

    /// True when the UTF-8 bytes of `self` begin with those of `prefix`.
    @inlinable
    public func bytesStart<Prefix: StringProtocol>(with prefix: Prefix) -> Bool {
        utf8.starts(with: prefix.utf8)
    }

    /// True when the UTF-8 bytes of `self` end with those of `suffix`.
    @inlinable
    public func bytesEnd<Suffix: StringProtocol>(with suffix: Suffix) -> Bool {
        let count = suffix.utf8.count
        return utf8.count >= count && utf8.suffix(count).elementsEqual(suffix.utf8)
    }

    /// The text after the first `prefix.utf8.count` bytes when `self` starts with `prefix`, else nil.
    @inlinable
    public func bytesAfter<Prefix: StringProtocol>(prefix: Prefix) -> String? {
        guard bytesStart(with: prefix) else { return nil }
        return String(decoding: utf8.dropFirst(prefix.utf8.count), as: UTF8.self)
    }
}

extension Sequence where Element: StringProtocol {
    /// True when one of the elements holds the same UTF-8 bytes as `text`.
    @inlinable
    public func containsBytes<Text: StringProtocol>(_ text: Text) -> Bool {
        contains { $0.sameBytes(as: text) }
    }
}

extension Collection where Element: StringProtocol {
    /// The position of the first element with the same UTF-8 bytes as `text`, or nil.
    @inlinable
    public func firstIndexBytes<Text: StringProtocol>(of text: Text) -> Index? {
        firstIndex { $0.sameBytes(as: text) }
    }
}
