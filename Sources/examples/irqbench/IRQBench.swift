import CLinux
import DeviceTree
import Drivers
import ExampleSupport
import Peripherals
import PlatformBackends
import ProgramSupport
import Registers
import PlatformCore
import VFIOPlatform

/// `irqbench`: interrupt latency through the framework, from the MMIO write that raises a PL011
/// interrupt to the driver's `wait` returning in this process, on whichever backend serves the
/// UART (`--backend vfio|uio|auto`): the device is a `BackendDevice`, as in the example drivers;
/// and the storm probe.
///   irqbench [latency] [--count N] [--warmup N] [--take-first] [--backend vfio|uio|auto]
///   irqbench storm [--count N]   a PL011 level cause never cleared, unmasked N times: counts what
///                                the automask lets through (StormProbe)
/// Flags: --allow-noiommu (required for vfio without an IOMMU), --dtb FILE.
/// --take-first tries `take()` (one non-blocking read) before `wait` (poll, then read): when the
/// interrupt has already fired, as it has here by the time the DR write returns, that is one
/// system call instead of two.
///
/// The trigger: QEMU's PL011 (7.2) sets the TX interrupt on every write to UARTDR and clears it
/// on UARTICR, so with IMSC.TX set the line rises inside the DR write. One iteration: t0, DR
/// write, `wait`, t1, ICR.TX, `unmask()` — what a driver does per interrupt. The C reference
/// (board/bench/cbench.c) runs the same loop on the same device with raw VFIO ioctls, or with
/// read()/write() on /dev/uioN.
/// Prints "BENCH: irq swift-framework[-uio][-take-first] n=N median_ns=M p99_ns=P min_ns=A max_ns=B".
@main
struct IRQBench {
    static func main() {
        let setup = ExampleSetup(valued: ["--count", "--warmup", "--dtb"])
        ExampleSetup.run("irqbench") { () throws(ProgramError) in
            switch try setup.mode(default: BenchMode.latency) {
            case .latency:
                try latency(
                    setup: setup,
                    count: max(setup.integer("--count", default: 2000), 1),
                    warmup: max(setup.integer("--warmup", default: 50), 0),
                    takeFirst: setup.arguments.has("--take-first")
                )
            case .storm:
                let node = try setup.node(compatibleWith: PL011Config.compatibles)
                let config = try setup.config(of: node, as: PL011Config.self)
                let device = try setup.open(config.node, as: PL011Config.self)
                let driver = try PL011Driver(device: device, settings: try UARTSettings(config: config))
                let report = try StormProbe.run(driver, unmasks: setup.integer("--count", default: 500))
                Output.line("IRQBENCH: storm: \(report)")
            }
        }
    }

    static func latency(setup: ExampleSetup, count: Int, warmup: Int, takeFirst: Bool) throws(ProgramError) {
        let node = try setup.node(compatibleWith: PL011Config.compatibles)
        let device = try setup.open(node, as: PL011Config.self)
        let uart: PL011<BackendDevice.Bus>
        let line: BackendDevice.Interrupt
        do {
            uart = PL011(bus: try device.registerBus(region: 0, offset: 0, size: PL011<BackendDevice.Bus>.extent))
            line = try device.interrupt(0)
        } catch {
            throw .device(error)
        }
        uart.icr.write(.init(rawValue: 0x7FF))
        uart.imsc.write { $0.tx = true }
        uart.cr.write { $0.uarten = true; $0.txe = true; $0.rxe = true }
        defer { uart.imsc.write { $0.tx = false } }

        var samples = [UInt64](repeating: 0, count: count)
        for iteration in -warmup..<count {
            let start = clinux_monotonic_ns()
            uart.dr.write { $0.data = 0x55 }
            var fired: UInt64 = takeFirst ? line.take() : 0
            if fired == 0 {
                do { fired = try line.wait(milliseconds: 1000) } catch { throw .device(error) }
            }
            let end = clinux_monotonic_ns()
            if fired == 0 { throw .behaviour("no PL011 TX interrupt within 1 s of a DR write (iteration \(iteration))") }
            if iteration >= 0 { samples[iteration] = end - start }
            uart.icr.write { $0.tx = true }
            do { try line.unmask() } catch { throw .device(error) }
        }
        samples.sort()
        let variant = "swift-framework" + (device.backend == .uio ? "-uio" : "") + (takeFirst ? "-take-first" : "")
        Output.line("BENCH: irq \(variant) n=\(count) median_ns=\(percentile(samples, 50)) p99_ns=\(percentile(samples, 99)) min_ns=\(samples[0]) max_ns=\(samples[count - 1])")
    }

    /// Nearest-rank percentile of sorted samples (as board/bench/cbench.c computes it).
    static func percentile(_ sorted: [UInt64], _ percent: Int) -> UInt64 {
        let rank = max((percent * sorted.count + 99) / 100, 1)
        return sorted[rank - 1]
    }
}

/// The modes of `irqbench`, the first word of its command line.
enum BenchMode: String, CaseIterable {
    case latency, storm
}
