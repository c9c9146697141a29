import Drivers
import DriverModel
import PlatformBackends

/// `devicehost`: every example driver in one process. The host probes each enabled PL011,
/// PL031 and PL061 node and serves all their interrupts and timers from one event loop:
/// the UART echoes (`--count N` bytes, 0: no limit), the RTC ticks (`--period S`, `--ticks N`),
/// the GPIO block reports rising edges on `--pin P` (`--edges N`, `--timeout S`). SIGINT or
/// SIGTERM removes every instance and gives every device back to the driver it had.
/// Flags: --allow-noiommu, --dtb FILE, --backend vfio|uio|auto, --no-bind, --clock-hz HZ.
@main
struct DeviceHostExample {
    static func main() {
        DriverProgram.run("devicehost", valued: ["--count", "--clock-hz", "--period", "--ticks", "--pin", "--edges", "--timeout"]) { host in
            host.register(PL011Echo<BackendDevice>.self)
            host.register(PL031Ticks<BackendDevice>.self)
            host.register(PL061Edges<BackendDevice>.self)
        }
    }
}
