import ProgramSupport
import ByteText
import CLinux
import Peripherals
import Registers
import PlatformCore
import VFIOPlatform

/// Periodic compare interrupts on one channel of the BCM2835 system timer: the channel's compare
/// is set one period ahead of the free-running counter, its match interrupt is waited for, the
/// match bit cleared by writing 1, and the compare moved on by one period.
///
/// The GPU firmware of a Raspberry Pi uses channels 0 and 2, so only 1 and 3 are taken. The
/// device tree lists one interrupt per channel in channel order, so channel n waits on
/// interrupt n.
public final class SystemTimerChannel<Device: PlatformDevice> {
    /// The system timer's registers.
    public let timer: BCM2835SystemTimer<Device.Bus>
    /// The compare channel driven: 1 or 3.
    public let channel: Int
    /// The channel's match interrupt (interrupt `channel` of the device; level, automasked).
    public let interrupt: Device.Interrupt
    /// The counter's frequency (the node's `clock-frequency`, 1 MHz on every BCM283x).
    public let ticksPerSecond: UInt32
    /// The compare value the channel is armed with.
    public private(set) var deadline: UInt32 = 0
    /// The period in counter ticks (0 before `start`).
    public private(set) var period: UInt32 = 0
    /// How many times a deadline had (nearly) passed when the channel was re-armed, so the next
    /// one was counted from the counter instead.
    public private(set) var lateCount = 0
    /// Interrupts that came without the channel's match bit (repeats, not ticks).
    public private(set) var repeatedInterrupts = 0
    private var previousTick: UInt32 = 0

    /// The channels the GPU firmware owns on a Raspberry Pi.
    public static var firmwareChannels: [Int] { [0, 2] }

    /// One match of the channel, as the driver handled it.
    public struct Tick: Sendable, Equatable {
        /// The counter's low 32 bits when the match was handled.
        public let counter: UInt32
        /// Counter ticks since the previous match was handled (or since `start`).
        public let interval: UInt32
        /// Whether the next deadline had passed and was counted from the counter instead.
        public let late: Bool

        /// A match handled at `counter`, `interval` ticks after the previous one.
        public init(counter: UInt32, interval: UInt32, late: Bool) {
            self.counter = counter
            self.interval = interval
            self.late = late
        }
    }

    /// Takes channel `channel` (1 or 3) of the system timer on `device`, with its interrupt, and
    /// clears a match left pending. `ticksPerSecond` is the counter's frequency.
    public init(device: Device, channel: Int, ticksPerSecond: UInt32 = 1_000_000) throws(ProgramError) {
        try Self.checkChannel(channel)
        guard device.interruptCount > channel else {
            throw .configuration("the device has \(device.interruptCount) interrupt(s), but channel \(channel)'s match interrupt is entry \(channel): the node must list one interrupt per channel (interrupts = <1 0>, <1 1>, <1 2>, <1 3> on the Pi)")
        }
        guard ticksPerSecond > 0 else { throw .configuration("the system timer's clock-frequency is 0") }
        self.channel = channel
        self.ticksPerSecond = ticksPerSecond
        do {
            timer = try device.registerBlock()
            interrupt = try device.interrupt(channel)
        } catch {
            throw .device(error)
        }
        acknowledge()
    }

    /// Whether `channel` is one a driver may take (1 or 3): a driver checks before it opens the device.
    public static func checkChannel(_ channel: Int) throws(ProgramError) {
        if firmwareChannels.contains(channel) {
            throw .configuration("system timer channel \(channel) belongs to the GPU firmware (it uses 0 and 2): use channel 1 or 3")
        }
        guard channel == 1 || channel == 3 else {
            throw .configuration("the system timer has compare channels 0 to 3, not \(channel): use channel 1 or 3")
        }
    }

    /// The counter's low 32 bits (CLO), which the compares match against.
    public var counterLow: UInt32 { timer.counterLow.read().count }

    /// The whole 64-bit counter: CHI, CLO, CHI again, retried when CLO wrapped in between.
    public var counter: UInt64 {
        while true {
            let high = timer.counterHigh.read().count
            let low = timer.counterLow.read().count
            if timer.counterHigh.read().count == high { return UInt64(high) << 32 | UInt64(low) }
        }
    }

    /// Whether the channel's match bit (CS.Mn) is set.
    public var isMatched: Bool { timer.controlStatus.read().rawValue & matchBit != 0 }

    /// Arms the channel one period of `ticks` counter ticks from now; each handled match re-arms
    /// it one period after the previous deadline.
    public func start(period ticks: UInt32) {
        precondition(ticks > 0, "a period of at least one tick")
        period = ticks
        lateCount = 0
        acknowledge()
        let now = counterLow
        previousTick = now
        arm(now &+ ticks)
    }

