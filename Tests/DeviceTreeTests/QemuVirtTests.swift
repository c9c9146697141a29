import DeviceTree
import XCTest

/// Expected values derived by hand from dts/qemu-virt.dts (QEMU 7.2 virt, cortex-a57).
///
/// The root has #address-cells = <2>, #size-cells = <2> and interrupt-parent = <&gic>
/// (phandle 0x8002, /intc@8000000, compatible "arm,cortex-a15-gic", #interrupt-cells = <3>).
/// Top-level nodes sit directly under the root, so their `reg` needs no translation: a reg of
/// <0x0 A 0x0 S> is address A, size S.
final class QemuVirtTests: XCTestCase {
    var tree: DeviceTree!

    override func setUpWithError() throws {
        tree = try Fixtures.tree("qemu-virt.dts")
    }

    /// pl011@9000000: reg = <0x00 0x9000000 0x00 0x1000> -> 0x9000000 / 0x1000;
    /// interrupts = <0x00 0x01 0x04>, parent inherited from the root (no interrupt-parent of its
    /// own; the root's points at the GIC) -> SPI 1 (cell 0 = 0), level high (flags 4);
    /// Linux name "<9000000>.<pl011>".
    func testPL011() throws {
        let uart = try requireNode(tree, "/pl011@9000000")
        XCTAssertEqual(uart.name, "pl011@9000000")
        XCTAssertEqual(uart.baseName, "pl011")
        XCTAssertEqual(uart.unitAddress, "9000000")
        XCTAssertEqual(uart.path, "/pl011@9000000")
        XCTAssertEqual(uart.compatible, ["arm,pl011", "arm,primecell"])
        XCTAssertEqual(uart.status, .okay)
        XCTAssertEqual(try uart.registers(), [MemoryRange(address: 0x900_0000, size: 0x1000)])
        XCTAssertEqual(try uart.linuxDeviceName(), "9000000.pl011")

        let interrupts = try uart.interrupts()
        XCTAssertEqual(interrupts.count, 1)
        XCTAssertEqual(interrupts[0].controllerPath, "/intc@8000000")
        XCTAssertEqual(interrupts[0].cells, [0, 1, 4])
        XCTAssertEqual(interrupts[0].gic, GICInterrupt(kind: .spi, number: 1, trigger: .levelHigh))
        XCTAssertEqual(interrupts[0].gic?.intid, 33)  // SPIs start at INTID 32
        XCTAssertEqual(try uart.interruptParent()?.path, "/intc@8000000")
    }

    /// virtio_mmio@a000000: interrupts = <0x00 0x10 0x01> -> SPI 16, edge rising; reg 0xa000000/0x200.
    func testVirtioMMIO() throws {
        let virtio = try requireNode(tree, "/virtio_mmio@a000000")
        XCTAssertEqual(try virtio.registers(), [MemoryRange(address: 0xa00_0000, size: 0x200)])
        XCTAssertEqual(try virtio.interrupts().map(\.gic), [GICInterrupt(kind: .spi, number: 16, trigger: .edgeRising)])
        XCTAssertEqual(try virtio.linuxDeviceName(), "a000000.virtio_mmio")
        // 32 transports a000000, a000200, ... a003e00 (0x3e00 / 0x200 + 1).
        XCTAssertEqual(tree.nodes(compatibleWith: "virtio,mmio").count, 32)
    }

    /// timer: interrupts = <1 0xd 0x104  1 0xe 0x104  1 0xb 0x104  1 0xa 0x104>: four PPIs
    /// (cell 0 = 1) 13, 14, 11, 10; flags 0x104 = level high (4) with CPU mask 0x01 in bits 8-15.
    /// PPI INTIDs are 16 + number: 29, 30, 27, 26.
    func testTimerPPIs() throws {
        let timer = try requireNode(tree, "/timer")
        let decoded = try timer.interrupts().compactMap(\.gic)
        XCTAssertEqual(decoded.map(\.kind), [.ppi, .ppi, .ppi, .ppi])
        XCTAssertEqual(decoded.map(\.number), [13, 14, 11, 10])
        XCTAssertEqual(decoded.map(\.trigger), [.levelHigh, .levelHigh, .levelHigh, .levelHigh])
        XCTAssertEqual(decoded.map(\.cpuMask), [1, 1, 1, 1])
        XCTAssertEqual(decoded.map(\.intid), [29, 30, 27, 26])
        // No reg anywhere up to the root: the name is the node's own name.
        XCTAssertEqual(try timer.linuxDeviceName(), "timer")
    }

    /// flash@0: reg = <0 0 0 0x4000000  0 0x4000000 0 0x4000000>: two banks of 64 MiB.
    /// Linux names it after the first: "0.flash".
    func testFlashTwoRegions() throws {
        let flash = try requireNode(tree, "/flash@0")
        XCTAssertEqual(try flash.registers(), [
            MemoryRange(address: 0, size: 0x400_0000),
            MemoryRange(address: 0x400_0000, size: 0x400_0000),
        ])
        XCTAssertEqual(try flash.linuxDeviceName(), "0.flash")
    }

