import CLinux
import DeviceConfig
import DeviceTree
import Drivers
import Peripherals
import PlatformBackends
import ProgramSupport
import PlatformCore
import VFIOPlatform

/// `uart`: the PL011 example driver.
///   uart echo [--count N]    echo N bytes back as they arrive (interrupt-driven)
///   uart send FILE           transmit a file
///   uart hold [--pending]    open the device and wait (for fault tests); --pending first takes
///                            one receive interrupt and leaves it unacknowledged
/// Flags: --allow-noiommu (required for vfio without an IOMMU), --dtb FILE, --backend vfio|uio|auto,
/// --clock-hz HZ (the reference clock, when the device tree names a clock controller instead of a
/// fixed clock).
///
/// A register window the kernel cannot map (the Raspberry Pi's uart0 declares 0x200 bytes, less
/// than a page) is driven through pread/pwrite by the same driver: `BackendDevice`'s bus
/// (`RegionBus`) picks the access when the block is bound.
@main
struct UARTExample {
    static func main() {
        let setup = ExampleSetup(valued: ["--count", "--dtb", "--clock-hz"])
        ExampleSetup.run("uart") { () throws(DriverError) in
            let node = try setup.node(compatibleWith: PL011Config.compatibles)
            let config = try setup.config(of: node, as: PL011Config.self)
            let clock = setup.integer("--clock-hz", default: -1)
            let settings = try UARTSettings(config: config, clockHz: clock > 0 ? UInt32(truncatingIfNeeded: clock) : nil)
            let device = try setup.open(config.node, as: PL011Config.self)
            try run(PL011Driver(device: device, settings: settings), name: device.name, settings: settings, setup: setup)
        }
    }

    /// The mode the command line asks for.
    static func run(_ driver: PL011Driver<BackendDevice>, name: String, settings: UARTSettings, setup: ExampleSetup) throws(DriverError) {
        let divisor = settings.divisor
        switch try setup.mode(default: UARTMode.echo) {
        case .echo:
            let count = setup.integer("--count", default: 64)
            Output.line("UART: ready (\(settings.baud) baud, IBRD \(divisor.integer), FBRD \(divisor.fraction), clock \(settings.clockHz) Hz)")
            let start = clinux_monotonic_ns()
            let received = try driver.echo(count: count)
            let milliseconds = (clinux_monotonic_ns() - start) / 1_000_000
            Output.line("UART: echoed \(received.count) bytes in \(milliseconds) ms, \(driver.interruptCount) interrupts, \(driver.transmitWaits) transmit waits")
        case .send:
            guard setup.words.count > 1 else { throw .configuration("uart send needs a FILE") }
            let bytes = try readFile(setup.words[1])
            try driver.transmit(bytes)
            Output.line("UART: sent \(bytes.count) bytes")
        case .hold:
            if setup.arguments.has("--pending") {
                // Take one receive interrupt and never acknowledge it: the line stays
                // automasked with its cause set, as when a driver dies mid-interrupt.
                Output.line("UART: waiting for an interrupt")
                let fired: UInt64
                do throws(DeviceError) { fired = try driver.interrupt.wait(milliseconds: 30_000) } catch { throw .device(error) }
                if fired == 0 { throw .behaviour("no interrupt to leave pending") }
                Output.line("UART: holding \(name) with an interrupt pending (masked, cause set)")
            } else {
                Output.line("UART: holding \(name)")
            }
            while true { clinux_sleep_ns(1_000_000_000) }
        }
    }

    static func readFile(_ path: String) throws(DriverError) -> [UInt8] {
        let fd = clinux_open(path, clinux_o_rdonly(), 0)
        if fd < 0 { throw .configuration("cannot open \(path)") }
        defer { _ = close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return bytes
    }
}

/// The modes of `uart`, the first word of its command line.
enum UARTMode: String, CaseIterable {
    case echo, send, hold
}
