/// The ranges numbers in a binding must fall in, so that no arithmetic on them overflows and the
/// generated Swift (which uses `Int` offsets) compiles. docs/bindings.md lists them.
enum NumericLimits {
    /// The most bytes a register block may span: 4 GiB. Every offset is below it, and every
    /// register, array and cluster ends at or before it.
    static let maxBlockExtent: UInt64 = 0x1_0000_0000
    /// The most elements of a register or cluster array.
    static let maxArrayCount: UInt64 = 65536
    /// The most items `count`, `min-count` and `max-count` of a list property may give.
    static let maxPropertyCount: UInt64 = 65536

    /// Byte offsets: within the block.
    static let offsets: ClosedRange<UInt64> = 0...(maxBlockExtent - 1)
    /// Block sizes and array strides: at most the whole block.
    static let byteCounts: ClosedRange<UInt64> = 0...maxBlockExtent
    /// Array element counts.
    static let arrayCounts: ClosedRange<UInt64> = 1...maxArrayCount

    /// What to do about an offset, size or stride out of range.
    static let blockSpanAdvice = "a register block spans at most 4 GiB, so give bytes within the block"

    /// `offset + (count - 1) * stride + size`: the first byte after the last element, or nil
    /// when that does not fit in 64 bits.
    static func end(offset: UInt64, count: UInt64, stride: UInt64, size: UInt64) -> UInt64? {
        guard count >= 1 else { return offset }
        let (steps, stepsOverflow) = (count - 1).multipliedReportingOverflow(by: stride)
        let (start, startOverflow) = offset.addingReportingOverflow(steps)
        let (end, endOverflow) = start.addingReportingOverflow(size)
        return stepsOverflow || startOverflow || endOverflow ? nil : end
    }

    /// `value` as a message shows it: `0x` hex for bytes (but plain 0), decimal for counts and bits.
    static func text(_ value: UInt64, hex: Bool) -> String {
        hex && value != 0 ? "0x" + String(value, radix: 16) : String(value)
    }
}
