import Foundation
import XCTest

/// The Raspberry Pi 3 (QEMU's raspi3b booted with the upstream bcm2837-rpi-3-b.dtb and the same
/// kernel Image as virt), driven by the same aarch64 binaries as the virt tests.
///
/// What the machine offers that the tests rely on: the kernel names the SoC devices by their CPU
/// addresses (0x3f..., the soc node's `ranges` applied to the 0x7e... bus addresses); uart0 is
/// an amba device whose window is 0x200 bytes (not mappable: pread/pwrite) and whose interrupt
/// goes through the BCM2835 armctrl controller, which records no trigger type, so vfio-amba
/// offers it as an edge line, neither masked nor maskable (docs/boards.md).
final class RaspberryPiBoardTests: XCTestCase {
    /// TCG emulation of four Cortex-A53s is several times slower than virt's single core.
    static let bootSeconds: Double = 240

    func testListNamesTheSoCDevicesAtTheirTranslatedCPUAddresses() throws {
        let board = try Board(scenario: "raspi-list", machine: .raspi3b, timeout: Int(Self.bootSeconds))
        XCTAssertEqual(board.finish(), 0, board.console)
        XCTAssertTrue(board.console.contains("LIST: status 0"), board.console)
        XCTAssertTrue(board.console.contains("DOCTOR: status 0"), board.step("doctor"))

        // What the kernel made: uart0 on the amba bus with no driver (pl011_init is blacklisted),
        // the system timer a driverless platform device, the mini UART held by the console.
        let sysfs = board.step("sysfs")
        XCTAssertTrue(sysfs.contains("SYSFS: amba 3f201000.serial -\n"), sysfs)
        XCTAssertTrue(sysfs.contains("SYSFS: platform 3f003000.timer -\n"), sysfs)
        XCTAssertTrue(sysfs.contains("SYSFS: platform 3f215040.serial bcm2835-aux-uart\n"), sysfs)

        // vfioctl names the same devices from the running device tree (and the backend that would serve
        // each; `kernel` for one a kernel driver holds: the aux UART is the console).
        let rows = board.step("list").split(separator: "\n").map(String.init).filter { !$0.hasPrefix("LINUX NAME") && !$0.hasPrefix("LIST:") }
        func row(_ name: String) -> [String] {
            rows.first { $0.hasPrefix(name + " ") }?.split(separator: " ").map(String.init) ?? []
        }
        XCTAssertEqual(row("3f201000.serial"), ["3f201000.serial", "amba", "-", "-", "vfio", "/soc/serial@7e201000"], rows.joined(separator: "\n"))
        XCTAssertEqual(row("3f003000.timer"), ["3f003000.timer", "platform", "-", "-", "vfio", "/soc/timer@7e003000"], rows.joined(separator: "\n"))
        XCTAssertEqual(row("3f215040.serial"), ["3f215040.serial", "platform", "bcm2835-aux-uart", "-", "kernel", "/soc/serial@7e215040"], rows.joined(separator: "\n"))
        // Every SoC device is at a CPU address: none keeps its 0x7e... bus address.
        XCTAssertFalse(rows.isEmpty)
        for line in rows {
            XCTAssertFalse(line.hasPrefix("7e"), "a bus address was not translated: \(line)")
        }
        // Every device the kernel named after a `reg` address is one vfioctl lists by that name.
        let listed = Set(rows.compactMap { $0.split(separator: " ").first.map(String.init) })
        let kernelNamed = sysfs.split(separator: "\n").compactMap { line -> String? in
            let words = line.split(separator: " ")
            guard words.count == 4, let name = words.dropFirst(2).first, name.first?.isHexDigit == true, name.contains(".") else { return nil }
            return String(name)
        }
        XCTAssertFalse(kernelNamed.isEmpty, sysfs)
        for name in kernelNamed {
            XCTAssertTrue(listed.contains(name), "the kernel has \(name), vfioctl list does not name it so:\n\(rows.joined(separator: "\n"))")
        }

        // uart0 through vfio-amba: its 0x200-byte window cannot be mapped, and the armctrl's
        // line comes without a trigger type: edge as far as VFIO knows, not maskable.
        let info = board.step("info")
        XCTAssertTrue(info.contains("3f201000.serial: amba, no-IOMMU (kernel tainted)"), info)
        XCTAssertTrue(info.contains("region 0: size 0x200 offset 0x0 rw- pread/pwrite"), info)
        XCTAssertTrue(info.contains("irq 0: count 1 flags eventfd edge\n"), info)
        XCTAssertTrue(board.console.contains("INFO: status 0"), board.console)
    }

