import PlatformSimulation
import PlatformCore

/// A behavioural model of the i.MX GPIO bank (fsl,imx35-gpio, as QEMU's hw/gpio/imx_gpio.c, with
/// the hardware's level semantics): DR, GDIR, PSR, ICR1/2, IMR, ISR (cleared by writing 1) and
/// EDGE_SEL. Tests drive input lines with `drive(line:high:)`; an edge sets the line's ISR bit
/// as ICR or EDGE_SEL says, a level keeps setting it while it holds (so clearing it sets it
/// again). Interrupt 0 carries lines 0-15, interrupt 1 lines 16-31 (both on 0 with one line).
public final class SimulatedIMXGPIO: RegisterModel {
    /// The 16 KiB window of the device tree.
    public let size = 0x4000
    /// DR.
    public private(set) var data: UInt32 = 0
    /// GDIR.
    public private(set) var direction: UInt32 = 0
    /// IMR.
    public private(set) var mask: UInt32 = 0
    /// ISR.
    public private(set) var status: UInt32 = 0
    private var inputs: UInt32 = 0
    private var configuration: UInt64 = 0
    private var edgeSelect: UInt32 = 0
    private var interrupts: SimulatedInterrupts?

    /// A bank after reset: every line an input, low.
    public init() {}

    public func attach(interrupts: SimulatedInterrupts) { self.interrupts = interrupts }

    /// Drives input `line` from outside.
    public func drive(line: Int, high: Bool) {
        let bit = UInt32(1) << line
        let before = inputs
        if high { inputs |= bit } else { inputs &= ~bit }
        detect(changed: before ^ inputs)
        update()
    }

    private func detect(changed: UInt32) {
        for line in 0..<32 where direction & (1 << line) == 0 {
            let bit = UInt32(1) << line
            let level = inputs & bit != 0
            let mode = (configuration >> (2 * UInt64(line))) & 0x3
            if edgeSelect & bit != 0 {
                if changed & bit != 0 { status |= bit }
            } else if mode >= 2 {
                if changed & bit != 0 && level == (mode == 2) { status |= bit }
            } else if level == (mode == 1) {
                status |= bit
            }
        }
    }

    public func read(offset: Int, width: Int) -> UInt64 {
        switch offset {
        case 0x00: return UInt64((data & direction) | (inputs & ~direction))
        case 0x04: return UInt64(direction)
        case 0x08: return UInt64(inputs & ~direction)
        case 0x0C: return configuration & 0xFFFF_FFFF
        case 0x10: return configuration >> 32
        case 0x14: return UInt64(mask)
        case 0x18: return UInt64(status)
        case 0x1C: return UInt64(edgeSelect)
        default: return 0
        }
    }

    public func write(offset: Int, width: Int, value: UInt64) {
        let value = UInt32(truncatingIfNeeded: value)
        switch offset {
        case 0x00: data = value
        case 0x04: direction = value
        case 0x0C: configuration = (configuration & 0xFFFF_FFFF_0000_0000) | UInt64(value)
        case 0x10: configuration = (configuration & 0xFFFF_FFFF) | UInt64(value) << 32
        case 0x14: mask = value
        case 0x18: status &= ~value
        case 0x1C: edgeSelect = value
        default: break
        }
        // Levels are sampled again after every write (no edge: nothing changed on the pads).
        detect(changed: 0)
        update()
    }

    private func update() {
        let pending = status & mask
        guard let interrupts else { return }
        if interrupts.isLevel.count > 1 {
            interrupts.setLevel(pending & 0xFFFF != 0, line: 0)
            interrupts.setLevel(pending & 0xFFFF_0000 != 0, line: 1)
        } else {
            interrupts.setLevel(pending != 0, line: 0)
        }
    }
}
