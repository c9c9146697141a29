/// A generated block of registers bound to a bus: `PL011<MemoryRegisterBus>`,
/// `PL011<SimulatedBus>`, ... Blocks are generic over their bus, never `any RegisterBus`.
public protocol RegisterBlock {
    /// The bus the block's registers are accessed through.
    associatedtype Bus: RegisterBus
    /// The number of bytes from the block's start to the end of its last register: a region
    /// the block is bound to must be at least this large.
    static var extent: Int { get }
    /// The bus this block was bound to.
    var bus: Bus { get }
    /// Binds the block to `bus`, whose offset 0 is the block's first byte. The caller checks
    /// that the region behind `bus` covers `extent` bytes.
    init(bus: Bus)
}
