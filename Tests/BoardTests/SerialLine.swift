import Foundation

/// The host end of the guest PL011: bytes written go to the guest's receiver, bytes read are
/// what the guest transmitted. Both fifos are opened read-write so that neither open blocks.
final class SerialLine {
    private let input: Int32
    private let output: Int32

    init(prefix: String) throws {
        input = open(prefix + ".in", O_RDWR)
        output = open(prefix + ".out", O_RDWR)
        guard input >= 0, output >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    }

    deinit { close(input); close(output) }

    /// Sends all of `bytes`.
    func send(_ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(input, $0.baseAddress, $0.count) }
            if written > 0 { offset += written } else if errno != EINTR { return }
        }
    }

    /// Reads until `count` bytes arrived or `seconds` passed; returns what arrived.
    func receive(count: Int, seconds: Double) -> [UInt8] {
        var received: [UInt8] = []
        let deadline = Date().addingTimeInterval(seconds)
        var buffer = [UInt8](repeating: 0, count: 4096)
        while received.count < count {
            let remaining = deadline.timeIntervalSinceNow
            if remaining <= 0 { break }
            var poller = pollfd(fd: output, events: Int16(POLLIN), revents: 0)
            if poll(&poller, 1, Int32(remaining * 1000)) <= 0 { continue }
            let got = buffer.withUnsafeMutableBytes { read(output, $0.baseAddress, min($0.count, count - received.count)) }
            if got > 0 { received += buffer[0..<got] }
        }
        return received
    }

    /// Sends `payload` in bursts of 1 byte, then 2, 4, ... up to 512 (most of them far beyond
    /// a PL011's 16- or 32-entry receive FIFO), waiting up to `secondsPerBurst` for each burst to
    /// come back, and returns what came back: all of `payload` when the guest echoes it, less
    /// when a burst is not echoed in time.
    func echo(_ payload: [UInt8], secondsPerBurst: Double) -> [UInt8] {
        var echoed: [UInt8] = []
        var offset = 0
        var burst = 1
        while offset < payload.count {
            let end = min(payload.count, offset + burst)
            send(Array(payload[offset..<end]))
            echoed += receive(count: end - offset, seconds: secondsPerBurst)
            if echoed.count < end { break }
            offset = end
            burst = min(burst * 2, 512)
        }
        return echoed
    }

    /// `count` random bytes, for an echo.
    static func randomPayload(count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }
}
