import ByteText
import CLinux

/// Waits on several interrupt lines at once (epoll): VFIO eventfds, UIO device files, or the
/// backend-neutral lines of `BackendDevice`, one kind per set (`InterruptSet<InterruptLine>()`).
public final class InterruptSet<Line: PlatformInterrupt> {
    private let epoll: OwnedDescriptor
    /// The lines in the set, by token (their position).
    public private(set) var lines: [Line] = []

    /// An empty set.
    public init() throws(DeviceError) {
        let fd = clinux_epoll_create()
        if fd < 0 { throw .systemCall(operation: "epoll_create1", errno: currentErrno()) }
        epoll = OwnedDescriptor(fd)
    }

    /// Adds a line; returns its position in `lines`.
    @discardableResult
    public func add(_ line: Line) throws(DeviceError) -> Int {
        let token = lines.count
        if clinux_epoll_add(epoll.rawValue, line.pollDescriptor, UInt64(token)) < 0 {
            throw .systemCall(operation: "epoll_ctl(ADD) for interrupt \(line.index)", errno: currentErrno())
        }
        lines.append(line)
        return token
    }

    /// Waits up to `milliseconds` (-1 = forever); returns the positions of the lines that fired,
    /// their counts already taken. Empty on timeout.
    public func wait(milliseconds: Int32) throws(DeviceError) -> [Int] {
        var tokens = [UInt64](repeating: 0, count: 16)
        while true {
            let count = tokens.withUnsafeMutableBufferPointer { clinux_epoll_wait(epoll.rawValue, $0.baseAddress, Int32($0.count), milliseconds) }
            if count < 0 {
                if currentErrno() == .interrupted { continue }
                throw .systemCall(operation: "epoll_wait", errno: currentErrno())
            }
            var fired: [Int] = []
            for token in tokens[0..<Int(count)] {
                let position = Int(token)
                if lines[position].take() > 0 { fired.append(position) }
            }
            if count == 0 || !fired.isEmpty { return fired.smallSorted(by: <) }
        }
    }
}
