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

    /// Settings from the device tree: `current-speed` (115200 when absent) and the node's own
    /// `clock-frequency`, else the `clock-frequency` of its first `clocks` phandle (UARTCLK).
    public init(config: PL011Config) throws(DriverError) {
        baud = config.currentSpeed ?? 115_200
        let node = config.node
        if let own = try? node.u32("clock-frequency") {
            clockHz = own
        } else if let phandle = config.clocks?.first, let clock = node.tree.node(phandle: phandle),
                  let frequency = try? clock.u32("clock-frequency") {
            clockHz = frequency
        } else {
            throw .configuration("\(node.path) has no clock-frequency and its first `clocks` phandle names no fixed clock: the UART's reference clock is unknown")
        }
    }

    /// The PL011 divisor for these settings, as Linux computes it: clock * 4 / baud rounded,
    /// whose upper bits are IBRD and low six bits FBRD (a 16x oversampled fractional divider).
    public var divisor: (integer: UInt16, fraction: UInt8) {
        let scaled = (UInt64(clockHz) * 4 + UInt64(baud) / 2) / UInt64(baud)
        return (UInt16(truncatingIfNeeded: scaled >> 6), UInt8(truncatingIfNeeded: scaled & 0x3F))
    }
}
