import ProgramSupport

/// The i.MX UART's baud-rate setting: the reference clock (the module clock divided by
/// UFCR.RFDIV) and the UBIR/UBMR ratio. The UART samples at 16 times the baud rate, so
/// (UBIR + 1) / (UBMR + 1) = 16 x baud / reference; both are 16-bit, so the ratio is reduced
/// (exactly when the numbers allow, as Linux's rational approximation does).
public struct IMXBaudRate: Sendable, Equatable {
    /// The baud rate.
    public let baud: UInt32
    /// The module clock (the per clock of the node's `clocks`) in Hz.
    public let moduleClockHz: UInt32
    /// The divider of the module clock UFCR.RFDIV selects (2: the reference is half the clock).
    public let referenceDivider: UInt32
    /// UBIR + 1.
    public let numerator: UInt32
    /// UBMR + 1.
    public let denominator: UInt32

    /// The setting for `baud` from a module clock of `moduleClockHz`, with the reference clock at
    /// half of it (RFDIV = 2, as Linux programs it). Throws when the rate cannot be reached (more
    /// than a sixteenth of the reference clock, or 0).
    public init(baud: UInt32, moduleClockHz: UInt32) throws(ProgramError) {
        let divider: UInt32 = 2
        let reference = moduleClockHz / divider
        guard baud > 0, UInt64(baud) * 16 <= UInt64(reference) else {
            throw .configuration("\(baud) baud is out of reach of an i.MX UART whose reference clock is \(reference) Hz (module clock \(moduleClockHz) Hz / \(divider)): at most \(reference / 16) baud")
        }
        var numerator = UInt64(baud) * 16
        var denominator = UInt64(reference)
        let divisor = Self.gcd(numerator, denominator)
        numerator /= divisor
        denominator /= divisor
        while denominator > 0x1_0000 {
            numerator = (numerator + 1) / 2
            denominator /= 2
        }
        self.baud = baud
        self.moduleClockHz = moduleClockHz
        referenceDivider = divider
        self.numerator = UInt32(max(numerator, 1))
        self.denominator = UInt32(denominator)
    }

    /// The reference clock in Hz.
    public var referenceHz: UInt32 { moduleClockHz / referenceDivider }

    /// The baud rate the registers give, which rounding may move from `baud`.
    public var actualBaud: UInt32 {
        UInt32(UInt64(referenceHz) * UInt64(numerator) / (16 * UInt64(denominator)))
    }

    private static func gcd(_ a: UInt64, _ b: UInt64) -> UInt64 {
        var (a, b) = (a, b)
        while b != 0 { (a, b) = (b, a % b) }
        return a
    }
}
