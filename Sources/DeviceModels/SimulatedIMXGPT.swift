import PlatformSimulation
import PlatformCore

/// A behavioural model of the i.MX General Purpose Timer (as QEMU's hw/timer/imx_gpt.c): a
/// 32-bit up-counter that runs while CR.EN is set and the clock CR.CLKSRC selects exists,
/// three output compares setting SR.OF1-3 (cleared by writing 1), restart mode (CR.FRR clear:
/// the counter restarts after matching OCR1) or free-run mode, and one interrupt raised while
/// SR & IR is non-zero. Time moves only through `advance(ticks:)` (ticks of the selected clock,
/// before the prescaler is applied).
public final class SimulatedIMXGPT: RegisterModel {
    /// The 16 KiB window of the device tree.
    public let size = 0x4000
    /// The counter.
    public private(set) var counter: UInt32 = 0
    /// CR.
    public private(set) var control: UInt32 = 0
    /// OCR1-OCR3.
    public private(set) var compares: [UInt32] = [.max, .max, .max]
    /// SR.
    public private(set) var status: UInt32 = 0
    private var prescaler: UInt32 = 0
    private var enables: UInt32 = 0
    private var prescaled: UInt64 = 0
    private var interrupts: SimulatedInterrupts?

    /// A timer after reset: stopped, compares at their maximum.
    public init() {}

    public func attach(interrupts: SimulatedInterrupts) { self.interrupts = interrupts }

    private var running: Bool { control & 0x1 != 0 && (control >> 6) & 0x7 != 0 }
    private var restartMode: Bool { control & (1 << 9) == 0 }

    /// Lets `ticks` ticks of the selected clock pass (divided by PR + 1).
    public func advance(ticks: UInt64) {
        guard running else { return }
        prescaled += ticks
        let divider = UInt64(prescaler & 0xFFF) + 1
        var steps = prescaled / divider
        prescaled %= divider
        while steps > 0 {
            steps -= 1
            if restartMode && counter == compares[0] {
                counter = 0
                continue
            }
            counter &+= 1
            for index in 0..<3 where counter == compares[index] { status |= 1 << UInt32(index) }
            if counter == 0 { status |= 1 << 5 }
        }
        update()
    }

    public func read(offset: Int, width: Int) -> UInt64 {
        switch offset {
        case 0x00: return UInt64(control)
        case 0x04: return UInt64(prescaler)
        case 0x08: return UInt64(status)
        case 0x0C: return UInt64(enables)
        case 0x10, 0x14, 0x18: return UInt64(compares[(offset - 0x10) / 4])
        case 0x24: return UInt64(counter)
        default: return 0
        }
    }

    public func write(offset: Int, width: Int, value: UInt64) {
        let value = UInt32(truncatingIfNeeded: value)
        switch offset {
        case 0x00:
            let enabling = value & 0x1 != 0 && control & 0x1 == 0
            if value & (1 << 15) != 0 {
                control = 0
                prescaler = 0
                status = 0
                enables = 0
                counter = 0
                compares = [.max, .max, .max]
            } else {
                control = value
                if enabling && value & 0x2 != 0 { counter = 0; prescaled = 0 }
            }
        case 0x04: prescaler = value & 0xFFFF
        case 0x08: status &= ~(value & 0x3F)
        case 0x0C: enables = value & 0x3F
        case 0x10, 0x14, 0x18:
            let index = (offset - 0x10) / 4
            compares[index] = value
            // Restart mode: writing OCR1 restarts the counter.
            if index == 0 && restartMode { counter = 0 }
        default: break
        }
        update()
    }

    private func update() { interrupts?.setLevel(status & enables != 0 && control & 0x1 != 0, line: 0) }
}
