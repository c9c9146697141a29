import ByteText
import DeviceTree
import PlatformCore
import ProgramSupport

/// What an instance gets from its host: the program's command line, its node, and the event
/// loop, through which it asks for its interrupts, timers and descriptors to be watched.
/// One per instance; the events it registers are its own and go when it is removed.
public final class DriverContext {
    /// The program's command line (for a driver's own options, e.g. `--count`).
    public let arguments: ParsedArguments
    /// The node the instance drives.
    public let node: DeviceTreeNode
    /// Which instance of the host this is (its position in `DriverHost.instances`).
    public let instance: Int
    private let loop: EventLoop
    /// Whether the instance said it is done (`finish()`).
    public private(set) var isFinished = false

    init(arguments: ParsedArguments, node: DeviceTreeNode, instance: Int, loop: EventLoop) {
        self.arguments = arguments
        self.node = node
        self.instance = instance
        self.loop = loop
    }

    /// Delivers `interrupt`'s firings as `.interrupt` events (the count already taken).
    public func watch<Interrupt: PlatformInterrupt>(_ interrupt: Interrupt) throws(ProgramError) -> EventToken {
        do { return try loop.watch(interrupt, owner: instance) } catch { throw .device(error) }
    }

    /// Delivers `.timer` events, the first after `firstNanoseconds`, then every
    /// `periodNanoseconds` (0: once).
    public func startTimer(firstNanoseconds: UInt64, periodNanoseconds: UInt64 = 0) throws(ProgramError) -> EventToken {
        do { return try loop.startTimer(firstNanoseconds: firstNanoseconds, periodNanoseconds: periodNanoseconds, owner: instance) } catch { throw .device(error) }
    }

    /// Arms timer `token` (from `startTimer`) again, dropping expirations not yet delivered: a
    /// watchdog restarted at each event.
    public func rearmTimer(_ token: EventToken, firstNanoseconds: UInt64, periodNanoseconds: UInt64 = 0) throws(ProgramError) {
        do { try loop.rearmTimer(token, firstNanoseconds: firstNanoseconds, periodNanoseconds: periodNanoseconds) } catch { throw .device(error) }
    }

    /// Arms the timer in `token`: starts one (storing its token) the first time, re-arms it after.
    /// A watchdog restarted at each event is one call.
    public func armTimer(_ token: inout EventToken?, firstNanoseconds: UInt64, periodNanoseconds: UInt64 = 0) throws(ProgramError) {
        if let existing = token {
            try rearmTimer(existing, firstNanoseconds: firstNanoseconds, periodNanoseconds: periodNanoseconds)
        } else {
            token = try startTimer(firstNanoseconds: firstNanoseconds, periodNanoseconds: periodNanoseconds)
        }
    }

    /// Delivers `.readable` events when `fd` (the driver's own, which it reads and closes) has input.
    public func watch(descriptor fd: Int32) throws(ProgramError) -> EventToken {
        do { return try loop.watch(descriptor: fd, owner: instance) } catch { throw .device(error) }
    }

    /// Stops the source of `token` (a timer is closed).
    public func stop(_ token: EventToken) { loop.remove(token) }

    /// Says the instance has done its work: the host removes it after this event, and ends when
    /// no instance is left running.
    public func finish() { isFinished = true }
}
