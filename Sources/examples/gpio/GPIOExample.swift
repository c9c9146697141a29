import DeviceConfig
import DeviceTree
import Drivers
import Peripherals
import PlatformBackends
import ProgramSupport
import PlatformCore
import VFIOPlatform

/// `gpio`: the PL061 example driver.
///   gpio watch [--pin P] [--edges N] [--timeout S]   wait for N rising edges on input pin P
///   gpio set --pin P --level 0|1                      drive pin P as an output
/// Flags: --allow-noiommu (required without an IOMMU), --dtb FILE.
@main
struct GPIOExample {
    static func main() {
        let setup = ExampleSetup(valued: ["--pin", "--edges", "--timeout", "--level", "--dtb"])
        ExampleSetup.run("gpio") { () throws(DriverError) in
            let node = try setup.node(compatibleWith: PL061Config.compatibles)
            _ = try setup.config(of: node, as: PL061Config.self)
            let device = try setup.open(node, as: PL061Config.self)
            let gpio = try PL061GPIO(device: device)
            let pin = setup.integer("--pin", default: 3)
            guard pin >= 0 && pin < 8 else { throw .configuration("a PL061 has pins 0 to 7") }
            switch try setup.mode(default: GPIOMode.watch) {
            case .watch:
                gpio.setDirection(pin: pin, output: false)
                gpio.enableInterrupt(pin: pin, on: .rising)
                Output.line("GPIO: pin \(pin) is \(gpio.isOutput(pin: pin) ? "output" : "input"), level \(gpio.level(pin: pin) ? 1 : 0)")
                Output.line("GPIO: ready")
                let wanted = setup.integer("--edges", default: 1)
                let timeout = Int32(setup.integer("--timeout", default: 30)) * 1000
                var seen = 0
                while seen < wanted {
                    let pins = try gpio.waitForEdges(milliseconds: timeout)
                    if pins == 0 { throw .behaviour("no edge on pin \(pin) within \(timeout / 1000) s") }
                    if pins & (1 << pin) != 0 {
                        seen += 1
                        Output.line("GPIO: rising edge on pin \(pin) (\(seen)/\(wanted)), level now \(gpio.level(pin: pin) ? 1 : 0)")
                    }
                }
            case .set:
                let high = setup.integer("--level", default: 1) != 0
                gpio.setDirection(pin: pin, output: true)
                gpio.set(pin: pin, high: high)
                Output.line("GPIO: pin \(pin) drives \(high ? 1 : 0), reads back \(gpio.level(pin: pin) ? 1 : 0)")
            }
        }
    }
}

/// The modes of `gpio`, the first word of its command line.
enum GPIOMode: String, CaseIterable {
    case watch, set
}
