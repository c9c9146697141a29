import ByteText
import DeviceTree
import DriverModel
import Peripherals
import PlatformCore
import ProgramSupport
import Registers

/// The PL061's edge interrupts as a driver of the host: `watch` (the default mode) waits for
/// `--edges N` rising edges on input `--pin P` (0: no limit), each within `--timeout S` seconds
/// (0: none) — on QEMU's virt board pin 3 is the power button; `set --level 0|1` drives the pin
/// as an output and finishes.
public final class PL061Edges<Device: PlatformDevice>: PlatformDriver {
    /// "pl061-edges".
    public static var name: String { "pl061-edges" }

    /// The controller.
    public let gpio: PL061GPIO<Device>
    private let pin: Int
    private let wanted: Int
    private let timeoutSeconds: Int
    private var seen = 0
    private var watchdog: EventToken?

    private init(gpio: PL061GPIO<Device>, pin: Int, wanted: Int, timeoutSeconds: Int) {
        self.gpio = gpio
        self.pin = pin
        self.wanted = wanted
        self.timeoutSeconds = timeoutSeconds
    }

    /// Sets the pin up as the mode asks.
    public static func probe(device: Device, config: PL061Config, context: DriverContext) throws(ProgramError) -> PL061Edges {
        let arguments = context.arguments
        guard let mode = arguments.choice(at: 0, default: GPIOMode.watch) else {
            throw .usage("unknown mode \(arguments.words[0]): use \(ParsedArguments.listing(GPIOMode.self))")
        }
        let pin = arguments.integer("--pin", default: 3)
        guard pin >= 0 && pin < 8 else { throw .usage("a PL061 has pins 0 to 7") }
        let gpio = try PL061GPIO(device: device)
        let edges = PL061Edges(gpio: gpio, pin: pin, wanted: arguments.integer("--edges", default: 1),
                               timeoutSeconds: arguments.integer("--timeout", default: 30))
        switch mode {
        case .watch:
            gpio.setDirection(pin: pin, output: false)
            _ = try context.watch(gpio.interrupt)
            gpio.enableInterrupt(pin: pin, on: .rising)
            try edges.restartWatchdog(context)
            Output.line("GPIO: pin \(pin) is \(gpio.isOutput(pin: pin) ? "output" : "input"), level \(gpio.level(pin: pin) ? 1 : 0)")
            Output.line("GPIO: ready")
        case .set:
            let high = arguments.integer("--level", default: 1) != 0
            gpio.setDirection(pin: pin, output: true)
            gpio.set(pin: pin, high: high)
            Output.line("GPIO: pin \(pin) drives \(high ? 1 : 0), reads back \(gpio.level(pin: pin) ? 1 : 0)")
            context.finish()
        }
        return edges
    }

    /// Pin interrupts (acknowledged), or the watchdog of a wait that lasted too long.
    public func handle(_ event: DriverEvent, context: DriverContext) throws(ProgramError) {
        switch event {
        case .timer:
            throw .behaviour("no edge on pin \(pin) within \(timeoutSeconds) s")
        case .interrupt:
            let pins = try gpio.acknowledgeEdges()
            guard pins & (1 << pin) != 0 else { return }
            seen += 1
            Output.line("GPIO: rising edge on pin \(pin) (\(seen)/\(wanted)), level now \(gpio.level(pin: pin) ? 1 : 0)")
            if wanted > 0 && seen >= wanted {
                context.finish()
                return
            }
            try restartWatchdog(context)
        case .readable:
            return
        }
    }

    /// Pin interrupts off.
    public func remove() {
        gpio.quiesce()
        Output.line("GPIO: removed after \(seen) edge(s)")
    }

    private func restartWatchdog(_ context: DriverContext) throws(ProgramError) {
        guard timeoutSeconds > 0 else { return }
        try context.armTimer(&watchdog, firstNanoseconds: UInt64(timeoutSeconds) * 1_000_000_000)
    }
}

/// The modes of the PL061 edges driver, the first word of its program's command line.
public enum GPIOMode: String, CaseIterable, Sendable {
    /// Wait for rising edges on an input pin.
    case watch
    /// Drive the pin as an output.
    case set
}
