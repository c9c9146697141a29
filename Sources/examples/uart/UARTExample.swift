import Drivers
import DriverModel
import PlatformBackends

/// `uart`: the PL011 example driver, run by the driver host on every enabled PL011 node.
///   uart echo [--count N]    echo N bytes back as they arrive (interrupt-driven; 0: until SIGTERM)
///   uart send FILE           transmit a file
///   uart hold [--pending]    open the device and wait (for fault tests); --pending first takes
///                            one receive interrupt and leaves it unacknowledged
/// Flags: --allow-noiommu (required for vfio without an IOMMU), --dtb FILE, --backend vfio|uio|auto,
/// --no-bind, --allow-dma-master, --clock-hz HZ (the reference clock, when the device tree names
/// a clock controller instead of a fixed clock).
///
/// A register window the kernel cannot map (the Raspberry Pi's uart0 declares 0x200 bytes, less
/// than a page) is driven through pread/pwrite by the same driver: `BackendDevice`'s bus
/// (`RegionBus`) picks the access when the block is bound.
@main
struct UARTExample {
    static func main() {
        DriverProgram.run("uart", valued: ["--count", "--clock-hz"]) { host in
            host.register(PL011Echo<BackendDevice>.self)
        }
    }
}
