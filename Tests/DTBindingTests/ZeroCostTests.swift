import DTBinding
import Foundation
import XCTest

/// Generated accessors on `MemoryRegisterBus`, and on `MappedRegisterBus` (the bus `VFIODevice`
/// gives drivers for a mapped region), cost nothing: after -O each read, write or modify
/// of a field is exactly one volatile load and/or one volatile store, at a constant offset from
/// the base pointer, with no calls. Checked on the LLVM IR of a client of the real generated code.
final class ZeroCostTests: XCTestCase {
    /// The client functions over `bus`: `MemoryRegisterBus` (bare memory) and `MappedRegisterBus`
    /// (what `VFIODevice` gives drivers for a mapped region: the same accesses, plus the
    /// reference that keeps the region mapped, which must cost nothing per access).
    static func client(bus: String, prefix: String) -> String {
        let memory = bus == "MemoryRegisterBus"
        let make = memory ? "MemoryRegisterBus(base: base)" : "MappedRegisterBus(base: base, owner: owner)"
        // The memory variants take no owner: with one they would be the same machine code as the
        // mapped ones, and LLVM would merge them into a call.
        let owner = memory ? "" : ", _ owner: AnyObject"
        return """
        public func \(prefix)pl011_tx_full(_ base: UnsafeMutableRawPointer\(owner)) -> Bool {
            PL011(bus: \(make)).fr.read().txff
        }
        public func \(prefix)pl011_enable(_ base: UnsafeMutableRawPointer\(owner)) {
            PL011(bus: \(make)).cr.write { $0.uarten = true }
        }
        public func \(prefix)pl011_set_word_length(_ base: UnsafeMutableRawPointer\(owner)) {
            PL011(bus: \(make)).lcrH.modify { $0.wlen = .eight }
        }
        public func \(prefix)pl011_put(_ base: UnsafeMutableRawPointer, _ byte: UInt8\(owner)) {
            PL011(bus: \(make)).dr.write { $0.data = byte }
        }
        public func \(prefix)pl011_ack_rx(_ base: UnsafeMutableRawPointer\(owner)) {
            PL011(bus: \(make)).icr.write { $0.rx = true }
        }
        public func \(prefix)sp804_start_timer2(_ base: UnsafeMutableRawPointer\(owner)) {
            SP804(bus: \(make)).timer(1).control.modify { $0.timeren = true }
        }
        public func \(prefix)pl061_read_all(_ base: UnsafeMutableRawPointer\(owner)) -> UInt8 {
            PL061(bus: \(make)).data(0xFF).read().lines
        }
        public func \(prefix)fwcfg_select(_ base: UnsafeMutableRawPointer, _ key: UInt16\(owner)) {
            FwCfg(bus: \(make)).selector.write { $0.key = key }
        }
        /// A driver's loop on a block it holds: no reference counting per access either.
        public func \(prefix)pl011_drain(_ uart: PL011<\(bus)>) {
            while uart.fr.read().txff {}
        }

        """
    }

    static let client = "import Peripherals\nimport Registers\n\n" + client(bus: "MemoryRegisterBus", prefix: "memory_")
        + client(bus: "MappedRegisterBus", prefix: "mapped_")

    /// (function, volatile loads, volatile stores, byte offset)
    static let expectations: [(String, Int, Int, Int)] = [
        ("pl011_tx_full", 1, 0, 0x18),
        ("pl011_enable", 0, 1, 0x30),
        ("pl011_set_word_length", 1, 1, 0x2C),
        ("pl011_put", 0, 1, 0x00),
        ("pl011_ack_rx", 0, 1, 0x44),
        ("sp804_start_timer2", 1, 1, 0x28),
        ("pl061_read_all", 1, 0, 0x3FC),
        ("fwcfg_select", 0, 1, 0x08),
    ]

    func compile(_ arguments: [String]) throws {
        let swiftc = TestEnvironment.tool("swiftc") ?? "/opt/swift/usr/bin/swiftc"
        let result = try TestEnvironment.run(swiftc, arguments)
        if result.status != 0 { throw TestEnvironment.DTCError(message: result.stderr + result.stdout, source: arguments.joined(separator: " ")) }
    }

    /// The body of `define ... @name(...)` in `ir`.
    func function(_ name: String, in ir: String) -> String? {
        let lines = ir.split(separator: "\n", omittingEmptySubsequences: false)
        // A public Swift function of module Client: its mangled name holds "6Client", then the name
        // with its length in front.
        let mangled = "6Client\(name.utf8.count)\(name)y"
        guard let start = lines.firstIndex(where: { $0.hasPrefix("define ") && $0.contains(mangled) }) else { return nil }
        guard let end = lines[start...].firstIndex(where: { $0 == "}" }) else { return nil }
        return lines[start...end].joined(separator: "\n")
    }

