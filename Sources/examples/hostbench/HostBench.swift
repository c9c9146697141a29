import Drivers
import DriverModel
import PlatformBackends

/// `hostbench`: interrupt latency through the driver host's event loop with three devices open
/// (the measured PL011, `UARTLatency`; the PL031 ticking every `--period S` seconds; the PL061
/// watching `--pin P` for edges), against `cbench host`, a C epoll loop over the same three
/// devices (board/bench/chost.c). The UART instance finishes once it printed its BENCH line;
/// the others run until SIGTERM, which the bench scenario sends. Flags as every driver program:
/// --allow-noiommu, --dtb FILE, --backend vfio|uio|auto, --no-bind.
@main
struct HostBench {
    static func main() {
        DriverProgram.run("hostbench", valued: ["--count", "--warmup", "--period", "--ticks", "--pin", "--edges", "--timeout"]) { host in
            host.register(UARTLatency<BackendDevice>.self)
            host.register(PL031Ticks<BackendDevice>.self)
            host.register(PL061Edges<BackendDevice>.self)
        }
    }
}
