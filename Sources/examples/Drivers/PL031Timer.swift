import ProgramSupport
import ByteText
import CLinux
import Peripherals
import Registers
import PlatformCore
import VFIOPlatform

/// Periodic and one-shot timeouts on the PL031 real-time clock's match interrupt. The RTC
/// counts whole seconds, so periods are whole seconds and a timeout of N seconds ends at the
/// N-th second boundary from now (between N-1 and N seconds later).
public final class PL031Timer<Device: PlatformDevice> {
    /// The RTC's registers.
    public let rtc: PL031<Device.Bus>
    /// Its interrupt line (level, automasked).
    public let interrupt: Device.Interrupt

    /// Takes over the RTC on `device`: match interrupt masked and cleared, counter running.
    public init(device: Device) throws(ProgramError) {
        do {
            rtc = try device.registerBlock()
            interrupt = try device.interrupt(0)
        } catch {
            throw .device(error)
        }
        rtc.imsc.write { $0.rtcintr = false }
        rtc.icr.write { $0.rtcintr = true }
        rtc.cr.write { $0.start = true }
    }

    /// The RTC's current count of seconds.
    public var seconds: UInt32 { rtc.dr.read().count }

    /// Calls `tick(n, nanosecondsSinceStart)` at each of `count` periods of `period` seconds.
    public func periodic(period: UInt32, count: Int, tick: (Int, UInt64) -> Void) throws(ProgramError) {
        let start = clinux_monotonic_ns()
        var match = seconds &+ period
        arm(match)
        defer { rtc.imsc.write { $0.rtcintr = false } }
        for index in 1...count {
            try waitForMatch(timeoutSeconds: period + 2)
            tick(index, clinux_monotonic_ns() - start)
            match &+= period
            arm(match)
        }
    }

    /// Waits for one timeout of `seconds`; returns the nanoseconds it took.
    public func oneShot(after seconds: UInt32) throws(ProgramError) -> UInt64 {
        let start = clinux_monotonic_ns()
        self.start(after: seconds)
        defer { rtc.imsc.write { $0.rtcintr = false } }
        try waitForMatch(timeoutSeconds: seconds + 2)
        return clinux_monotonic_ns() - start
    }

    /// Arms the match interrupt for `seconds` from now (at the counter's `now + seconds`).
    public func start(after seconds: UInt32) { arm(self.seconds &+ seconds) }

    /// Waits up to `milliseconds` for the match; acknowledges it and re-arms the line.
    /// Returns false on timeout.
    public func waitForExpiry(milliseconds: Int32) throws(ProgramError) -> Bool {
        let fired: UInt64
        do { fired = try interrupt.wait(milliseconds: milliseconds) } catch { throw .device(error) }
        if fired == 0 { return false }
        try acknowledge()
        return true
    }

    /// After a match interrupt (taken by the caller or its event loop): clears the cause and
    /// re-arms the line.
    public func acknowledge() throws(ProgramError) {
        rtc.icr.write { $0.rtcintr = true }
        do { try interrupt.rearm() } catch { throw .device(error) }
    }

    /// Masks the match interrupt and clears its cause; the counter keeps running (it is the
    /// board's clock).
    public func quiesce() {
        rtc.imsc.write { $0.rtcintr = false }
        rtc.icr.write { $0.rtcintr = true }
    }

    private func arm(_ match: UInt32) {
        rtc.mr.write { $0.match = match }
        rtc.imsc.write { $0.rtcintr = true }
    }

    private func waitForMatch(timeoutSeconds: UInt32) throws(ProgramError) {
        if try !waitForExpiry(milliseconds: Int32(timeoutSeconds) * 1000) {
            throw .behaviour("no PL031 match interrupt within \(timeoutSeconds) s (DR \(seconds), MR \(rtc.mr.read().match))")
        }
    }
}