    /// Function `name` of `ir` makes exactly `loads` volatile loads and `stores` volatile stores at
    /// base + `offset`, nothing else, and calls nothing.
    func check(_ name: String, loads: Int, stores: Int, offset: Int, in ir: String) {
        guard let body = function(name, in: ir) else { return XCTFail("no function \(name) in the IR") }
        let volatileLoads = body.components(separatedBy: "load atomic volatile").count - 1 + body.components(separatedBy: "load volatile").count - 1
        let volatileStores = body.components(separatedBy: "store atomic volatile").count - 1 + body.components(separatedBy: "store volatile").count - 1
        XCTAssertEqual(volatileLoads, loads, "\(name) volatile loads:\n\(body)")
        XCTAssertEqual(volatileStores, stores, "\(name) volatile stores:\n\(body)")
        XCTAssertFalse(body.contains("load i") || body.contains("store i"), "\(name) has non-volatile memory accesses:\n\(body)")
        let calls = body.split(separator: "\n").filter { $0.contains("call ") && !$0.contains("@llvm.") }
        XCTAssertEqual(calls, [], "\(name) calls out:\n\(body)")
        if offset == 0 {
            XCTAssertFalse(body.contains("getelementptr"), "\(name) should access the base pointer itself:\n\(body)")
        } else {
            XCTAssertTrue(body.contains("getelementptr inbounds nuw i8, ptr %0, i64 \(offset)") || body.contains("getelementptr inbounds i8, ptr %0, i64 \(offset)"),
                          "\(name) should access base + \(offset) with a constant offset:\n\(body)")
            XCTAssertEqual(body.components(separatedBy: "getelementptr").count - 1, 1, "\(name): one address computation:\n\(body)")
        }
    }

    func testGeneratedAccessorsAreSingleVolatileAccessesAtConstantOffsets() throws {
        let directory = try TestEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let registers = TestEnvironment.root.appendingPathComponent("Sources/Registers")
        let registerSources = try FileManager.default.contentsOfDirectory(atPath: registers.path)
            .filter { $0.hasSuffix(".swift") }.sorted().map { registers.appendingPathComponent($0).path }
        try compile(["-O", "-wmo", "-parse-as-library"] + TestEnvironment.cmmioInclude + ["-module-name", "Registers",
                     "-emit-module", "-emit-module-path", directory.appendingPathComponent("Registers.swiftmodule").path,
                     "-c", "-o", directory.appendingPathComponent("Registers.o").path] + registerSources)

        let bindings = try BindingLoader().load(["pl011.yaml", "sp804.yaml", "pl061.yaml", "fw-cfg.yaml"].map {
            TestEnvironment.bindingsDirectory.appendingPathComponent($0).path
        })
        var generated: [String] = []
        for (name, contents) in BindingGeneration.files(for: bindings, includesConfig: false) {
            let path = directory.appendingPathComponent(name).path
            try contents.write(toFile: path, atomically: true, encoding: .utf8)
            generated.append(path)
        }
        try compile(["-O", "-wmo", "-parse-as-library", "-I", directory.path] + TestEnvironment.cmmioInclude + ["-module-name", "Peripherals",
                     "-emit-module", "-emit-module-path", directory.appendingPathComponent("Peripherals.swiftmodule").path,
                     "-c", "-o", directory.appendingPathComponent("Peripherals.o").path] + generated)

        let client = directory.appendingPathComponent("Client.swift")
        try Self.client.write(to: client, atomically: true, encoding: .utf8)
        let irPath = directory.appendingPathComponent("Client.ll")
        try compile(["-O", "-parse-as-library", "-I", directory.path] + TestEnvironment.cmmioInclude + ["-module-name", "Client", "-emit-ir", client.path, "-o", irPath.path])
        let ir = try String(contentsOf: irPath, encoding: .utf8)

        for prefix in ["memory_", "mapped_"] {
            for (bare, loads, stores, offset) in Self.expectations {
                check(prefix + bare, loads: loads, stores: stores, offset: offset, in: ir)
            }
        }
        // The big-endian selector is byte-swapped in registers, not in memory.
        for prefix in ["memory_", "mapped_"] {
            let select = try XCTUnwrap(function(prefix + "fwcfg_select", in: ir))
            XCTAssertTrue(select.contains("store volatile i16"), select)
            XCTAssertTrue(select.contains("@llvm.bswap.i16") || select.contains("shl") || select.contains("lshr"), select)
            // The loop of a driver holding a block: one volatile load per iteration, no call
            // (no swift_retain/release of the mapping's owner).
            let drain = try XCTUnwrap(function(prefix + "pl011_drain", in: ir))
            XCTAssertEqual(drain.components(separatedBy: "load volatile").count - 1 + drain.components(separatedBy: "load atomic volatile").count - 1, 1, drain)
            XCTAssertEqual(drain.split(separator: "\n").filter { $0.contains("call ") && !$0.contains("@llvm.") }, [], drain)
        }
    }
}