    /// intc@8000000 has `ranges;` (empty: identity) and #address-cells/#size-cells 2/2, so
    /// v2m@8020000's reg <0 0x8020000 0 0x1000> stays 0x8020000 / 0x1000.
    func testGICAndV2MThroughEmptyRanges() throws {
        let gic = try requireNode(tree, "/intc@8000000")
        XCTAssertEqual(try gic.registers(), [
            MemoryRange(address: 0x800_0000, size: 0x1_0000),
            MemoryRange(address: 0x801_0000, size: 0x1_0000),
        ])
        let v2m = try requireNode(tree, "/intc@8000000/v2m@8020000")
        XCTAssertEqual(try v2m.registers(), [MemoryRange(address: 0x802_0000, size: 0x1000)])
        XCTAssertEqual(try v2m.linuxDeviceName(), "8020000.v2m")
        XCTAssertEqual(v2m.parent, gic)
        XCTAssertEqual(tree.node(phandle: 0x8002), gic)
        XCTAssertEqual(tree.node(phandle: 0x8003), v2m)
        XCTAssertEqual(tree.node(label: "gic"), gic)  // from /__symbols__ (dtc -@)
    }

    /// pcie@10000000: reg = <0x40 0x10000000 0 0x10000000> -> 0x40_1000_0000 (ECAM) / 256 MiB.
    func testPCIeRegister() throws {
        let pcie = try requireNode(tree, "/pcie@10000000")
        XCTAssertEqual(try pcie.registers(), [MemoryRange(address: 0x40_1000_0000, size: 0x1000_0000)])
        XCTAssertEqual(try pcie.linuxDeviceName(), "4010000000.pcie")
    }

    /// The PCI host bridge is an interrupt nexus: #address-cells 3, #interrupt-cells 1,
    /// interrupt-map-mask <0x1800 0 0 7> keeps the device number (bits 11-12 of phys.hi) and
    /// the pin. Device 1 (phys.hi 1 << 11 = 0x800), INTA (1): the entry
    /// <0x800 0 0 1 &gic 0 0 0 4 4> -> GIC unit address <0 0> (its #address-cells is 2),
    /// specifier <0 4 4> = SPI 4 level high. Device 3 (0x1800) INTD (4): <... 0 5 4> = SPI 5.
    /// (QEMU swizzles: SPI 3 + (device + pin - 1) % 4.) Extra phys.mid/lo bits are masked off.
    func testPCIInterruptMap() throws {
        let pcie = try requireNode(tree, "/pcie@10000000")
        let inta = try pcie.mapInterrupt(specifier: [1], unitAddress: [0x800, 0, 0])
        XCTAssertEqual(inta.controllerPath, "/intc@8000000")
        XCTAssertEqual(inta.cells, [0, 4, 4])
        XCTAssertEqual(inta.gic, GICInterrupt(kind: .spi, number: 4, trigger: .levelHigh))
        let intd = try pcie.mapInterrupt(specifier: [4], unitAddress: [0x1800, 0x1234, 0x5678])
        XCTAssertEqual(intd.cells, [0, 5, 4])
        // Function bits (8-10) are masked off too: device 1 function 2 still gets SPI 4.
        XCTAssertEqual(try pcie.mapInterrupt(specifier: [1], unitAddress: [0x800 | 0x200, 0, 0]).cells, [0, 4, 4])
    }

    /// cpus has #address-cells 1, #size-cells 0: cpu@0's reg <0> is an ID, not memory.
    /// registers() refuses it (Linux needs a size cell to translate); the Linux name then uses
    /// the names up to the root: "cpus:cpu@0".
    func testCPUHasNoMemoryRegisters() throws {
        let cpu = try requireNode(tree, "/cpus/cpu@0")
        XCTAssertEqual(try cpu.busRegisters(), [MemoryRange(address: 0, size: 0)])
        XCTAssertThrows(.untranslatableAddress(
            node: "/cpus/cpu@0", address: 0, bus: "/cpus",
            reason: "#address-cells 1 and #size-cells 0 do not describe a memory-mapped bus (translation needs 1 to 4 address cells and at least one size cell)")) {
            () throws(DeviceTreeError) in try cpu.registers()
        }
        XCTAssertEqual(try cpu.linuxDeviceName(), "cpus:cpu@0")
        XCTAssertEqual(tree.node(label: "cpu0"), cpu)
    }

