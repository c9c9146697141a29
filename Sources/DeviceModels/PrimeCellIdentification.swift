/// The identification registers every ARM PrimeCell has at the top of its 4 KiB block:
/// PeriphID0-3 at 0xFE0-0xFEC (part number, designer, revision) and PCellID0-3 at
/// 0xFF0-0xFFC (always 0x0D, 0xF0, 0x05, 0xB1).
struct PrimeCellIdentification {
    /// PeriphID0 to PeriphID3.
    let peripheral: [UInt8]

    /// The value at `offset`, or nil when `offset` is not an identification register.
    func value(at offset: Int) -> UInt64? {
        guard offset >= 0xFE0 && offset <= 0xFFC && offset % 4 == 0 else { return nil }
        let index = (offset - 0xFE0) / 4
        let cell: [UInt8] = [0x0D, 0xF0, 0x05, 0xB1]
        return UInt64(index < 4 ? peripheral[index] : cell[index - 4])
    }
}
