import PlatformSimulation
import PlatformCore

/// A behavioural model of the i.MX UART (as QEMU's hw/char/imx_serial.c, with a 32-character
/// receive FIFO as on the hardware): a write to UTXD is sent at once (`transmitted`), characters
/// fed with `receive(_:)` wait in the FIFO, USR1.RRDY follows the receiver trigger level,
/// USR2.RDR and UTS.RXEMPTY the FIFO, and the one interrupt is raised for RRDY & RRDYEN,
/// TRDY & TRDYEN, RDR & DREN or TXFE & TXMPTYEN. Writing UCR2 with SRST low resets the UART,
/// and SRST reads 1 again at once.
public final class SimulatedIMXUART: RegisterModel {
    /// The 16 KiB window of the device tree.
    public let size = 0x4000
    /// Every character written to UTXD while the transmitter was enabled.
    public private(set) var transmitted: [UInt8] = []
    /// How many software resets (UCR2.SRST written 0) there were.
    public private(set) var resets = 0
    private var fifo: [UInt8] = []
    private var ucr1: UInt32 = 0
    private var ucr2: UInt32 = 0x1
    private var ucr3: UInt32 = 0x700
    private var ucr4: UInt32 = 0
    private var ufcr: UInt32 = 0x801
    private var ubir: UInt32 = 0
    private var ubmr: UInt32 = 0
    private var onems: UInt32 = 0
    private var interrupts: SimulatedInterrupts?

    /// The capacity of the receive FIFO.
    public static let fifoDepth = 32

    /// A UART after reset.
    public init() {}

    public func attach(interrupts: SimulatedInterrupts) { self.interrupts = interrupts }

    /// Characters arriving on the line: queued while the receiver is enabled and the FIFO has
    /// room (the rest are lost, as on an overrun). Returns how many were taken.
    @discardableResult
    public func receive(_ characters: [UInt8]) -> Int {
        guard ucr2 & 0x2 != 0 else { return 0 }
        let taken = min(characters.count, Self.fifoDepth - fifo.count)
        fifo.append(contentsOf: characters.prefix(taken))
        update()
        return taken
    }

    /// The UBIR and UBMR values last written.
    public var baudRatio: (increment: UInt32, modulator: UInt32) { (ubir, ubmr) }

    private var triggerLevel: Int { Int(ufcr & 0x3F) }
    private var receiverReady: Bool { !fifo.isEmpty && fifo.count >= max(triggerLevel, 1) }
    private var usr1: UInt32 { (receiverReady ? 1 << 9 : 0) | 1 << 13 }
    private var usr2: UInt32 { (fifo.isEmpty ? 0 : 1) | 1 << 3 | 1 << 14 }
    private var uts: UInt32 { (fifo.isEmpty ? 1 << 5 : 0) | 1 << 6 | (fifo.count == Self.fifoDepth ? 1 << 3 : 0) }

    public func read(offset: Int, width: Int) -> UInt64 {
        switch offset {
        case 0x00:
            guard !fifo.isEmpty else { return 0 }
            let character = fifo.removeFirst()
            update()
            return UInt64(1 << 15 | UInt32(character))
        case 0x80: return UInt64(ucr1)
        case 0x84: return UInt64(ucr2)
        case 0x88: return UInt64(ucr3)
        case 0x8C: return UInt64(ucr4)
        case 0x90: return UInt64(ufcr)
        case 0x94: return UInt64(usr1)
        case 0x98: return UInt64(usr2)
        case 0xA4: return UInt64(ubir)
        case 0xA8: return UInt64(ubmr)
        case 0xB0: return UInt64(onems)
        case 0xB4: return UInt64(uts)
        default: return 0
        }
    }

    public func write(offset: Int, width: Int, value: UInt64) {
        let value = UInt32(truncatingIfNeeded: value) & 0xFFFF
        switch offset {
        case 0x40:
            if ucr2 & 0x4 != 0 { transmitted.append(UInt8(truncatingIfNeeded: value)) }
        case 0x80: ucr1 = value
        case 0x84:
            if value & 0x1 == 0 {
                reset()
                ucr2 = value | 0x1
            } else {
                ucr2 = value
            }
        case 0x88: ucr3 = value
        case 0x8C: ucr4 = value
        case 0x90: ufcr = value
        case 0xA4: ubir = value
        case 0xA8: ubmr = value
        case 0xB0: onems = value
        default: break
        }
        update()
    }

    private func reset() {
        resets += 1
        fifo.removeAll()
        ucr1 = 0
        ucr3 = 0x700
        ucr4 = 0
        ufcr = 0x801
    }

    private func update() {
        let first = usr1 & ucr1 & (1 << 9 | 1 << 13) != 0
        let second = (usr2 & ucr4 & 0x1 != 0) || (ucr1 & (1 << 6) != 0 && usr2 & (1 << 14) != 0)
        interrupts?.setLevel(first || second, line: 0)
    }
}
