import PlatformSimulation
import PlatformCore

/// A behavioural model of the ARM PL011 UART, close to QEMU's (hw/char/pl011.c): a 32-entry
/// receive FIFO (1 entry with FIFOs off), transmission that completes at once, RX/TX/RT
/// interrupt causes with IMSC masking, and the PrimeCell identification registers.
public final class SimulatedPL011: RegisterModel {
    /// The block is one 4 KiB page.
    public let size = 0x1000
    /// Every byte the driver transmitted, in order.
    public private(set) var transmitted: [UInt8] = []
    private var receiveFIFO: [UInt16] = []
    private var lineControl: UInt32 = 0
    private var control: UInt32 = 0x300
    private var interruptMask: UInt32 = 0
    private var rawInterrupts: UInt32 = 0
    private var integerBaud: UInt32 = 0
    private var fractionalBaud: UInt32 = 0
    private var fifoLevelSelect: UInt32 = 0x12
    private var interrupts: SimulatedInterrupts?

    /// Interrupt cause bits (RIS/MIS/IMSC/ICR).
    enum Cause {
        static let receive: UInt32 = 1 << 4
        static let transmit: UInt32 = 1 << 5
        static let receiveTimeout: UInt32 = 1 << 6
    }

    /// A UART after reset.
    public init() {}

    /// The receive FIFO depth in force: 32 with FIFOs enabled (LCR_H.FEN), else 1.
    public var receiveCapacity: Int { lineControl & (1 << 4) != 0 ? 32 : 1 }

    /// Bytes waiting in the receive FIFO.
    public var receiveCount: Int { receiveFIFO.count }

    /// The baud rate divisor the driver programmed, as IBRD + FBRD/64.
    public var divisor: (integer: UInt32, fraction: UInt32) { (integerBaud, fractionalBaud) }

    /// Offers `bytes` to the receiver as if they arrived on the line; returns how many fit
    /// (the rest would be overrun, as on hardware).
    @discardableResult
    public func receive(_ bytes: [UInt8]) -> Int {
        var accepted = 0
        for byte in bytes where receiveFIFO.count < receiveCapacity {
            receiveFIFO.append(UInt16(byte))
            accepted += 1
        }
        if !receiveFIFO.isEmpty { rawInterrupts |= Cause.receive }
        update()
        return accepted
    }

    public func attach(interrupts: SimulatedInterrupts) { self.interrupts = interrupts }

    private let identification = PrimeCellIdentification(peripheral: [0x11, 0x10, 0x14, 0x00])

    public func read(offset: Int, width: Int) -> UInt64 {
        identification.value(at: offset) ?? UInt64(readRegister(offset))
    }

    private func readRegister(_ offset: Int) -> UInt32 {
        switch offset {
        case 0x000:
            guard !receiveFIFO.isEmpty else { return 0 }
            let value = receiveFIFO.removeFirst()
            if receiveFIFO.isEmpty { rawInterrupts &= ~(Cause.receive | Cause.receiveTimeout) }
            update()
            return UInt32(value)
        case 0x018:
            var flags: UInt32 = 1 << 7 // TXFE: transmission completes at once
            if receiveFIFO.isEmpty { flags |= 1 << 4 } // RXFE
            if receiveFIFO.count >= receiveCapacity { flags |= 1 << 6 } // RXFF
            return flags
        case 0x024: return integerBaud
        case 0x028: return fractionalBaud
        case 0x02C: return lineControl
        case 0x030: return control
        case 0x034: return fifoLevelSelect
        case 0x038: return interruptMask
        case 0x03C: return rawInterrupts
        case 0x040: return rawInterrupts & interruptMask
        default: return 0
        }
    }

    public func write(offset: Int, width: Int, value: UInt64) {
        let value = UInt32(truncatingIfNeeded: value)
        switch offset {
        case 0x000:
            transmitted.append(UInt8(truncatingIfNeeded: value))
            rawInterrupts |= Cause.transmit
        case 0x024: integerBaud = value & 0xFFFF
        case 0x028: fractionalBaud = value & 0x3F
        case 0x02C:
            if (value ^ lineControl) & (1 << 4) != 0 { receiveFIFO.removeAll() }
            lineControl = value
        case 0x030: control = value
        case 0x034: fifoLevelSelect = value
        case 0x038: interruptMask = value & 0x7FF
        case 0x044: rawInterrupts &= ~value
        default: break
        }
        update()
    }

    private func update() {
        interrupts?.setLevel(rawInterrupts & interruptMask != 0, line: 0)
    }
}
