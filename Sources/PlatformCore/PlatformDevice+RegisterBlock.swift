import Registers

extension PlatformDevice {
    /// A generated register block bound to region `index`, checked once against the region's
    /// size: `let uart: PL011<Device.Bus> = try device.registerBlock()`.
    public func registerBlock<Block: RegisterBlock>(_ type: Block.Type = Block.self, region index: Int = 0) throws(DeviceError) -> Block
    where Block.Bus == Bus {
        Block(bus: try registerBus(region: index, offset: 0, size: Block.extent))
    }
}
