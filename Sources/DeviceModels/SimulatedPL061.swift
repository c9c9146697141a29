import PlatformSimulation
import PlatformCore

/// A behavioural model of the ARM PL061 GPIO controller (as QEMU's hw/gpio/pl061.c): eight
/// pins, address-masked DATA, direction, edge or level detection on either or both edges, and
/// one combined interrupt. Tests drive input pins with `drive(pin:high:)`.
public final class SimulatedPL061: RegisterModel {
    /// One 4 KiB page.
    public let size = 0x1000
    private var data: UInt8 = 0
    private var inputs: UInt8 = 0
    private var direction: UInt8 = 0
    private var sense: UInt8 = 0
    private var bothEdges: UInt8 = 0
    private var event: UInt8 = 0
    private var enable: UInt8 = 0
    private var raw: UInt8 = 0
    private var interrupts: SimulatedInterrupts?

    /// A controller after reset: all pins inputs, low.
    public init() {}

    public func attach(interrupts: SimulatedInterrupts) { self.interrupts = interrupts }

    /// The level an output pin is driving (false for inputs).
    public func outputLevel(pin: Int) -> Bool { direction & data & (1 << pin) != 0 }

    /// Drives input `pin` from outside.
    public func drive(pin: Int, high: Bool) {
        let bit: UInt8 = 1 << pin
        let before = levels
        if high { inputs |= bit } else { inputs &= ~bit }
        detect(before: before, after: levels)
        update()
    }

    private var levels: UInt8 { (data & direction) | (inputs & ~direction) }

    private func detect(before: UInt8, after: UInt8) {
        let changed = before ^ after
        let edgeSensitive = ~sense
        let rising = changed & after
        let falling = changed & ~after
        let eventMatches = (rising & event) | (falling & ~event)
        raw |= edgeSensitive & ((changed & bothEdges) | (eventMatches & ~bothEdges))
        // Level-sensitive pins follow the level, high or low as IEV says.
        let levelActive = sense & ~((after ^ event))
        raw = (raw & ~sense) | levelActive
    }

    private let identification = PrimeCellIdentification(peripheral: [0x61, 0x10, 0x04, 0x00])

    public func read(offset: Int, width: Int) -> UInt64 {
        if let id = identification.value(at: offset) { return id }
        if offset < 0x400 { return UInt64(levels & UInt8(truncatingIfNeeded: offset >> 2)) }
        switch offset {
        case 0x400: return UInt64(direction)
        case 0x404: return UInt64(sense)
        case 0x408: return UInt64(bothEdges)
        case 0x40C: return UInt64(event)
        case 0x410: return UInt64(enable)
        case 0x414: return UInt64(raw)
        case 0x418: return UInt64(raw & enable)
        default: return 0
        }
    }

    public func write(offset: Int, width: Int, value: UInt64) {
        let value = UInt8(truncatingIfNeeded: value)
        let before = levels
        if offset < 0x400 {
            let mask = UInt8(truncatingIfNeeded: offset >> 2)
            data = (data & ~mask) | (value & mask)
        } else {
            switch offset {
            case 0x400: direction = value
            case 0x404: sense = value
            case 0x408: bothEdges = value
            case 0x40C: event = value
            case 0x410: enable = value
            case 0x41C: raw &= ~(value & ~sense)
            default: break
            }
        }
        detect(before: before, after: levels)
        update()
    }

    private func update() { interrupts?.setLevel(raw & enable != 0, line: 0) }
}
