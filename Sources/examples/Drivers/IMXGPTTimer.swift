import ProgramSupport
import Peripherals
import Registers
import PlatformCore

/// Periodic compare interrupts from an i.MX General Purpose Timer: restart mode (the counter
/// restarts after reaching OCR1, so a period needs no re-arming and a late handler does not
/// shift the next deadline), the 32 kHz low-frequency reference as its clock (a rate the
/// reference manual fixes, so the tree's clock controller need not be asked), OCR1's interrupt,
/// acknowledged by writing 1 to SR.OF1.
public final class IMXGPTTimer<Device: PlatformDevice> {
    /// The frequency of the low-frequency reference clock (CLKSRC = 4, ipg_clk_32k).
    public static var lowFrequencyHz: UInt32 { 32_768 }

    /// The timer's registers.
    public let timer: IMXGPT<Device.Bus>
    /// Its interrupt line.
    public let interrupt: Device.Interrupt
    /// The period in counter ticks (0 before `start`).
    public private(set) var period: UInt32 = 0
    /// Compares handled so far.
    public private(set) var compares = 0

    /// Takes over the timer on `device`: stopped, interrupts off, status cleared.
    public init(device: Device) throws(ProgramError) {
        do {
            timer = try device.registerBlock()
            interrupt = try device.interrupt(0)
        } catch {
            throw .device(error)
        }
        stop()
    }

    /// The period in ticks of the 32 kHz clock closest to `microseconds` (at least one tick).
    public static func ticks(microseconds: Int) -> UInt32 {
        UInt32(max(1, (UInt64(microseconds) * UInt64(lowFrequencyHz) + 500_000) / 1_000_000))
    }

    /// Starts `ticks`-tick periods: the counter counts 0 to OCR1 = ticks - 1 and restarts, and
    /// every compare raises the interrupt.
    public func start(period ticks: UInt32) {
        precondition(ticks > 0, "a period of at least one tick")
        stop()
        period = ticks
        timer.prescaler.write { $0.prescaler = 0 }
        timer.control.write {
            $0.clksrc = .lowFrequency
            $0.enmod = true
            $0.frr = false
        }
        timer.outputCompare(0).write { $0.comp = ticks - 1 }
        timer.interruptEnable.write { $0.of1ie = true }
        timer.control.modify { $0.en = true }
    }

    /// After the interrupt (taken by the caller or its event loop): whether compare 1 matched;
    /// its status bit is cleared and the line re-armed either way.
    @discardableResult
    public func serviceCompare() throws(ProgramError) -> Bool {
        let matched = timer.status.read().of1
        timer.status.clear { $0.of1 = true }
        do { try interrupt.rearm() } catch { throw .device(error) }
        if matched { compares += 1 }
        return matched
    }

    /// The counter (ticks since the period began).
    public var counter: UInt32 { timer.counter.read().count }

    /// What the timer holds, for an error about a compare that did not come.
    public var stateDescription: String {
        "CR 0x\(String(timer.control.read().rawValue, radix: 16)), CNT \(counter), OCR1 \(timer.outputCompare(0).read().comp), SR 0x\(String(timer.status.read().rawValue, radix: 16)), IR 0x\(String(timer.interruptEnable.read().rawValue, radix: 16))"
    }

    /// Disabled, interrupts off, every status bit cleared.
    public func stop() {
        timer.control.write(.init(rawValue: 0))
        timer.interruptEnable.write(.init(rawValue: 0))
        timer.status.clear(.init(rawValue: 0x3F))
    }
}
