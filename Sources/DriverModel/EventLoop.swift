import ByteText
import CLinux
import DeviceTree
import PlatformCore

/// The host's one event loop: a single epoll set over every instance's interrupts (VFIO
/// eventfds and UIO device files alike), timers (timerfd), the descriptors drivers watch, and
/// a signalfd for SIGINT and SIGTERM. One thread, no locks; each wake-up reads what fired and
/// hands it to its owner.
public final class EventLoop {
    /// What happened, for the host to dispatch.
    public enum Occurrence: Sendable, Equatable {
        /// An event of instance `owner`.
        case driver(owner: Int, DriverEvent)
        /// SIGINT or SIGTERM arrived: the program is asked to stop.
        case termination(TerminationSignal)
    }

    /// One registered source.
    private struct Source {
        let owner: Int
        let descriptor: Int32
        let kind: Kind
    }

    private enum Kind {
        case interrupt(take: () -> UInt64)
        case timer(OwnedDescriptor)
        case readable
        case signals(SignalWatch)
    }

    private let epoll: OwnedDescriptor
    private var sources: [Source?] = []

    /// An empty loop. With `watchTermination`, SIGINT and SIGTERM are blocked for the process
    /// and delivered through the loop instead (`Occurrence.termination`).
    public init(watchTermination: Bool = true) throws(DeviceError) {
        let fd = clinux_epoll_create()
        if fd < 0 { throw .systemCall(operation: "epoll_create1", errno: currentErrno()) }
        epoll = OwnedDescriptor(fd)
        if watchTermination {
            let signals = try SignalWatch()
            _ = try add(Source(owner: -1, descriptor: signals.descriptor.rawValue, kind: .signals(signals)))
        }
    }

    /// Watches `interrupt` for instance `owner`; each wake-up takes its count.
    public func watch<Interrupt: PlatformInterrupt>(_ interrupt: Interrupt, owner: Int) throws(DeviceError) -> EventToken {
        try add(Source(owner: owner, descriptor: interrupt.pollDescriptor, kind: .interrupt(take: { interrupt.take() })))
    }

    /// A timer for instance `owner`, first after `firstNanoseconds`, then every
    /// `periodNanoseconds` (0: once).
    public func startTimer(firstNanoseconds: UInt64, periodNanoseconds: UInt64, owner: Int) throws(DeviceError) -> EventToken {
        let timer = try TimerDescriptor.make(firstNanoseconds: firstNanoseconds, periodNanoseconds: periodNanoseconds)
        return try add(Source(owner: owner, descriptor: timer.rawValue, kind: .timer(timer)))
    }

    /// Watches the caller's descriptor `fd` for input, for instance `owner`; the loop never
    /// reads or closes it.
    public func watch(descriptor fd: Int32, owner: Int) throws(DeviceError) -> EventToken {
        try add(Source(owner: owner, descriptor: fd, kind: .readable))
    }

    /// Stops watching `token` (a timer is closed).
    public func remove(_ token: EventToken) {
        guard token.rawValue >= 0, token.rawValue < sources.count, let source = sources[token.rawValue] else { return }
        _ = clinux_epoll_remove(epoll.rawValue, source.descriptor)
        sources[token.rawValue] = nil
    }

    /// Stops watching every source of `owner`.
    public func removeAll(owner: Int) {
        for position in sources.indices where sources[position]?.owner == owner {
            remove(EventToken(rawValue: position))
        }
    }

    /// How many sources instance `owner` has.
    public func sourceCount(owner: Int) -> Int {
        var count = 0
        for source in sources where source?.owner == owner { count += 1 }
        return count
    }

    /// Waits up to `milliseconds` (-1: forever) and returns what happened, in loop order; empty
    /// on timeout. An interrupt whose count turns out 0 (already taken) is left out.
    public func next(milliseconds: Int32) throws(DeviceError) -> [Occurrence] {
        var tokens = [UInt64](repeating: 0, count: 32)
        while true {
            let count = tokens.withUnsafeMutableBufferPointer { clinux_epoll_wait(epoll.rawValue, $0.baseAddress, Int32($0.count), milliseconds) }
            if count < 0 {
                if currentErrno() == .interrupted { continue }
                throw .systemCall(operation: "epoll_wait", errno: currentErrno())
            }
            var occurred: [Occurrence] = []
            for raw in tokens[0..<Int(count)] {
                let position = Int(raw)
                guard position < sources.count, let source = sources[position] else { continue }
                let token = EventToken(rawValue: position)
                switch source.kind {
                case .interrupt(let take):
                    let fired = take()
                    if fired > 0 { occurred.append(.driver(owner: source.owner, .interrupt(token, count: fired))) }
                case .timer(let timer):
                    let expirations = TimerDescriptor.readExpirations(timer)
                    if expirations > 0 { occurred.append(.driver(owner: source.owner, .timer(token, expirations: expirations))) }
                case .readable:
                    occurred.append(.driver(owner: source.owner, .readable(token)))
                case .signals(let signals):
                    if let signal = signals.take() { occurred.append(.termination(signal)) }
                }
            }
            if count == 0 || !occurred.isEmpty { return occurred }
        }
    }

    private func add(_ source: Source) throws(DeviceError) -> EventToken {
        let position = sources.count
        if clinux_epoll_add(epoll.rawValue, source.descriptor, UInt64(position)) < 0 {
            throw .systemCall(operation: "epoll_ctl(ADD) of descriptor \(source.descriptor)", errno: currentErrno())
        }
        sources.append(source)
        return EventToken(rawValue: position)
    }
}
