import PlatformSimulation
import PlatformCore

/// A behavioural model of the BCM2835 system timer (as QEMU's hw/timer/bcm2835_systmr.c): a
/// 64-bit counter, four 32-bit compares, CS match bits cleared by writing 1, and one level
/// interrupt per channel that stays raised while its match bit is set. A channel matches when
/// the counter's low 32 bits reach its compare; a compare written equal to the current low bits
/// matches at once (QEMU schedules it with a zero delay). Time moves only through
/// `advance(ticks:)`, so tests are exact.
public final class SimulatedBCM2835SystemTimer: RegisterModel {
    /// The region size: the device tree's 4 KiB page (QEMU decodes only the first 0x20 bytes;
    /// the rest reads 0 here).
    public let size: Int
    /// The free-running counter.
    public private(set) var counter: UInt64
    /// The compare registers C0-C3.
    public private(set) var compares: [UInt32] = [0, 0, 0, 0]
    /// The CS match bits M0-M3.
    public private(set) var matched: UInt32 = 0
    /// How many times each offset was read, for tests that must prove a register was left alone.
    public private(set) var readCounts: [Int: Int] = [:]
    private var interrupts: SimulatedInterrupts?

    /// A timer whose counter starts at `counter`, in a region of `size` bytes.
    public init(counter: UInt64 = 0, size: Int = 0x1000) {
        self.counter = counter
        self.size = size
    }

    public func attach(interrupts: SimulatedInterrupts) { self.interrupts = interrupts }

    /// Lets `ticks` counter ticks pass; every channel whose compare the low 32 bits reach on the
    /// way matches.
    public func advance(ticks: UInt64) {
        guard ticks > 0 else { return }
        let low = UInt32(truncatingIfNeeded: counter)
        for channel in 0..<4 {
            // Ticks until the low bits next equal the compare (a full wrap when they equal it now).
            let distance = compares[channel] &- low
            let until = distance == 0 ? UInt64(1) << 32 : UInt64(distance)
            if until <= ticks { matched |= 1 << UInt32(channel) }
        }
        counter &+= ticks
        update()
    }

    public func read(offset: Int, width: Int) -> UInt64 {
        readCounts[offset, default: 0] += 1
        switch offset {
        case 0x00: return UInt64(matched)
        case 0x04: return counter & 0xFFFF_FFFF
        case 0x08: return counter >> 32
        case 0x0C, 0x10, 0x14, 0x18: return UInt64(compares[(offset - 0x0C) / 4])
        default: return 0
        }
    }

    public func write(offset: Int, width: Int, value: UInt64) {
        let value = UInt32(truncatingIfNeeded: value)
        switch offset {
        case 0x00:
            matched &= ~(value & 0xF)
        case 0x0C, 0x10, 0x14, 0x18:
            let channel = (offset - 0x0C) / 4
            compares[channel] = value
            if value == UInt32(truncatingIfNeeded: counter) { matched |= 1 << UInt32(channel) }
        default:
            break
        }
        update()
    }

    private func update() {
        guard let interrupts else { return }
        for channel in 0..<min(4, interrupts.isLevel.count) {
            interrupts.setLevel(matched & (1 << UInt32(channel)) != 0, line: channel)
        }
    }
}
