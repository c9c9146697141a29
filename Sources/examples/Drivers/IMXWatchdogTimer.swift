import ProgramSupport
import Peripherals
import Registers
import PlatformCore

/// The i.MX watchdog (WDOG): its state, starting it, and servicing it. Once started it cannot be
/// stopped (WCR.WDE is write-once) and its timeout cannot be shortened to nothing: whoever holds
/// it must service it until the next reset, or the SoC resets when it expires.
public final class IMXWatchdogTimer<Device: PlatformDevice> {
    /// The longest timeout: WT = 255, 128 s.
    public static var longestHalfSeconds: Int { 256 }

    /// The watchdog's registers.
    public let watchdog: IMXWatchdog<Device.Bus>
    /// Services so far.
    public private(set) var services = 0

    /// What the watchdog reports about itself.
    public struct State: Sendable, Equatable {
        /// Whether it runs (WCR.WDE).
        public let enabled: Bool
        /// The timeout in half seconds ((WCR.WT + 1)).
        public let timeoutHalfSeconds: Int
        /// Why the last reset happened (WRSR): "power-on", "timeout", "software" or "none recorded".
        public let lastReset: String
        /// Whether the power-down counter still runs (WMCR.PDE).
        public let powerDownCounter: Bool
        /// Whether the pre-timeout interrupt is enabled (WICR.WIE).
        public let preTimeoutInterrupt: Bool
    }

    /// Takes the watchdog on `device`. `stopPowerDownCounter` clears WMCR.PDE as Linux's
    /// imx2_wdt does at probe (else WDOG_B is asserted 16 s after reset; write-once).
    public init(device: Device, stopPowerDownCounter: Bool = true) throws(ProgramError) {
        do {
            watchdog = try device.registerBlock()
        } catch {
            throw .device(error)
        }
        if stopPowerDownCounter { watchdog.miscellaneousControl.write { $0.pde = false } }
    }

    /// The state the registers show.
    public var state: State {
        let control = watchdog.control.read()
        let reset = watchdog.resetStatus.read()
        let lastReset = reset.tout ? "timeout" : reset.sftw ? "software" : reset.por ? "power-on" : "none recorded"
        return State(enabled: control.wde, timeoutHalfSeconds: Int(control.wt) + 1, lastReset: lastReset,
                     powerDownCounter: watchdog.miscellaneousControl.read().pde, preTimeoutInterrupt: watchdog.interruptControl.read().wie)
    }

    /// Starts the watchdog with a timeout of `halfSeconds` (1 to 256): WCR written once with WDE,
    /// WT, and SRS and WDA kept high (a 0 in either resets the SoC at once). From here on it must
    /// be serviced.
    public func start(timeoutHalfSeconds halfSeconds: Int) throws(ProgramError) {
        guard halfSeconds >= 1 && halfSeconds <= Self.longestHalfSeconds else {
            throw .usage("an i.MX watchdog timeout is 1 to \(Self.longestHalfSeconds) half seconds (0.5 to 128 s), not \(halfSeconds)")
        }
        watchdog.control.write {
            $0.wt = UInt8(halfSeconds - 1)
            $0.wde = true
            $0.srs = true
            $0.wda = true
        }
        service()
    }

    /// Reloads the counter: 0x5555, then 0xAAAA, to WSR.
    public func service() {
        watchdog.service.write { $0.wsr = .first }
        watchdog.service.write { $0.wsr = .second }
        services += 1
    }
}
