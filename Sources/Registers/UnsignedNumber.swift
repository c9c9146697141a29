extension Collection where Element == UInt8 {
    /// The bytes read as an unsigned number that fits 64 bits: decimal, or hexadecimal after a
    /// "0x" prefix ("0X" too when `uppercasePrefix`); nil for anything else, an empty number
    /// ("" or "0x") included: how register maps (`RegisterMap`) and sysfs attributes write numbers.
    public func unsignedNumber(uppercasePrefix: Bool = false) -> UInt64? {
        var rest = self[...]
        var radix: UInt64 = 10
        if let first = rest.first, first == UInt8(ascii: "0"), let second = rest.dropFirst().first,
           second == UInt8(ascii: "x") || (uppercasePrefix && second == UInt8(ascii: "X")) {
            radix = 16
            rest = rest.dropFirst(2)
        }
        guard !rest.isEmpty else { return nil }
        var value: UInt64 = 0
        for byte in rest {
            let digit: UInt64
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt64(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f") where radix == 16: digit = UInt64(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F") where radix == 16: digit = UInt64(byte - UInt8(ascii: "A") + 10)
            default: return nil
            }
            let (shifted, overflow) = value.multipliedReportingOverflow(by: radix)
            let (sum, carry) = shifted.addingReportingOverflow(digit)
            if overflow || carry { return nil }
            value = sum
        }
        return value
    }
}
