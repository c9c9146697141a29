import ProgramSupport
import ByteText
import CLinux
import Peripherals
import Registers
import PlatformCore
import VFIOPlatform

/// An interrupt-driven PL011 UART driver: FIFOs on, 8N1 at the configured baud, receive by the
/// RX and receive-timeout interrupts (level: cleared in ICR, then re-armed, which unmasks the
/// line where the kernel automasks it), transmit through the FIFO, waiting on the TX interrupt
/// when it is full.
public final class PL011Driver<Device: PlatformDevice> {
    /// The device the UART is on.
    public let device: Device
    /// The UART's registers.
    public let uart: PL011<Device.Bus>
    /// Its interrupt line.
    public let interrupt: Device.Interrupt
    /// Interrupts taken so far.
    public private(set) var interruptCount = 0
    /// Times the transmitter had to wait for FIFO space.
    public private(set) var transmitWaits = 0

    /// Takes over the UART on `device` and programs it with `settings`.
    public init(device: Device, settings: UARTSettings) throws(ProgramError) {
        self.device = device
        do {
            uart = try device.registerBlock()
            interrupt = try device.interrupt(0)
        } catch {
            throw .device(error)
        }
        configure(settings)
    }

    /// Disables the UART, sets the divisor and line format, clears and unmasks the receive
    /// interrupts, and enables transmitter and receiver.
    public func configure(_ settings: UARTSettings) {
        uart.cr.write { $0.uarten = false }
        while uart.fr.read().busy {}
        let divisor = settings.divisor
        uart.ibrd.write { $0.baudDivint = divisor.integer }
        uart.fbrd.write { $0.baudDivfrac = divisor.fraction }
        uart.lcrH.write { $0.wlen = .eight; $0.fen = true }
        uart.icr.write(.init(rawValue: 0x7FF))
        uart.imsc.write { $0.rx = true; $0.rt = true }
        uart.cr.write { $0.uarten = true; $0.txe = true; $0.rxe = true }
    }

    /// Moves every byte waiting in the receive FIFO to `buffer`; returns how many.
    @discardableResult
    public func drainReceiver(into buffer: inout [UInt8]) -> Int {
        var count = 0
        while !uart.fr.read().rxfe {
            buffer.append(uart.dr.read().data)
            count += 1
        }
        return count
    }

    /// Waits up to `milliseconds` for received data; appends it to `buffer` and re-arms the
    /// interrupt. Returns the number of bytes received (0 only when the time ran out).
    ///
    /// An interrupt can find the FIFO already empty (its bytes were drained after an earlier
    /// one), so waiting goes on until data arrives or the deadline passes.
    public func receive(into buffer: inout [UInt8], milliseconds: Int32) throws(ProgramError) -> Int {
        let deadline = clinux_monotonic_ns() + UInt64(max(milliseconds, 0)) * 1_000_000
        while true {
            var count = drainReceiver(into: &buffer)
            if count > 0 { return count }
            let now = clinux_monotonic_ns()
            if now >= deadline && milliseconds != 0 { return 0 }
            let remaining = Int32((deadline - min(now, deadline)) / 1_000_000)
            let fired: UInt64
            do { fired = try interrupt.wait(milliseconds: remaining) } catch { throw .device(error) }
            if fired == 0 { return 0 }
            interruptCount += 1
            count = drainReceiver(into: &buffer)
            // Clear the causes, then unmask; bytes that came in between are caught by the
            // second drain, since the PL011 raises RX again only when its FIFO was empty.
            uart.icr.write { $0.rx = true; $0.rt = true; $0.tx = true }
            do { try interrupt.rearm() } catch { throw .device(error) }
            count += drainReceiver(into: &buffer)
            if count > 0 { return count }
        }
    }

    /// Serves one receive interrupt without waiting: moves what the FIFO holds to `buffer`,
    /// clears the causes, re-arms the line, and drains again (bytes that came in between raise
    /// no new interrupt: the PL011 raises RX again only when its FIFO was empty). For event
    /// loops; `receive` is the blocking form. Returns how many bytes were received.
    @discardableResult
    public func serviceInterrupt(into buffer: inout [UInt8]) throws(ProgramError) -> Int {
        interruptCount += 1
        var count = drainReceiver(into: &buffer)
        uart.icr.write { $0.rx = true; $0.rt = true; $0.tx = true }
        do { try interrupt.rearm() } catch { throw .device(error) }
        count += drainReceiver(into: &buffer)
        return count
    }

    /// Masks the UART's interrupts and disables it: what a driver leaves behind.
    public func quiesce() {
        uart.imsc.write { _ in }
        uart.icr.write(.init(rawValue: 0x7FF))
        uart.cr.write { $0.uarten = false }
    }

    /// Queues every byte for transmission, waiting on the TX interrupt while the FIFO is full.
    public func transmit(_ bytes: [UInt8]) throws(ProgramError) {
        for byte in bytes {
            while uart.fr.read().txff {
                transmitWaits += 1
                try waitForTransmitSpace()
            }
            uart.dr.write { $0.data = byte }
        }
    }

    private func waitForTransmitSpace() throws(ProgramError) {
        uart.imsc.modify { $0.tx = true }
        defer { uart.imsc.modify { $0.tx = false } }
        let fired: UInt64
        do { fired = try interrupt.wait(milliseconds: 1000) } catch { throw .device(error) }
        if fired == 0 { throw .behaviour("the PL011 transmit FIFO stayed full for 1 s") }
        interruptCount += 1
        uart.icr.write { $0.tx = true }
        do { try interrupt.rearm() } catch { throw .device(error) }
    }

    /// Echoes `count` bytes back as they arrive; returns them. Throws when nothing arrives for
    /// `idleMilliseconds`.
    public func echo(count: Int, idleMilliseconds: Int32 = 30_000) throws(ProgramError) -> [UInt8] {
        var received: [UInt8] = []
        var echoed = 0
        while echoed < count {
            if try receive(into: &received, milliseconds: idleMilliseconds) == 0 {
                throw .behaviour("no input for \(idleMilliseconds) ms after \(echoed) of \(count) bytes")
            }
            try transmit(Array(received[echoed...]))
            echoed = received.count
        }
        return received
    }
}