    /// Waits up to `milliseconds` for the channel's match. On a match: clears CS.Mn (write 1),
    /// moves the compare on by one period (counted from the counter when the deadline has
    /// passed), and re-arms the line (`rearm()`: unmasks an automasked line; the Raspberry Pi's
    /// armctrl gives an edge line that needs nothing). An interrupt without the match bit (the
    /// armctrl's edge line delivers a held level more than once) is not a tick: waiting goes on.
    /// Returns nil on timeout.
    public func waitForTick(milliseconds: Int32) throws(ProgramError) -> Tick? {
        let deadline = clinux_monotonic_ns() + UInt64(max(milliseconds, 0)) * 1_000_000
        while true {
            let now = clinux_monotonic_ns()
            let remaining = Int32((deadline - min(now, deadline)) / 1_000_000)
            let fired: UInt64
            do { fired = try interrupt.wait(milliseconds: remaining) } catch { throw .device(error) }
            if fired == 0 { return nil }
            if let tick = try serviceMatch() { return tick }
            if remaining == 0 { return nil }
        }
    }

    /// After the channel's interrupt (taken by the caller or its event loop): when CS.Mn is set,
    /// clears it, moves the compare on by one period, re-arms the line and returns the tick.
    /// Without the bit the interrupt was a repeat (an edge line re-delivering the level before
    /// the bit was cleared): the line is re-armed and nil returned, the compare left alone.
    public func serviceMatch() throws(ProgramError) -> Tick? {
        guard isMatched else {
            repeatedInterrupts += 1
            do { try interrupt.rearm() } catch { throw .device(error) }
            return nil
        }
        acknowledge()
        let now = counterLow
        let interval = now &- previousTick
        previousTick = now
        let late = arm(deadline &+ period)
        do { try interrupt.rearm() } catch { throw .device(error) }
        return Tick(counter: now, interval: interval, late: late)
    }

    /// Clears the channel's match bit; the compare is left where it is (the next match after
    /// the counter wraps would be cleared by the next holder's `start`).
    public func stop() { acknowledge() }

    /// What the timer holds, for an error about a match that did not come.
    public var stateDescription: String {
        "CLO \(counterLow), C\(channel) \(timer.compare(channel).read().value), CS 0x\(String(timer.controlStatus.read().rawValue, radix: 16))"
    }

    /// Arms `period`-tick periods and calls `tick(n, match, nanosecondsSinceStart)` for each of
    /// `count` matches; clears the match bit when done. A match that does not come within
    /// `timeout` milliseconds (default: the period plus 2 s) is an error naming what the timer held.
    public func periodic(period ticks: UInt32, count: Int, timeout: Int32? = nil, tick: (Int, Tick, UInt64) -> Void) throws(ProgramError) {
        let milliseconds = UInt64(ticks) * 1000 / UInt64(ticksPerSecond) + 2000
        let timeout = timeout ?? Int32(min(milliseconds, UInt64(Int32.max)))
        let start = clinux_monotonic_ns()
        self.start(period: ticks)
        defer { acknowledge() }
        for index in 0..<count {
            guard let match = try waitForTick(milliseconds: timeout) else {
                throw .behaviour("no system timer channel \(channel) match within \(timeout) ms (\(stateDescription)): is the counter running, and does interrupt \(channel) of the node reach this CPU?")
            }
            tick(index + 1, match, clinux_monotonic_ns() - start)
        }
    }

    private var matchBit: UInt32 { 1 << UInt32(channel) }

    /// Clears the channel's match bit, and with it the interrupt; other channels are untouched.
    private func acknowledge() {
        timer.controlStatus.clear(BCM2835SystemTimerRegisters.CS(rawValue: matchBit))
    }

    /// Sets the compare to `target`, or one period from the counter when `target` is not at
    /// least a margin ahead (or passed while it was written without matching). Returns whether
    /// the deadline was moved.
    @discardableResult
    private func arm(_ target: UInt32) -> Bool {
        // A compare that has already passed would only match after the counter wraps (71
        // minutes at 1 MHz), so it must lie ahead by more than the time the write takes.
        let margin = Int64(min(period / 2, 500))
        var next = target
        var moved = false
        for attempt in 0..<4 {
            if Int64(Int32(bitPattern: next &- counterLow)) <= margin {
                next = counterLow &+ period
                moved = true
            }
            timer.compare(channel).write { $0.value = next }
            // Still ahead, or matched already: armed. Passed between the read and the write
            // without matching: the next round counts from the counter again.
            if Int32(bitPattern: next &- counterLow) > 0 || isMatched || attempt == 3 { break }
        }
        deadline = next
        if moved { lateCount += 1 }
        return moved
    }
}
