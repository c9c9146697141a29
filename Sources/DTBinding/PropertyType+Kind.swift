import DeviceConfig

extension PropertyType {
    /// The runtime decoder's name for this type (`PropertyDecoder` reads values by it).
    public var kind: PropertyKind {
        switch self {
        case .u32: return .u32
        case .u64: return .u64
        case .cells: return .cells
        case .string: return .string
        case .stringArray: return .stringArray
        case .boolean: return .boolean
        case .phandle: return .phandle
        case .phandleArray: return .phandleArray
        case .reg: return .reg
        case .interrupts: return .interrupts
        }
    }

    /// The Swift name of `kind`'s case, as generated code writes it (`stringArray`).
    var kindCase: String {
        switch self {
        case .stringArray: return "stringArray"
        case .phandleArray: return "phandleArray"
        default: return rawValue
        }
    }
}
