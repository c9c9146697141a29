/// A register or a cluster of registers in a block.
public enum BlockMember: Sendable {
    case register(RegisterDef)
    case cluster(ClusterDef)

    public var name: String {
        switch self {
        case .register(let register): return register.name
        case .cluster(let cluster): return cluster.name
        }
    }

    public var memberName: String {
        switch self {
        case .register(let register): return register.memberName
        case .cluster(let cluster): return cluster.memberName
        }
    }

    public var offset: UInt64 {
        switch self {
        case .register(let register): return register.offset
        case .cluster(let cluster): return cluster.offset
        }
    }

    /// Whether the member's offset, count and stride are valid (false only in refused bindings).
    var isPlaced: Bool {
        switch self {
        case .register(let register): return register.isPlaced
        case .cluster(let cluster): return cluster.isPlaced
        }
    }

    /// The first byte after the member.
    public var end: UInt64 {
        switch self {
        case .register(let register): return register.offset + register.span
        case .cluster(let cluster): return cluster.offset + cluster.span
        }
    }

    public var location: SourceLocation {
        switch self {
        case .register(let register): return register.location
        case .cluster(let cluster): return cluster.location
        }
    }
}
