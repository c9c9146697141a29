import ProgramSupport
import ByteText
import DeviceTree
import Peripherals

/// Line settings of a PL011: the baud rate and the reference clock it is derived from.
public struct UARTSettings: Sendable, Equatable {
    /// Bits per second on the line.
    public var baud: UInt32
    /// The UART reference clock (UARTCLK) in Hz.
    public var clockHz: UInt32

    /// Explicit settings.
    public init(baud: UInt32, clockHz: UInt32) {
        self.baud = baud
        self.clockHz = clockHz
    }

    /// Settings from the device tree: `current-speed` (115200 when absent) and, for the
    /// reference clock (UARTCLK), `clockHz` when given, else the node's own `clock-frequency`,
    /// else the `clock-frequency` of the fixed clock its first `clocks` entry names.
    ///
    /// A clock that comes from a clock controller (the Raspberry Pi's CPRMAN, whose rates only
    /// its kernel driver knows) is an error asking for `clockHz`.
    public init(config: PL011Config, clockHz given: UInt32? = nil) throws(ProgramError) {
        baud = config.currentSpeed ?? 115_200
        let node = config.node
        if let given {
            clockHz = given
        } else if let own = try? node.u32("clock-frequency") {
            clockHz = own
        } else if let phandle = config.clocks?.first, let clock = node.tree.node(phandle: phandle) {
            guard let frequency = try? clock.u32("clock-frequency") else {
                let kind = clock.compatible.first.map { " (\($0))" } ?? ""
                throw .configuration("the reference clock of \(node.path) is an output of \(clock.path)\(kind), a clock controller whose rates only its kernel driver knows: give the rate (clockHz; a Raspberry Pi's firmware runs its PL011 clock at 48000000)")
            }
            clockHz = frequency
        } else {
            throw .configuration("\(node.path) has no clock-frequency and no `clocks`: the UART's reference clock is unknown; give the rate (clockHz)")
        }
    }

    /// The PL011 divisor for these settings, as Linux computes it: clock * 4 / baud rounded,
    /// whose upper bits are IBRD and low six bits FBRD (a 16x oversampled fractional divider).
    public var divisor: (integer: UInt16, fraction: UInt8) {
        let scaled = (UInt64(clockHz) * 4 + UInt64(baud) / 2) / UInt64(baud)
        return (UInt16(truncatingIfNeeded: scaled >> 6), UInt8(truncatingIfNeeded: scaled & 0x3F))
    }
}
