/// The identification registers every ARM PrimeCell has at the top of its 4 KiB block:
/// PeriphID0-3 at 0xFE0-0xFEC (part number, designer, revision) and PCellID0-3 at
/// 0xFF0-0xFFC (always 0x0D, 0xF0, 0x05, 0xB1).
///
/// Simulated PrimeCell models answer these reads from it:
///
///     let id = PrimeCellIdentification(peripheral: [0x05, 0x18, 0x14, 0x00])   // SP805
///     if let value = id.value(at: offset) { return value }
public struct PrimeCellIdentification: Sendable, Equatable {
    /// PeriphID0 to PeriphID3.
    public let peripheral: [UInt8]

    /// The identification of a PrimeCell whose PeriphID0-3 are `peripheral` (four bytes).
    public init(peripheral: [UInt8]) {
        precondition(peripheral.count == 4, "PeriphID0-3 are four bytes")
        self.peripheral = peripheral
    }

    /// The value at `offset`, or nil when `offset` is not an identification register.
    public func value(at offset: Int) -> UInt64? {
        guard offset >= 0xFE0 && offset <= 0xFFC && offset % 4 == 0 else { return nil }
        let index = (offset - 0xFE0) / 4
        let cell: [UInt8] = [0x0D, 0xF0, 0x05, 0xB1]
        return UInt64(index < 4 ? peripheral[index] : cell[index - 4])
    }
}
