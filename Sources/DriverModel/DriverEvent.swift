import ByteText
import DeviceTree
/// Names one event source an instance registered with its `DriverContext`; `handle` compares
/// the token of each event with the ones it kept.
public struct EventToken: Sendable, Equatable, Hashable {
    /// The source's position in the host's event loop.
    public let rawValue: Int

    /// The token of loop position `rawValue`.
    public init(rawValue: Int) { self.rawValue = rawValue }
}

/// What the event loop hands an instance.
public enum DriverEvent: Sendable, Equatable {
    /// An interrupt fired `count` times since it was last taken (already taken: the driver
    /// clears the device's cause and calls `rearm()`).
    case interrupt(EventToken, count: UInt64)
    /// A timer expired `expirations` times since its last event.
    case timer(EventToken, expirations: UInt64)
    /// A descriptor the driver watches is readable (the driver reads it).
    case readable(EventToken)

    /// The source the event came from.
    public var token: EventToken {
        switch self {
        case .interrupt(let token, _), .timer(let token, _), .readable(let token): return token
        }
    }
}
