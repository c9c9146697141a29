// reg-loops: the PL011 register loops of Benchmarks/RegLoops and Benchmarks/CRegLoop in one
// Embedded Swift program, so that the board toolset compiles both as a driver's code is
// compiled (scripts/bench-armv7.sh counts the instructions of each loop body in the armv7
// binary). Run, it takes each loop through a few iterations on plain memory and prints the
// results.
import CLinux
import CRegLoop
import Peripherals
import RegLoops
import Registers

/// Stands in for the VFIO region that keeps a real mapping alive.
final class MappingOwner {}

@main
struct RegLoopsProgram {
    static func main() {
        let owner = MappingOwner()
        let block = UnsafeMutableRawPointer.allocate(byteCount: PL011<MappedRegisterBus>.extent, alignment: 4096)
        block.initializeMemory(as: UInt8.self, repeating: 0, count: PL011<MappedRegisterBus>.extent)
        let uart = PL011(bus: MappedRegisterBus(base: block, owner: owner))
        // A count the optimizer cannot know, so that neither loop is unrolled for a constant.
        let n = 8 + Int(clinux_monotonic_ns() & 1)
        var total = swiftRead(uart, n)
        swiftWrite(uart, n)
        swiftModify(uart, n)
        swiftPutc(uart, n)
        total &+= cregloop_read(block, n)
        cregloop_write(block, n)
        cregloop_modify(block, n)
        cregloop_putc(block, n)
        print("reg-loops: \(n) iterations of each loop, \(total) TXFF reads set")
        block.deallocate()
    }
}
