// The four PL011 register loops of the benchmarks, in Swift: reg-bench runs them on the host
// (callgrind counts), and reg-loops links them into an Embedded armv7 binary whose compiled loop
// bodies scripts/bench-armv7.sh counts, against Benchmarks/CRegLoop's C loops built alike.
import Peripherals
import Registers

/// `uart.fr.read().txff`, counted: one volatile load per iteration.
@inline(never)
public func swiftRead(_ uart: PL011<MappedRegisterBus>, _ n: Int) -> UInt32 {
    var count: UInt32 = 0
    for _ in 0..<n where uart.fr.read().txff {
        count &+= 1
    }
    return count
}

/// `uart.cr.write { uarten = true; txe = i & 1 }`: one volatile store per iteration.
@inline(never)
public func swiftWrite(_ uart: PL011<MappedRegisterBus>, _ n: Int) {
    for i in 0..<n {
        uart.cr.write {
            $0.uarten = true
            $0.txe = i & 1 != 0
        }
    }
}

/// `uart.lcrH.modify { fen.toggle() }`: one volatile load and one store per iteration.
@inline(never)
public func swiftModify(_ uart: PL011<MappedRegisterBus>, _ n: Int) {
    for _ in 0..<n {
        uart.lcrH.modify { $0.fen.toggle() }
    }
}

/// `while uart.fr.read().txff {}; uart.dr.write { data = i }`: one load and one store per iteration.
@inline(never)
public func swiftPutc(_ uart: PL011<MappedRegisterBus>, _ n: Int) {
    for i in 0..<n {
        while uart.fr.read().txff {}
        uart.dr.write { $0.data = UInt8(truncatingIfNeeded: i) }
    }
}
