import ByteText
import ProgramSupport
import Peripherals
import Registers
import PlatformCore

/// What raises a line's interrupt on an i.MX GPIO bank (ICR's two bits, or EDGE_SEL for both).
public enum IMXGPIOTrigger: String, CaseIterable, Sendable {
    /// While the line is low (ICR 0).
    case low
    /// While the line is high (ICR 1).
    case high
    /// Low to high (ICR 2).
    case rising
    /// High to low (ICR 3).
    case falling
    /// Either edge (EDGE_SEL).
    case both

    /// The trigger named `text` (byte comparison), or nil.
    public static func named(_ text: String) -> IMXGPIOTrigger? {
        allCases.first { $0.rawValue.sameBytes(as: text) }
    }

    /// Whether it is a level (the line keeps raising the interrupt while it holds).
    public var isLevel: Bool { self == .low || self == .high }

    /// ICR's two bits for it (both edges use EDGE_SEL; ICR is then ignored).
    var configuration: UInt32 {
        switch self {
        case .low: return 0
        case .high: return 1
        case .rising, .both: return 2
        case .falling: return 3
        }
    }
}

/// An i.MX GPIO bank (fsl,imx35-gpio): 32 lines, directions, levels, and per-line interrupts
/// on the bank's two interrupts (lines 0-15 on the first, 16-31 on the second; one interrupt
/// for all on a node that lists one). Interrupt status bits are cleared by writing 1.
public final class IMXGPIOBank<Device: PlatformDevice> {
    /// The bank's registers.
    public let gpio: IMXGPIO<Device.Bus>
    /// Its interrupts: one or two.
    public let interrupts: [Device.Interrupt]

    /// Takes over the bank on `device`: every line's interrupt masked and cleared.
    public init(device: Device) throws(ProgramError) {
        var lines: [Device.Interrupt] = []
        do {
            gpio = try device.registerBlock()
            for index in 0..<min(device.interruptCount, 2) { lines.append(try device.interrupt(index)) }
        } catch {
            throw .device(error)
        }
        guard !lines.isEmpty else { throw .configuration("the GPIO bank has no interrupt: its node must list one or two") }
        interrupts = lines
        gpio.interruptMask.write(.init(rawValue: 0))
        gpio.interruptStatus.clear(.init(rawValue: 0xFFFF_FFFF))
    }

    /// The interrupt that carries `line`'s.
    public func interrupt(for line: Int) -> Device.Interrupt {
        interrupts[line >= 16 && interrupts.count > 1 ? 1 : 0]
    }

    /// Makes `line` an output (true) or an input (false).
    public func setDirection(line: Int, output: Bool) {
        gpio.direction.modify { $0.output = output ? $0.output | (1 << line) : $0.output & ~(1 << line) }
    }

    /// Drives output `line` high or low.
    public func set(line: Int, high: Bool) {
        gpio.data.modify { $0.lines = high ? $0.lines | (1 << line) : $0.lines & ~(1 << line) }
    }

    /// The level of `line`: the pad for an input, the driven value for an output (DR reads so).
    public func level(line: Int) -> Bool { gpio.data.read().lines & (1 << line) != 0 }

    /// Configures `line`'s interrupt for `trigger`, clears a stale status and unmasks it.
    public func enableInterrupt(line: Int, on trigger: IMXGPIOTrigger) {
        let register = gpio.interruptConfiguration(line / 16)
        let shift = UInt32(line % 16) * 2
        gpio.interruptMask.modify { $0.enabled &= ~(1 << line) }
        gpio.edgeSelect.modify { $0.anyEdge = trigger == .both ? $0.anyEdge | (1 << line) : $0.anyEdge & ~(1 << line) }
        register.modify { $0.configurations = ($0.configurations & ~(3 << shift)) | (trigger.configuration << shift) }
        gpio.interruptStatus.clear { $0.lines = 1 << line }
        gpio.interruptMask.modify { $0.enabled |= 1 << line }
    }

    /// Masks `line`'s interrupt.
    public func disableInterrupt(line: Int) {
        gpio.interruptMask.modify { $0.enabled &= ~(1 << line) }
    }

    /// After an interrupt: the unmasked lines whose status was set, cleared; the interrupt that
    /// fired re-armed.
    public func acknowledge(_ interrupt: Device.Interrupt) throws(ProgramError) -> UInt32 {
        let pending = gpio.interruptStatus.read().lines & gpio.interruptMask.read().enabled
        gpio.interruptStatus.clear { $0.lines = pending }
        do { try interrupt.rearm() } catch { throw .device(error) }
        return pending
    }

    /// Every line's interrupt masked and cleared.
    public func quiesce() {
        gpio.interruptMask.write(.init(rawValue: 0))
        gpio.interruptStatus.clear(.init(rawValue: 0xFFFF_FFFF))
    }
}
