import CLinux
import DeviceTree
import DriverModel
import Peripherals
import PlatformCore
import ProgramSupport

/// Interrupts of one line of an i.MX GPIO bank as a driver of the host: `--line N` (0-31,
/// default 3) as an input with `--trigger low|high|rising|falling|both` (default rising); it
/// finishes after `--events N` interrupts (default 1), each within `--timeout S` seconds (0:
/// none). A level trigger keeps firing while the line holds, so the line is masked once the
/// count is reached. `--drive M` makes line M an output and toggles it every 100 ms (wire it to
/// the input to see edges).
public final class IMXGPIOEvents<Device: PlatformDevice>: PlatformDriver {
    /// "imx-gpio".
    public static var name: String { "imx-gpio" }

    /// The bank.
    public let bank: IMXGPIOBank<Device>
    private let line: Int
    private let trigger: IMXGPIOTrigger
    private let wanted: Int
    private let timeoutSeconds: Int
    private let driven: Int?
    private var seen = 0
    private var toggles = 0
    private var watchdog: EventToken?
    private var toggleTimer: EventToken?
    /// The event-loop tokens of the bank's interrupts, in the bank's order.
    private var interruptTokens: [EventToken] = []
    private let started = clinux_monotonic_ns()

    private init(bank: IMXGPIOBank<Device>, line: Int, trigger: IMXGPIOTrigger, wanted: Int, timeoutSeconds: Int, driven: Int?) {
        self.bank = bank
        self.line = line
        self.trigger = trigger
        self.wanted = wanted
        self.timeoutSeconds = timeoutSeconds
        self.driven = driven
    }

    /// The line, the trigger and the driven line, before the device is opened.
    public static func check(config: IMXGPIOConfig, context: DriverContext) throws(ProgramError) {
        _ = try settings(context.arguments)
    }

    /// Sets the line up and watches its interrupt.
    public static func probe(device: Device, config: IMXGPIOConfig, context: DriverContext) throws(ProgramError) -> IMXGPIOEvents {
        let arguments = context.arguments
        let (line, trigger, driven) = try settings(arguments)
        let bank = try IMXGPIOBank(device: device)
        let driver = IMXGPIOEvents(bank: bank, line: line, trigger: trigger, wanted: arguments.integer("--events", default: 1),
                                   timeoutSeconds: arguments.integer("--timeout", default: 30), driven: driven)
        for interrupt in bank.interrupts { driver.interruptTokens.append(try context.watch(interrupt)) }
        bank.setDirection(line: line, output: false)
        if let driven {
            bank.setDirection(line: driven, output: true)
            bank.set(line: driven, high: false)
            driver.toggleTimer = try context.startTimer(firstNanoseconds: 100_000_000, periodNanoseconds: 100_000_000)
        }
        bank.enableInterrupt(line: line, on: trigger)
        try driver.restartWatchdog(context)
        Output.line("GPIO: line \(line) input, level \(bank.level(line: line) ? 1 : 0), \(trigger.rawValue) interrupt on \(context.node.path)\(driven.map { ", driving line \($0)" } ?? "")")
        return driver
    }

    /// Line interrupts (acknowledged), the toggle timer, or the watchdog of a wait that lasted too long.
    public func handle(_ event: DriverEvent, context: DriverContext) throws(ProgramError) {
        switch event {
        case .timer(let token, _):
            if token == toggleTimer, let driven {
                toggles += 1
                bank.set(line: driven, high: toggles % 2 == 1)
                return
            }
            throw .behaviour("no \(trigger.rawValue) interrupt on line \(line) within \(timeoutSeconds) s (level \(bank.level(line: line) ? 1 : 0)\(driven.map { ", line \($0) toggled \(toggles) times" } ?? ""))")
        case .interrupt(let token, _):
            for (index, interrupt) in bank.interrupts.enumerated() where interruptTokens[index] == token {
                let lines = try bank.acknowledge(interrupt)
                guard lines & (1 << line) != 0 else { continue }
                seen += 1
                Output.line("GPIO: \(trigger.rawValue) interrupt \(seen) on line \(line) at \((clinux_monotonic_ns() - started) / 1_000_000) ms, level now \(bank.level(line: line) ? 1 : 0)")
                if wanted > 0 && seen >= wanted {
                    bank.disableInterrupt(line: line)
                    context.finish()
                    return
                }
            }
            try restartWatchdog(context)
        case .readable:
            return
        }
    }

    /// Line interrupts off.
    public func remove() {
        bank.quiesce()
        Output.line("GPIO: removed after \(seen) interrupt(s)")
    }

    private func restartWatchdog(_ context: DriverContext) throws(ProgramError) {
        guard timeoutSeconds > 0 else { return }
        try context.armTimer(&watchdog, firstNanoseconds: UInt64(timeoutSeconds) * 1_000_000_000)
    }

    private static func settings(_ arguments: ParsedArguments) throws(ProgramError) -> (Int, IMXGPIOTrigger, Int?) {
        let line = arguments.integer("--line", default: 3)
        guard line >= 0 && line < 32 else { throw .usage("an i.MX GPIO bank has lines 0 to 31, not \(line)") }
        let name = arguments.value("--trigger") ?? "rising"
        guard let trigger = IMXGPIOTrigger.named(name) else {
            throw .usage("unknown trigger \(name): use \(ParsedArguments.listing(IMXGPIOTrigger.self))")
        }
        var driven: Int?
        if arguments.has("--drive") {
            let other = arguments.integer("--drive", default: -1)
            guard other >= 0 && other < 32 && other != line else { throw .usage("--drive takes another line, 0 to 31") }
            driven = other
        }
        return (line, trigger, driven)
    }
}
