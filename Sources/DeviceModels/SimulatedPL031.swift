import PlatformSimulation
import PlatformCore

/// A behavioural model of the ARM PL031 real-time clock (as QEMU's hw/rtc/pl031.c): a seconds
/// counter, a match register whose equality raises the interrupt, load and enable. Time moves
/// only through `advance(seconds:)`.
public final class SimulatedPL031: RegisterModel {
    /// One 4 KiB page.
    public let size = 0x1000
    /// The current count of seconds.
    public private(set) var seconds: UInt32
    private var match: UInt32 = 0
    private var mask: UInt32 = 0
    private var raw = false
    private var interrupts: SimulatedInterrupts?

    /// A running clock starting at `seconds`.
    public init(seconds: UInt32 = 1_700_000_000) { self.seconds = seconds }

    public func attach(interrupts: SimulatedInterrupts) { self.interrupts = interrupts }

    /// Lets whole seconds pass, raising the match interrupt when the count passes MR.
    public func advance(seconds delta: UInt32) {
        for _ in 0..<delta {
            seconds &+= 1
            if seconds == match { raw = true }
        }
        update()
    }

    private let identification = PrimeCellIdentification(peripheral: [0x31, 0x10, 0x14, 0x00])

    public func read(offset: Int, width: Int) -> UInt64 {
        if let id = identification.value(at: offset) { return id }
        switch offset {
        case 0x00: return UInt64(seconds)
        case 0x04: return UInt64(match)
        case 0x08: return UInt64(seconds)
        case 0x0C: return 1
        case 0x10: return UInt64(mask)
        case 0x14: return raw ? 1 : 0
        case 0x18: return raw && mask & 1 != 0 ? 1 : 0
        default: return 0
        }
    }

    public func write(offset: Int, width: Int, value: UInt64) {
        let value = UInt32(truncatingIfNeeded: value)
        switch offset {
        case 0x04: match = value
        case 0x08: seconds = value
        case 0x10: mask = value & 1
        case 0x1C: if value & 1 != 0 { raw = false }
        default: break
        }
        update()
    }

    private func update() { interrupts?.setLevel(raw && mask & 1 != 0, line: 0) }
}
