import ByteText
import CLinux
import DeviceTree
import PlatformCore

/// A timerfd on CLOCK_MONOTONIC, the event loop's timers.
enum TimerDescriptor {
    /// A non-blocking timerfd that first expires after `firstNanoseconds` (at least 1 ns), then
    /// every `periodNanoseconds` (0: once).
    static func make(firstNanoseconds: UInt64, periodNanoseconds: UInt64) throws(DeviceError) -> OwnedDescriptor {
        let fd = clinux_timerfd_create()
        if fd < 0 { throw .systemCall(operation: "timerfd_create", errno: currentErrno()) }
        let timer = OwnedDescriptor(fd)
        try arm(timer, firstNanoseconds: firstNanoseconds, periodNanoseconds: periodNanoseconds)
        return timer
    }

    /// Sets `timer` to expire after `firstNanoseconds` (at least 1 ns), then every
    /// `periodNanoseconds` (0: once); what it counted before is dropped.
    static func arm(_ timer: OwnedDescriptor, firstNanoseconds: UInt64, periodNanoseconds: UInt64) throws(DeviceError) {
        if clinux_timerfd_arm(timer.rawValue, max(firstNanoseconds, 1), periodNanoseconds) < 0 {
            throw .systemCall(operation: "timerfd_settime", errno: currentErrno())
        }
    }

    /// How many times `timer` expired since the last read; 0 when it did not.
    static func readExpirations(_ timer: OwnedDescriptor) -> UInt64 {
        var count: UInt64 = 0
        return clinux_read_u64(timer.rawValue, &count) == 8 ? count : 0
    }
}
