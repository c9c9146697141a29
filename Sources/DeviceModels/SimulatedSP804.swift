import PlatformSimulation
import PlatformCore

/// A behavioural model of the ARM SP804 dual timer (as QEMU's hw/timer/arm_timer.c): two
/// down-counters at 0x00 and 0x20 with free-running, periodic and one-shot modes, 16/32-bit size,
/// prescale 1/16/256, and an interrupt per timer when it reaches zero. Time only moves when the
/// test calls `advance(ticks:)`, so tests are exact and instant.
public final class SimulatedSP804: RegisterModel {
    /// One 4 KiB page.
    public let size = 0x1000
    private var timers = [CounterState(), CounterState()]
    private var interrupts: SimulatedInterrupts?
    /// Whether the two timers share one interrupt line (true) or have one each.
    public let combinedInterrupt: Bool

    private struct CounterState {
        var load: UInt32 = 0
        var value: UInt32 = 0xFFFF_FFFF
        var control: UInt32 = 0x20
        var raw = false
        var remainder: UInt64 = 0
        var enabled: Bool { control & 0x80 != 0 }
        var periodic: Bool { control & 0x40 != 0 }
        var interruptEnabled: Bool { control & 0x20 != 0 }
        var oneShot: Bool { control & 0x01 != 0 }
        var mask: UInt32 { control & 0x02 != 0 ? 0xFFFF_FFFF : 0xFFFF }
        var prescale: UInt64 {
            switch (control >> 2) & 3 { case 1: return 16; case 2: return 256; default: return 1 }
        }
    }

    /// A dual timer after reset; `combinedInterrupt` models boards that wire both to one line.
    public init(combinedInterrupt: Bool = false) { self.combinedInterrupt = combinedInterrupt }

    public func attach(interrupts: SimulatedInterrupts) { self.interrupts = interrupts }

    /// Lets `ticks` input clock cycles pass for both timers.
    public func advance(ticks: UInt64) {
        for index in 0..<2 { advance(timer: index, ticks: ticks) }
        update()
    }

    private func advance(timer index: Int, ticks: UInt64) {
        var state = timers[index]
        defer { timers[index] = state }
        guard state.enabled else { return }
        var counts = (ticks + state.remainder) / state.prescale
        state.remainder = (ticks + state.remainder) % state.prescale
        // Each count decrements the counter; reaching zero raises the interrupt and, in periodic
        // mode, reloads Load at once, so a period is exactly Load counts.
        while counts > 0 && state.enabled {
            let current = UInt64(state.value & state.mask)
            if counts < current {
                state.value = UInt32(current - counts)
                counts = 0
            } else {
                counts -= current
                state.value = 0
                wrap(&state)
                if state.value == 0 { break } // one-shot stopped, or a zero period
            }
        }
    }

    private func wrap(_ state: inout CounterState) {
        state.raw = true
        if state.oneShot {
            state.control &= ~0x80
            state.value = 0
        } else if state.periodic {
            state.value = state.load & state.mask
        } else {
            state.value = state.mask
        }
    }

    private let identification = PrimeCellIdentification(peripheral: [0x04, 0x18, 0x14, 0x00])

    public func read(offset: Int, width: Int) -> UInt64 {
        if let id = identification.value(at: offset) { return id }
        guard offset < 0x40 else { return 0 }
        let state = timers[offset / 0x20]
        switch offset % 0x20 {
        case 0x00, 0x18: return UInt64(state.load)
        case 0x04: return UInt64(state.value & state.mask)
        case 0x08: return UInt64(state.control)
        case 0x10: return state.raw ? 1 : 0
        case 0x14: return state.raw && state.interruptEnabled ? 1 : 0
        default: return 0
        }
    }

    public func write(offset: Int, width: Int, value: UInt64) {
        guard offset < 0x40 else { return }
        let index = offset / 0x20
        let value = UInt32(truncatingIfNeeded: value)
        switch offset % 0x20 {
        case 0x00:
            timers[index].load = value
            timers[index].value = value & timers[index].mask
        case 0x08:
            timers[index].control = value
        case 0x0C:
            timers[index].raw = false
        case 0x18:
            timers[index].load = value
        default: break
        }
        update()
    }

    /// Whether timer `index` (0 or 1) is asserting its interrupt.
    public func isInterruptPending(timer index: Int) -> Bool { timers[index].raw && timers[index].interruptEnabled }

    private func update() {
        guard let interrupts else { return }
        if combinedInterrupt {
            interrupts.setLevel(isInterruptPending(timer: 0) || isInterruptPending(timer: 1), line: 0)
        } else {
            interrupts.setLevel(isInterruptPending(timer: 0), line: 0)
            interrupts.setLevel(isInterruptPending(timer: 1), line: 1)
        }
    }
}
