import CLinux

/// Waits on several interrupt lines at once (epoll).
public final class InterruptSet {
    private let epoll: OwnedDescriptor
    /// The lines in the set, by token (their position).
    public private(set) var lines: [InterruptLine] = []

    /// An empty set.
    public init() throws(VFIOError) {
        let fd = clinux_epoll_create()
        if fd < 0 { throw .systemCall(operation: "epoll_create1", errno: currentErrno()) }
        epoll = OwnedDescriptor(fd)
    }

    /// Adds a line; returns its position in `lines`.
    @discardableResult
    public func add(_ line: InterruptLine) throws(VFIOError) -> Int {
        let token = lines.count
        if clinux_epoll_add(epoll.rawValue, line.eventfd.rawValue, UInt64(token)) < 0 {
            throw .systemCall(operation: "epoll_ctl(ADD) for interrupt \(line.index)", errno: currentErrno())
        }
        lines.append(line)
        return token
    }

    /// Waits up to `milliseconds` (-1 = forever); returns the positions of the lines that fired,
    /// their eventfds already drained. Empty on timeout.
    public func wait(milliseconds: Int32) throws(VFIOError) -> [Int] {
        var tokens = [UInt64](repeating: 0, count: 16)
        while true {
            let count = tokens.withUnsafeMutableBufferPointer { clinux_epoll_wait(epoll.rawValue, $0.baseAddress, Int32($0.count), milliseconds) }
            if count < 0 {
                if currentErrno() == EINTR { continue }
                throw .systemCall(operation: "epoll_wait", errno: currentErrno())
            }
            var fired: [Int] = []
            for token in tokens[0..<Int(count)] {
                let position = Int(token)
                if lines[position].take() > 0 { fired.append(position) }
            }
            if count == 0 || !fired.isEmpty { return fired.sorted() }
        }
    }
}
