// reg-bench: what a register access through the generated accessors costs compared with the same
// loop hand-written in C with volatile pointers (Benchmarks/CRegLoop), on a PL011 block bound to
// MappedRegisterBus over plain allocated memory: the bus VFIODevice gives drivers for a mapped
// region (volatile accesses, plus the reference that keeps the region mapped).
//
//   swift build -c release --product reg-bench
//   .build/release/reg-bench                         timing of every loop (informative only)
//   .build/release/reg-bench --run LOOP N            run one loop N times (for callgrind)
//
// LOOP is swift-read, swift-write, swift-modify, swift-putc or the same with c- in front.
// scripts/bench.sh runs each under `valgrind --tool=callgrind` with N and 2N iterations: the
// difference of the two totals is the cost of N iterations with startup cancelled out.
//
// The loops (Benchmarks/RegLoops, shared with the armv7 count of scripts/bench-armv7.sh; one
// iteration each, loop counter and branch included, the same in both languages):
//   read    `uart.fr.read().txff`, counted                      1 volatile load
//   write   `uart.cr.write { uarten = true; txe = i & 1 }`      1 volatile store
//   modify  `uart.lcrH.modify { fen.toggle() }`                 1 volatile load + 1 store
//   putc    `while uart.fr.read().txff {}; uart.dr.write { data = i }`   1 load + 1 store

import CLinux
import CRegLoop
import Glibc
import Peripherals
import RegLoops
import Registers

/// What owns the mapping in a real driver: the VFIO region. Here, an object standing in for it.
final class MappingOwner {}
let mappingOwner = MappingOwner()

/// Each loop by name, with the number of volatile accesses one iteration makes.
let loops: [(name: String, accesses: Int, run: (UnsafeMutableRawPointer, Int) -> UInt32)] = [
    ("swift-read", 1, { swiftRead(PL011(bus: MappedRegisterBus(base: $0, owner: mappingOwner)), $1) }),
    ("swift-write", 1, { swiftWrite(PL011(bus: MappedRegisterBus(base: $0, owner: mappingOwner)), $1); return 0 }),
    ("swift-modify", 2, { swiftModify(PL011(bus: MappedRegisterBus(base: $0, owner: mappingOwner)), $1); return 0 }),
    ("swift-putc", 2, { swiftPutc(PL011(bus: MappedRegisterBus(base: $0, owner: mappingOwner)), $1); return 0 }),
    ("c-read", 1, { cregloop_read($0, $1) }),
    ("c-write", 1, { cregloop_write($0, $1); return 0 }),
    ("c-modify", 2, { cregloop_modify($0, $1); return 0 }),
    ("c-putc", 2, { cregloop_putc($0, $1); return 0 }),
]

@MainActor
func usage() -> Never {
    print("usage: reg-bench [--run LOOP N]   LOOP: " + loops.map(\.name).joined(separator: ", "))
    exit(2)
}

// Plain memory standing in for the device: zeroed, so TXFF reads as 0 and putc never waits.
let block = UnsafeMutableRawPointer.allocate(byteCount: PL011<MappedRegisterBus>.extent, alignment: 4096)
block.initializeMemory(as: UInt8.self, repeating: 0, count: PL011<MappedRegisterBus>.extent)

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "--run" {
    guard arguments.count == 3, let loop = loops.first(where: { $0.name == arguments[1] }),
          let n = Int(arguments[2]), n >= 0 else { usage() }
    let result = loop.run(block, n)
    print("reg-bench: \(loop.name) x\(n): \(result)")
} else if arguments.isEmpty {
    #if DEBUG
    print("reg-bench: this is a debug build; measure with `swift build -c release`")
    #endif
    let n = 10_000_000
    for loop in loops {
        var best = UInt64.max
        for _ in 0..<5 {
            let start = clinux_monotonic_ns()
            _ = loop.run(block, n)
            best = min(best, clinux_monotonic_ns() - start)
        }
        let perIteration = Double(best) / Double(n)
        let name = loop.name + String(repeating: " ", count: max(0, 14 - loop.name.count))
        print("\(name) \(perIteration) ns/iteration (best of 5, \(n) iterations)")
    }
} else {
    usage()
}
block.deallocate()
