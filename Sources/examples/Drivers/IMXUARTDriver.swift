import ProgramSupport
import Peripherals
import Registers
import PlatformCore

/// An interrupt-driven i.MX UART driver: reset, 8N1 at the configured baud, receive by the
/// receiver-ready interrupt (UCR1.RRDYEN with a trigger level of one character; level: drained,
/// then re-armed, which unmasks the line where the kernel automasks it), transmit through the
/// FIFO, polling UTS.TXFULL (a character leaves the FIFO within one character time).
public final class IMXUARTDriver<Device: PlatformDevice> {
    /// The UART's registers.
    public let uart: IMXUART<Device.Bus>
    /// Its interrupt line.
    public let interrupt: Device.Interrupt
    /// Interrupts taken so far.
    public private(set) var interruptCount = 0
    /// Characters received with an error flag (parity, framing, overrun, break).
    public private(set) var receiveErrors = 0
    /// Times the transmitter found its FIFO full.
    public private(set) var transmitWaits = 0

    /// Takes over the UART on `device` and programs it for `rate`.
    public init(device: Device, rate: IMXBaudRate) throws(ProgramError) {
        do {
            uart = try device.registerBlock()
            interrupt = try device.interrupt(0)
        } catch {
            throw .device(error)
        }
        try configure(rate)
    }

    /// Disables and resets the UART (UCR2.SRST low until the UART reads it back high), sets the
    /// FIFO levels, the reference divider and the baud ratio, then enables 8N1 with RTS ignored
    /// and the receiver-ready interrupt.
    public func configure(_ rate: IMXBaudRate) throws(ProgramError) {
        uart.control1.write(.init(rawValue: 0))
        uart.control2.write(.init(rawValue: 0))
        var spins = 0
        while !uart.control2.read().srst || uart.test.read().softrst {
            spins += 1
            if spins > 1_000_000 { throw .behaviour("the i.MX UART stayed in software reset (UCR2.SRST never read back 1)") }
        }
        uart.fifoControl.write {
            $0.rxtl = 1
            $0.txtl = 2
            $0.rfdiv = .div2
        }
        uart.baudIncrement.write { $0.inc = UInt16(rate.numerator - 1) }
        uart.baudModulator.write { $0.mod = UInt16(rate.denominator - 1) }
        uart.oneMillisecond.write { $0.onems = rate.referenceHz / 1000 }
        uart.control3.write { $0.rxdmuxsel = true }
        uart.control4.write(.init(rawValue: 0))
        uart.status1.clear(.init(rawValue: 0xFFFF))
        uart.status2.clear(.init(rawValue: 0xFFFF))
        uart.control2.write {
            $0.srst = true
            $0.rxen = true
            $0.txen = true
            $0.ws = true
            $0.irts = true
        }
        uart.control1.write {
            $0.uarten = true
            $0.rrdyen = true
        }
    }

    /// Moves every character waiting in the receive FIFO to `buffer`; returns how many.
    @discardableResult
    public func drainReceiver(into buffer: inout [UInt8]) -> Int {
        var count = 0
        while uart.status2.read().rdr {
            let character = uart.receive.read()
            guard character.charrdy else { break }
            if character.err { receiveErrors += 1 }
            buffer.append(character.rxData)
            count += 1
        }
        return count
    }

    /// Serves one receiver-ready interrupt without waiting: drains the FIFO into `buffer`
    /// (which clears RRDY), re-arms the line, and drains again for characters that came in
    /// between. For event loops. Returns how many characters were received.
    @discardableResult
    public func serviceInterrupt(into buffer: inout [UInt8]) throws(ProgramError) -> Int {
        interruptCount += 1
        var count = drainReceiver(into: &buffer)
        do { try interrupt.rearm() } catch { throw .device(error) }
        count += drainReceiver(into: &buffer)
        return count
    }

    /// Queues every byte for transmission, waiting while the transmit FIFO is full; throws when
    /// it stays full for a second (a transmitter that is not enabled, or flow control holding it).
    public func transmit(_ bytes: [UInt8]) throws(ProgramError) {
        for byte in bytes {
            if uart.test.read().txfull {
                transmitWaits += 1
                var spins = 0
                while uart.test.read().txfull {
                    spins += 1
                    if spins > 10_000_000 { throw .behaviour("the i.MX UART transmit FIFO stayed full (UCR2 0x\(String(uart.control2.read().rawValue, radix: 16)): is TXEN set, and IRTS or CTS?)") }
                }
            }
            uart.transmit.write { $0.txData = byte }
        }
    }

    /// Interrupts off, the UART disabled: what a driver leaves behind.
    public func quiesce() {
        uart.control1.write(.init(rawValue: 0))
        uart.control4.write(.init(rawValue: 0))
    }
}
