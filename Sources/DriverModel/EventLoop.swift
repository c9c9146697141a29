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
    /// Sources by token; a removed source leaves a hole that the next one fills.
    private var sources: [Source?] = []
    /// The tokens the last epoll_wait returned, and how far `next` got through them.
    private var ready = [UInt64](repeating: 0, count: 32)
    private var readyCount = 0
    private var readyNext = 0

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

    /// Stops watching `token` (a timer is closed). A wake-up of it still pending is dropped.
    public func remove(_ token: EventToken) {
        guard token.rawValue >= 0, token.rawValue < sources.count, let source = sources[token.rawValue] else { return }
        _ = clinux_epoll_remove(epoll.rawValue, source.descriptor)
        sources[token.rawValue] = nil
        var index = readyNext
        while index < readyCount {
            if ready[index] == UInt64(token.rawValue) { ready[index] = UInt64.max }
            index += 1
        }
    }

    /// Arms timer `token` again: first after `firstNanoseconds`, then every `periodNanoseconds`.
    public func rearmTimer(_ token: EventToken, firstNanoseconds: UInt64, periodNanoseconds: UInt64) throws(DeviceError) {
        guard token.rawValue >= 0, token.rawValue < sources.count, let source = sources[token.rawValue],
              case .timer(let timer) = source.kind else { return }
        try TimerDescriptor.arm(timer, firstNanoseconds: firstNanoseconds, periodNanoseconds: periodNanoseconds)
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

    /// The next thing that happened, waiting up to `milliseconds` (-1: forever) when nothing is
    /// pending; nil on timeout. An interrupt whose count turns out 0 (already taken) is skipped.
    public func next(milliseconds: Int32) throws(DeviceError) -> Occurrence? {
        while true {
            while readyNext < readyCount {
                let position = Int(truncatingIfNeeded: ready[readyNext])
                readyNext += 1
                guard position >= 0, position < sources.count, let source = sources[position] else { continue }
                if let occurrence = occurrence(of: source, token: EventToken(rawValue: position)) { return occurrence }
            }
            let count = ready.withUnsafeMutableBufferPointer { clinux_epoll_wait(epoll.rawValue, $0.baseAddress, Int32($0.count), milliseconds) }
            if count < 0 {
                if currentErrno() == .interrupted { continue }
                throw .systemCall(operation: "epoll_wait", errno: currentErrno())
            }
            if count == 0 { return nil }
            readyCount = Int(count)
            readyNext = 0
        }
    }

    /// What a wake-up of `source` means, after reading what it holds; nil when nothing.
    private func occurrence(of source: Source, token: EventToken) -> Occurrence? {
        switch source.kind {
        case .interrupt(let take):
            let fired = take()
            return fired > 0 ? .driver(owner: source.owner, .interrupt(token, count: fired)) : nil
        case .timer(let timer):
            let expirations = TimerDescriptor.readExpirations(timer)
            return expirations > 0 ? .driver(owner: source.owner, .timer(token, expirations: expirations)) : nil
        case .readable:
            return .driver(owner: source.owner, .readable(token))
        case .signals(let signals):
            return signals.take().map { .termination($0) }
        }
    }

    private func add(_ source: Source) throws(DeviceError) -> EventToken {
        var position = 0
        while position < sources.count && sources[position] != nil { position += 1 }
        if clinux_epoll_add(epoll.rawValue, source.descriptor, UInt64(position)) < 0 {
            throw .systemCall(operation: "epoll_ctl(ADD) of descriptor \(source.descriptor)", errno: currentErrno())
        }
        if position == sources.count { sources.append(source) } else { sources[position] = source }
        return EventToken(rawValue: position)
    }
}
