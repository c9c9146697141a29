import ByteText
import Drivers
import DriverModel
import PlatformBackends
import ProgramSupport

/// `imx`: drivers for the peripherals of NXP i.MX6/6UL/7 SoCs, on the driver host. The first
/// word picks the peripheral, whose driver the host then probes on every matching enabled node
/// (`--node PATH` for one of them):
///   imx uart [--count N] [--clock-hz HZ]                 echo through receive interrupts
///   imx gpt [--period-us N] [--count N]                  periodic compare interrupts
///   imx watchdog [--start --timeout-ms N --interval-ms N --services N]   state, or service it
///   imx gpio [--line N] [--trigger low|high|rising|falling|both] [--events N] [--timeout S] [--drive M]
/// Flags: --allow-noiommu (required without an IOMMU), --dtb FILE, --backend vfio|uio|auto.
@main
struct IMXExample {
    static func main() {
        DriverProgram.run("imx", valued: ["--count", "--clock-hz", "--period-us", "--timeout-ms", "--interval-ms", "--services",
                                          "--line", "--trigger", "--events", "--timeout", "--drive"]) { host in
            let peripheral = host.arguments.words.first ?? ""
            if peripheral.sameBytes(as: "uart") {
                host.register(IMXUARTEcho<BackendDevice>.self)
            } else if peripheral.sameBytes(as: "gpt") {
                host.register(IMXGPTTicks<BackendDevice>.self)
            } else if peripheral.sameBytes(as: "watchdog") {
                host.register(IMXWatchdogService<BackendDevice>.self)
            } else if peripheral.sameBytes(as: "gpio") {
                host.register(IMXGPIOEvents<BackendDevice>.self)
            } else {
                Output.error("imx: name a peripheral first: uart, gpt, watchdog or gpio")
                Output.exit(2)
            }
        }
    }
}
