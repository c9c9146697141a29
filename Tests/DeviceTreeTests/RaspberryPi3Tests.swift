import DeviceTree
import Foundation
import XCTest

/// The upstream Raspberry Pi 3 Model B device tree (Linux 6.12's bcm2837-rpi-3-b.dtb, committed
/// under Fixtures/ as the kernel built it; Fixtures/README.md says how), with the values Linux
/// derives from it on QEMU's raspi3b:
///
/// - the root's interrupt-parent is the BCM2835 "armctrl" controller (/soc/interrupt-controller@7e00b200,
///   #interrupt-cells 2: bank and number, no flags cell), itself chained to the BCM2836 per-core
///   controller (/soc/interrupt-controller@40000000), whose interrupt-parent is itself;
/// - /soc has ranges <0x7e000000 0x3f000000 0x1000000>, <0x40000000 0x40000000 0x1000>: the
///   peripherals' bus addresses 0x7e... are CPU addresses 0x3f..., the local controller's stay.
final class RaspberryPi3Tests: XCTestCase {
    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/bcm2837-rpi-3-b.dtb").path
    static let armctrl = "/soc/interrupt-controller@7e00b200"
    static let local = "/soc/interrupt-controller@40000000"

    var tree: DeviceTree!

    override func setUpWithError() throws {
        tree = try DeviceTree(contentsOfFile: Self.fixture)
    }

    /// uart0: reg <0x7e201000 0x200> -> 0x3f201000, 0x200 bytes (less than a page: vfio cannot map
    /// it); interrupts <2 25> on armctrl (bank 2 = GPU interrupts 32-63, so GPU IRQ 57).
    func testPL011UART0() throws {
        let uart = try requireNode(tree, "/soc/serial@7e201000")
        XCTAssertEqual(uart.compatible, ["arm,pl011", "arm,primecell"])
        XCTAssertTrue(uart.isEnabled)
        XCTAssertEqual(try uart.busRegisters(), [MemoryRange(address: 0x7e20_1000, size: 0x200)])
        XCTAssertEqual(try uart.registers(), [MemoryRange(address: 0x3f20_1000, size: 0x200)])
        XCTAssertEqual(try uart.linuxDeviceName(), "3f201000.serial")
        XCTAssertEqual(try uart.u32("arm,primecell-periphid"), 0x0024_1011)
        let interrupts = try uart.interrupts()
        XCTAssertEqual(interrupts.map(\.controllerPath), [Self.armctrl])
        XCTAssertEqual(interrupts.map(\.cells), [[2, 25]])
        XCTAssertNil(interrupts[0].gic, "armctrl is not a GIC: its cells are <bank number>")
        XCTAssertEqual(try uart.interruptParent()?.path, Self.armctrl)
        XCTAssertEqual(tree.node(atPath: "/aliases").flatMap { try? $0.string("serial0") }, "/soc/serial@7e201000")
    }

    /// The system timer: reg <0x7e003000 0x1000> -> 3f003000.timer; its four compare channels are
    /// armctrl bank 1 numbers 0-3.
    func testSystemTimer() throws {
        let timers = tree.nodes(compatibleWith: "brcm,bcm2835-system-timer")
        XCTAssertEqual(timers.map(\.path), ["/soc/timer@7e003000"])
        let timer = try XCTUnwrap(timers.first)
        XCTAssertEqual(try timer.registers(), [MemoryRange(address: 0x3f00_3000, size: 0x1000)])
        XCTAssertEqual(try timer.linuxDeviceName(), "3f003000.timer")
        let interrupts = try timer.interrupts()
        XCTAssertEqual(interrupts.map(\.cells), [[1, 0], [1, 1], [1, 2], [1, 3]])
        XCTAssertEqual(Set(interrupts.map(\.controllerPath)), [Self.armctrl])
    }

    /// The mini UART, the console (stdout-path serial1): 3f215040.serial, armctrl <1 29> (AUX).
    func testMiniUARTConsole() throws {
        XCTAssertEqual(try tree.node(atPath: "/chosen")?.string("stdout-path"), "serial1:115200n8")
        let mini = try requireNode(tree, "/soc/serial@7e215040")
        XCTAssertEqual(mini.compatible, ["brcm,bcm2835-aux-uart"])
        XCTAssertEqual(try mini.linuxDeviceName(), "3f215040.serial")
        XCTAssertEqual(try mini.interrupts().map(\.cells), [[1, 29]])
    }

    /// The chain: armctrl's own output is <8 4> on the per-core controller (its GPU interrupt
    /// input), and the per-core controller names itself as its parent, the root of the tree, as
    /// Linux's of_irq_find_parent accepts. The architected timer's PPIs go to it directly.
    func testInterruptControllerChain() throws {
        let armctrl = try requireNode(tree, Self.armctrl)
        XCTAssertEqual(armctrl.compatible, ["brcm,bcm2836-armctrl-ic"])
        XCTAssertEqual(try armctrl.interrupts().map(\.controllerPath), [Self.local])
        XCTAssertEqual(try armctrl.interrupts().map(\.cells), [[8, 4]])
        let local = try requireNode(tree, Self.local)
        XCTAssertEqual(local.compatible, ["brcm,bcm2836-l1-intc"])
        XCTAssertEqual(try local.interruptParent()?.path, Self.local, "a controller whose interrupt-parent is itself")
        XCTAssertEqual(try local.interrupts(), [])
        XCTAssertEqual(try local.registers(), [MemoryRange(address: 0x4000_0000, size: 0x100)], "the second soc range maps it 1:1")
        XCTAssertEqual(try local.linuxDeviceName(), "40000000.interrupt-controller")
        let timer = try requireNode(tree, "/timer")
        XCTAssertEqual(try timer.interrupts().map(\.cells), [[0, 4], [1, 4], [3, 4], [2, 4]])
        XCTAssertEqual(Set(try timer.interrupts().map(\.controllerPath)), [Self.local])
    }

    /// Every node's interrupts resolve, and every enabled SoC device with `reg` is named by its
    /// CPU address: 0x3f... (or the per-core controller's 0x40000000), never a 0x7e... bus address.
    func testEverySoCDeviceTranslatesAndResolves() throws {
        let soc = try requireNode(tree, "/soc")
        var named: [String] = []
        for node in tree.allNodes() {
            _ = try node.interrupts()
            guard node.parent == soc, node.isEnabled, node.hasProperty("reg") else { continue }
            let name = try node.linuxDeviceName()
            XCTAssertTrue(name.hasPrefix("3f") || name.hasPrefix("40000000."), "\(node.path) is named \(name)")
            named.append(name)
        }
        XCTAssertEqual(Set(named).count, named.count, "Linux device names are unique: \(named)")
        // The PM block has two reg entries (pm, asb): its name comes from the first.
        XCTAssertTrue(named.contains("3f100000.watchdog"), "\(named)")
        XCTAssertTrue(named.contains("3f00b880.mailbox"), "\(named)")
    }
}
