import PlatformSimulation
import PlatformCore

/// A behavioural model of the i.MX watchdog (as QEMU's hw/watchdog/wdt_imx2.c): 16-bit
/// registers; WCR.WDE write-once; the counter of (WT + 1) half seconds reloaded by 0x5555 then
/// 0xAAAA in WSR; WMCR.PDE write-once to 0. When the counter expires with WDE set, or WCR is
/// written with SRS or WDA low, the model records a system reset
/// (`resets`) as QEMU performs its watchdog action, and WRSR says why. Time moves through
/// `advance(halfSeconds:)`.
public final class SimulatedIMXWatchdog: RegisterModel {
    /// The 16 KiB window of the device tree (QEMU decodes the first 10 bytes).
    public let size = 0x4000
    /// WCR.
    public private(set) var control: UInt16 = 0x30
    /// WMCR.
    public private(set) var miscellaneous: UInt16 = 0x1
    /// Half seconds left before the counter expires (while enabled).
    public private(set) var remainingHalfSeconds = 0
    /// The system resets the watchdog asked for, in order: "timeout" or "software".
    public private(set) var resets: [String] = []
    /// Full service sequences (0x5555 then 0xAAAA).
    public private(set) var services = 0
    private var serviceWord: UInt16 = 0
    private var resetStatus: UInt16 = 0
    private var wdeLocked = false

    /// A watchdog after a reset whose cause WRSR shows (0x10 power-on, 0x2 timeout, 0x1 software).
    public init(resetStatus: UInt16 = 0x10) { self.resetStatus = resetStatus }

    /// Whether the watchdog runs.
    public var enabled: Bool { control & 0x4 != 0 }

    private var timeoutHalfSeconds: Int { Int(control >> 8) + 1 }

    /// Lets `halfSeconds` half seconds pass; a counter that reaches zero resets the system.
    public func advance(halfSeconds: Int) {
        guard enabled else { return }
        remainingHalfSeconds -= halfSeconds
        if remainingHalfSeconds <= 0 {
            resetStatus = 0x2
            resets.append("timeout")
            remainingHalfSeconds = timeoutHalfSeconds
        }
    }

    public func read(offset: Int, width: Int) -> UInt64 {
        switch offset {
        case 0x0: return UInt64(control)
        case 0x2: return UInt64(serviceWord)
        case 0x4: return UInt64(resetStatus)
        case 0x6: return 0x4
        case 0x8: return UInt64(miscellaneous)
        default: return 0
        }
    }

    public func write(offset: Int, width: Int, value: UInt64) {
        let value = UInt16(truncatingIfNeeded: value)
        switch offset {
        case 0x0:
            var written = value
            if wdeLocked { written |= 0x4 } else if written & 0x4 != 0 { wdeLocked = true }
            control = written | 0x10
            if written & 0x10 == 0 || written & 0x20 == 0 {
                resetStatus = 0x1
                resets.append("software")
            }
            remainingHalfSeconds = timeoutHalfSeconds
        case 0x2:
            if serviceWord == 0x5555 && value == 0xAAAA {
                services += 1
                remainingHalfSeconds = timeoutHalfSeconds
            }
            serviceWord = value
        case 0x8:
            miscellaneous &= value & 0x1
        default: break
        }
    }
}
