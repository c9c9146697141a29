import CLinux
import DriverModel
import Peripherals
import PlatformCore
import ProgramSupport
import Registers
import ByteText

/// A PL011 driver of the host that measures interrupt latency through the host's event loop:
/// t0, a DR write (QEMU's PL011 raises the TX interrupt inside it), the loop's epoll wait, and
/// t1 when `handle` runs; then ICR.TX, `rearm()`, and the next t0 and DR write, from the
/// handler, as any driver answers its interrupt. `--count N` samples after `--warmup N`; then
/// it prints "BENCH: irq swift-host n=N median_ns=M p99_ns=P min_ns=A max_ns=B" and finishes.
final class UARTLatency<Device: PlatformDevice>: PlatformDriver {
    static var name: String { "uart-latency" }

    private let uart: PL011<Device.Bus>
    private let line: Device.Interrupt
    private var samples: [UInt64]
    private var done: Int
    private var started: UInt64 = 0

    private init(uart: PL011<Device.Bus>, line: Device.Interrupt, count: Int, warmup: Int) {
        self.uart = uart
        self.line = line
        self.samples = [UInt64](repeating: 0, count: count)
        self.done = -warmup
    }

    static func probe(device: Device, config: PL011Config, context: DriverContext) throws(ProgramError) -> UARTLatency {
        let count = max(context.arguments.integer("--count", default: 2000), 1)
        let warmup = max(context.arguments.integer("--warmup", default: 50), 0)
        let probe: UARTLatency
        do throws(DeviceError) {
            let uart = PL011(bus: try device.registerBus(region: 0, offset: 0, size: PL011<Device.Bus>.extent))
            probe = UARTLatency(uart: uart, line: try device.interrupt(0), count: count, warmup: warmup)
        } catch {
            throw .device(error)
        }
        _ = try context.watch(probe.line)
        probe.uart.icr.write(.init(rawValue: 0x7FF))
        probe.uart.imsc.write { $0.tx = true }
        probe.uart.cr.write { $0.uarten = true; $0.txe = true; $0.rxe = true }
        probe.trigger()
        return probe
    }

    private func trigger() {
        started = clinux_monotonic_ns()
        uart.dr.write { $0.data = 0x55 }
    }

    func handle(_ event: DriverEvent, context: DriverContext) throws(ProgramError) {
        guard case .interrupt = event else { return }
        let end = clinux_monotonic_ns()
        if done >= 0 { samples[done] = end - started }
        done += 1
        uart.icr.write { $0.tx = true }
        do { try line.rearm() } catch { throw .device(error) }
        if done < samples.count {
            trigger()
            return
        }
        samples.smallSort(by: <)
        let count = samples.count
        Output.line("BENCH: irq swift-host n=\(count) median_ns=\(percentile(50)) p99_ns=\(percentile(99)) min_ns=\(samples[0]) max_ns=\(samples[count - 1])")
        context.finish()
    }

    /// Nearest-rank percentile of the sorted samples (as board/bench/chost.c computes it).
    private func percentile(_ percent: Int) -> UInt64 {
        samples[max((percent * samples.count + 99) / 100, 1) - 1]
    }

    func remove() {
        uart.imsc.write { $0.tx = false }
        uart.cr.write { $0.uarten = false }
    }
}