    func testUARTEchoesThroughTheBCM2835InterruptControllers() throws {
        let count = 4096
        let board = try Board(scenario: "raspi-uart-echo", machine: .raspi3b, append: "echo_count=\(count)", serial: true, timeout: Int(Self.bootSeconds))
        let serial = try SerialLine(prefix: board.serialPrefix)
        guard board.waitFor("UART: ready", seconds: Self.bootSeconds) else { return }
        let payload = SerialLine.randomPayload(count: count)
        let echoed = serial.echo(payload, secondsPerBurst: 30)
        XCTAssertEqual(echoed.count, count, "bytes echoed")
        XCTAssertTrue(echoed == payload, "echo differs from what was sent; first difference at \(zip(echoed, payload).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? -1)")
        XCTAssertEqual(board.finish(), 0, board.console)
        let console = board.console
        XCTAssertTrue(console.contains("DEVICE: 3f201000.serial (/soc/serial@7e201000) bound to vfio-amba"), console)
        XCTAssertTrue(console.contains("region 0 0x200 via pread/pwrite, 1 irq(s)"), console)
        // 48 MHz at 115200 baud: 48e6 * 4 / 115200 = 1666.7, rounded 1667 = 26 * 64 + 3.
        XCTAssertTrue(console.contains("UART: ready (115200 baud, IBRD 26, FBRD 3, clock 48000000 Hz)"), console)
        XCTAssertTrue((board.lines(startingWith: "UART: echoed").first ?? "").hasPrefix("\(count) bytes"), console)
        // The interrupt the driver waited on: armctrl ("ARMCTRL-level") hwirq 89 = bank 2 << 5 | 25,
        // the DT's <2 25>, a line the BCM2836 per-core controller chains to; no GIC on this board.
        // vfio-amba names it after the peripheral ID, here the DT's arm,primecell-periphid.
        let irq = board.lines(startingWith: "IRQ:").first ?? ""
        XCTAssertTrue(irq.contains("ARMCTRL-level") && irq.contains(" 89 ") && irq.hasSuffix("(vfio-amba-00241011)"), "the /proc/interrupts line of the vfio interrupt: \(irq)\n\(console)")
        // Taken as edge, the line fires for as long as the cause is set: the kernel counts more
        // interrupts than the driver woke up for.
        let kernelCount = irq.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
        XCTAssertGreaterThan(kernelCount, driverWakeups(console), irq)
    }

    /// The interrupts the uart program counted ("UART: echoed N bytes in T ms, I interrupts").
    private func driverWakeups(_ console: String) -> Int {
        guard let line = console.split(separator: "\n").first(where: { $0.hasPrefix("UART: echoed") }),
              let range = line.range(of: " ms, ") else { return 0 }
        return Int(line[range.upperBound...].prefix { $0.isNumber }) ?? 0
    }

    /// The BCM2835 system timer through vfio-platform (`systimer`, built with the other
    /// Embedded binaries; its absence is a broken build, not a reason to skip).
    func testSystemTimerThroughVFIOPlatform() throws {
        let board = try Board(scenario: "systimer", machine: .raspi3b, timeout: Int(Self.bootSeconds))
        XCTAssertEqual(board.finish(), 0, board.console)
        XCTAssertTrue(board.console.contains("DEVICE: 3f003000.timer (/soc/timer@7e003000) bound to vfio-platform"), board.console)
        let first = board.step("channel-1")
        XCTAssertTrue(first.contains("SYSTIMER: tick 4 at"), "five compare interrupts on channel 1: \(first)")
        XCTAssertTrue(first.contains("SYSTIMER: 5 ticks in"), first)
        let third = board.step("channel-3")
        XCTAssertTrue(third.contains("SYSTIMER: tick 9 at"), "ten compare interrupts on channel 3: \(third)")
        let refused = board.step("firmware-channel-refused")
        XCTAssertEqual(board.exitStatuses(inStep: "firmware-channel-refused"), ["1"], refused)
        XCTAssertTrue(refused.contains("system timer channel 0 belongs to the GPU firmware (it uses 0 and 2): use channel 1 or 3"), refused)
        XCTAssertFalse(refused.contains("DEVICE:"), "refused before the timer is bound: \(refused)")
        XCTAssertTrue(board.step("dump").contains("CLO"), board.step("dump"))
    }
}
