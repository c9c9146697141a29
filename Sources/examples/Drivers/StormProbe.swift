import ProgramSupport
import ByteText
import CLinux
import Peripherals
import Registers
import PlatformCore
import VFIOPlatform

/// Provokes an interrupt storm on a PL011 and measures what the automasking of level interrupts
/// makes of it: the transmit cause is raised and never cleared, and the driver unmasks the line
/// again and again. Each unmask lets exactly one interrupt through; between unmasks the line
/// stays masked, so the system stays responsive however long the cause stays set.
public enum StormProbe {
    /// Runs `unmasks` rounds of wait + unmask without clearing the cause, and returns a one-line
    /// account (interrupts seen, time, and whether the line stayed quiet while masked).
    public static func run<Device: PlatformDevice>(_ driver: PL011Driver<Device>, unmasks: Int) throws(ProgramError) -> String {
        let uart = driver.uart
        uart.imsc.write { $0.tx = true }
        uart.dr.write { $0.data = 0x2A } // sets the TX cause in RIS
        defer {
            uart.imsc.write { $0.rx = true; $0.rt = true }
            uart.icr.write { $0.tx = true }
            try? driver.interrupt.unmask()
        }
        let start = clinux_monotonic_ns()
        var delivered: UInt64 = 0
        var quietWhileMasked = 0
        for _ in 0..<unmasks {
            let fired: UInt64
            do { fired = try driver.interrupt.wait(milliseconds: 1000) } catch { throw .device(error) }
            if fired == 0 { throw .behaviour("the uncleared cause stopped interrupting after \(delivered) interrupts") }
            delivered += fired
            // Masked now: the cause is still set, yet nothing more may arrive until unmask.
            do { if try driver.interrupt.wait(milliseconds: 0) == 0 { quietWhileMasked += 1 } } catch { throw .device(error) }
            do { try driver.interrupt.unmask() } catch { throw .device(error) }
        }
        let microseconds = (clinux_monotonic_ns() - start) / 1000
        let stillSet = uart.mis.read().tx
        return "\(delivered) interrupts for \(unmasks) unmasks in \(microseconds / 1000) ms (\(microseconds / UInt64(max(unmasks, 1))) us each), quiet while masked \(quietWhileMasked)/\(unmasks), cause still set: \(stillSet ? "yes" : "no")"
    }
}