    /// Nodes without reg: gpio-keys/poweroff -> "gpio-keys:poweroff"; platform-bus@c000000 keeps
    /// its unit address because Linux uses the full name when reg is missing.
    func testNamesWithoutReg() throws {
        XCTAssertEqual(try requireNode(tree, "/gpio-keys/poweroff").linuxDeviceName(), "gpio-keys:poweroff")
        XCTAssertEqual(try requireNode(tree, "/platform-bus@c000000").linuxDeviceName(), "platform-bus@c000000")
        XCTAssertEqual(try requireNode(tree, "/memory@40000000").linuxDeviceName(), "40000000.memory")
        XCTAssertThrows(.unsupportedNode(node: "/", reason: "the root node has no Linux device name")) {
            () throws(DeviceTreeError) in try tree.root.linuxDeviceName()
        }
    }

    /// poweroff's gpios = <&gpio 3 0>: the first cell is the PL061's phandle 0x8004.
    func testPhandleReaders() throws {
        let poweroff = try requireNode(tree, "/gpio-keys/poweroff")
        XCTAssertEqual(try poweroff.cells("gpios"), [0x8004, 3, 0])
        XCTAssertEqual(try poweroff.string("label"), "GPIO Key Poweroff")
        XCTAssertEqual(try poweroff.u32("linux,code"), 0x74)
        let core = try requireNode(tree, "/cpus/cpu-map/socket0/cluster0/core0")
        XCTAssertEqual(try core.phandle("cpu")?.path, "/cpus/cpu@0")
        XCTAssertEqual(try requireNode(tree, "/pl061@9030000").phandleValue, 0x8004)
        XCTAssertEqual(try requireNode(tree, "/apb-pclk").u32("clock-frequency"), 24_000_000)
    }

    /// Tree order follows the source: pl061@9030000, pl031@9010000, pl011@9000000 are the
    /// "arm,primecell" nodes, in that order.
    func testCompatibleQueryIsInTreeOrder() {
        XCTAssertEqual(tree.nodes(compatibleWith: "arm,primecell").map(\.path),
                       ["/pl061@9030000", "/pl031@9010000", "/pl011@9000000"])
        XCTAssertEqual(tree.nodes(compatibleWith: "no,such-device"), [])
        XCTAssertEqual(tree.nodes(compatibleWith: "arm,pl01"), [])  // whole strings only, no prefixes
        let ranked = tree.nodes(compatibleWithAnyOf: ["arm,primecell", "arm,pl011"])
        XCTAssertEqual(ranked.map(\.node.baseName), ["pl061", "pl031", "pl011"])
        XCTAssertEqual(ranked.map(\.rank), [1, 1, 0])
    }

    /// Node count by hand: root, psci, memory, platform-bus, fw-cfg (5), 32 virtio_mmio (37),
    /// gpio-keys + poweroff (39), pl061, pcie, pl031, pl011, pmu (44), intc + v2m (46), flash (47),
    /// cpus, cpu-map, socket0, cluster0, core0, cpu@0 (53), timer, apb-pclk, chosen (56), and
    /// __symbols__ added by dtc -@ (57).
    func testAllNodes() throws {
        let all = tree.allNodes()
        XCTAssertEqual(all.count, 57)
        XCTAssertEqual(tree.nodeCount, 57)
        XCTAssertEqual(all.first, tree.root)
        XCTAssertEqual(all[1].path, "/psci")
        XCTAssertEqual(all.last?.path, "/__symbols__")
        XCTAssertEqual(tree.root.path, "/")
        XCTAssertEqual(tree.root.name, "")
        XCTAssertNil(tree.root.parent)
        // All but the root and the 7 nested nodes (poweroff, v2m, cpu-map, socket0, cluster0, core0, cpu@0).
        XCTAssertEqual(tree.root.children.count, 57 - 1 - 7)
        XCTAssertEqual(tree.root.subtree.count, 57)
        XCTAssertEqual(try requireNode(tree, "/cpus").subtree.map(\.name),
                       ["cpus", "cpu-map", "socket0", "cluster0", "core0", "cpu@0"])
    }

    /// chosen's stdout-path = "/pl011@9000000"; virt has no /aliases.
    func testChosenAndAliases() throws {
        XCTAssertEqual(try tree.chosen?.string("stdout-path"), "/pl011@9000000")
        XCTAssertTrue(tree.aliases.isEmpty)
        XCTAssertNil(tree.node(alias: "serial0"))
        XCTAssertEqual(tree.labels.map(\.name).sorted(), ["apb_pclk", "cpu0", "gic", "gpio", "v2m"])
    }

    /// The unit-address-less lookup of libfdt: "/pl011" finds /pl011@9000000.
    func testPathLookup() throws {
        XCTAssertEqual(tree.node(atPath: "/pl011")?.path, "/pl011@9000000")
        XCTAssertNil(tree.node(atPath: "/nope"))
        XCTAssertNil(tree.node(atPath: ""))
        XCTAssertEqual(tree.node(atPath: "/")?.path, "/")
        XCTAssertEqual(tree.root.child(named: "pl011")?.path, "/pl011@9000000")
    }
}
