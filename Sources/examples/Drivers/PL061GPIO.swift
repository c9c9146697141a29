import ProgramSupport
import Peripherals
import Registers
import PlatformCore
import VFIOPlatform

/// Which edges of a GPIO input raise its interrupt.
public enum GPIOEdge: Sendable {
    /// Low to high.
    case rising
    /// High to low.
    case falling
    /// Either.
    case both
}

/// A PL061 GPIO driver: direction, level, output, and edge interrupts (the PL061's one combined
/// line, level-triggered to the GIC: acknowledged in GPIOIC, then unmasked).
public final class PL061GPIO<Device: PlatformDevice> {
    /// The controller's registers.
    public let gpio: PL061<Device.Bus>
    /// Its interrupt line.
    public let interrupt: Device.Interrupt

    /// Takes over the controller; pin interrupts start disabled and cleared.
    public init(device: Device) throws(ProgramError) {
        do {
            gpio = try device.registerBlock()
            interrupt = try device.interrupt(0)
        } catch {
            throw .device(error)
        }
        gpio.ie.write { $0.lines = 0 }
        gpio.ic.write { $0.lines = 0xFF }
    }

    /// Makes `pin` an output (true) or input (false).
    public func setDirection(pin: Int, output: Bool) {
        gpio.dir.modify { $0.lines = output ? $0.lines | (1 << pin) : $0.lines & ~(1 << pin) }
    }

    /// Whether `pin` is an output.
    public func isOutput(pin: Int) -> Bool { gpio.dir.read().lines & (1 << pin) != 0 }

    /// The level of `pin` (through the address mask, so only that pin is read).
    public func level(pin: Int) -> Bool { gpio.data(1 << pin).read().lines != 0 }

    /// Drives output `pin` high or low (through the address mask: other pins are untouched).
    public func set(pin: Int, high: Bool) { gpio.data(1 << pin).write { $0.lines = high ? 0xFF : 0 } }

    /// Enables the interrupt of input `pin` on `edge`.
    public func enableInterrupt(pin: Int, on edge: GPIOEdge) {
        let bit: UInt8 = 1 << pin
        gpio.interruptSense.modify { $0.lines &= ~bit }
        gpio.ibe.modify { $0.lines = edge == .both ? $0.lines | bit : $0.lines & ~bit }
        gpio.iev.modify { $0.lines = edge == .rising ? $0.lines | bit : $0.lines & ~bit }
        gpio.ic.write { $0.lines = bit }
        gpio.ie.modify { $0.lines |= bit }
    }

    /// Waits up to `milliseconds` for pin interrupts; returns the pins that fired (bit mask,
    /// 0 on timeout), acknowledged and re-armed.
    public func waitForEdges(milliseconds: Int32) throws(ProgramError) -> UInt8 {
        let fired: UInt64
        do { fired = try interrupt.wait(milliseconds: milliseconds) } catch { throw .device(error) }
        if fired == 0 { return 0 }
        return try acknowledgeEdges()
    }

    /// After an interrupt (taken by the caller or its event loop): the pins that fired (bit
    /// mask), acknowledged in GPIOIC, and the line re-armed.
    public func acknowledgeEdges() throws(ProgramError) -> UInt8 {
        let pins = gpio.mis.read().lines
        gpio.ic.write { $0.lines = pins }
        do { try interrupt.rearm() } catch { throw .device(error) }
        return pins
    }

    /// Every pin interrupt disabled and cleared; directions and levels are left as they are.
    public func quiesce() {
        gpio.ie.write { $0.lines = 0 }
        gpio.ic.write { $0.lines = 0xFF }
    }
}
