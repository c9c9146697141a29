import ProgramSupport
import ByteText
import Peripherals
import Registers
import PlatformCore
import VFIOPlatform

/// Periodic and one-shot timeouts on one counter of an ARM SP804 dual timer: 32-bit, no
/// prescale, counting the timer clock down from Load and interrupting at zero.
public final class SP804Timer<Device: PlatformDevice> {
    /// The dual timer's registers.
    public let timers: SP804<Device.Bus>
    /// Which of the two counters this driver uses (0 or 1).
    public let index: Int
    /// The counter's interrupt line.
    public let interrupt: Device.Interrupt

    /// Takes over counter `index`; `interruptIndex` is its line (boards wire one per counter, or one for both).
    public init(device: Device, counter index: Int, interruptIndex: Int) throws(ProgramError) {
        guard index == 0 || index == 1 else { throw .configuration("an SP804 has counters 0 and 1, not \(index)") }
        self.index = index
        do {
            timers = try device.registerBlock()
            interrupt = try device.interrupt(interruptIndex)
        } catch {
            throw .device(error)
        }
        stop()
    }

    /// Stops the counter and clears its interrupt.
    public func stop() {
        timers.timer(index).control.write { $0.timeren = false; $0.intenable = false }
        timers.timer(index).intClr.write { $0.clear = 1 }
    }

    /// Starts a periodic timeout of `ticks` timer-clock cycles.
    public func startPeriodic(ticks: UInt32) { start(ticks: ticks, oneShot: false) }

    /// Starts a single timeout of `ticks` timer-clock cycles.
    public func startOneShot(ticks: UInt32) { start(ticks: ticks, oneShot: true) }

    private func start(ticks: UInt32, oneShot: Bool) {
        let timer = timers.timer(index)
        timer.control.write { $0.timeren = false }
        timer.load.write { $0.value = ticks }
        timer.intClr.write { $0.clear = 1 }
        timer.control.write {
            $0.timersize = true
            $0.oneshot = oneShot
            $0.timermode = !oneShot
            $0.intenable = true
            $0.timeren = true
        }
    }

    /// The counter's current value.
    public var value: UInt32 { timers.timer(index).value.read().value }

    /// Waits up to `milliseconds` for the counter to reach zero; acknowledges it and re-arms the
    /// line. Returns false on timeout.
    public func waitForExpiry(milliseconds: Int32) throws(ProgramError) -> Bool {
        let fired: UInt64
        do { fired = try interrupt.wait(milliseconds: milliseconds) } catch { throw .device(error) }
        if fired == 0 { return false }
        timers.timer(index).intClr.write { $0.clear = 1 }
        do { try interrupt.unmask() } catch { throw .device(error) }
        return true
    }
}
