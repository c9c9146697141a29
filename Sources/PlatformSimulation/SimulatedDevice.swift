import Registers
import PlatformCore

/// A device made of register models, behind the same driver API as `VFIODevice`: drivers
/// generic over `PlatformDevice` run unchanged in host tests, with interrupts delivered through
/// real eventfds.
public final class SimulatedDevice<Model: RegisterModel>: PlatformDevice, InterruptControl {
    /// The register model of each region.
    public let models: [Model]
    /// The device's interrupt lines.
    public let interrupts: SimulatedInterrupts
    /// The device's name, for messages.
    public let name: String

    /// A device with one region per model and the given interrupt kinds (true = level).
    public init(name: String = "simulated", models: [Model], levelInterrupts: [Bool]) {
        self.name = name
        self.models = models
        self.interrupts = SimulatedInterrupts(isLevel: levelInterrupts)
        for model in models { model.attach(interrupts: interrupts) }
    }

    /// How many regions the device has.
    public var regionCount: Int { models.count }
    /// How many interrupts the device has.
    public var interruptCount: Int { interrupts.isLevel.count }

    /// The size of region `index`.
    public func regionSize(_ index: Int) throws(DeviceError) -> Int {
        guard index >= 0 && index < models.count else { throw .noSuchRegion(index: index, count: models.count) }
        return models[index].size
    }

    /// A bus over part of region `index`, bounds-checked once.
    public func registerBus(region index: Int, offset: Int, size: Int) throws(DeviceError) -> SimulatedBus<Model> {
        let regionSize = try regionSize(index)
        if offset < 0 || size < 0 || offset > regionSize || size > regionSize - offset {
            throw .blockOutsideRegion(offset: offset, size: size, region: index, regionSize: regionSize)
        }
        return SimulatedBus(model: models[index], baseOffset: offset)
    }

    /// Connects interrupt `index` to a new eventfd.
    public func interrupt(_ index: Int) throws(DeviceError) -> InterruptLine {
        guard index >= 0 && index < interruptCount else { throw .noSuchInterrupt(index: index, count: interruptCount) }
        let level = interrupts.isLevel[index]
        // What vfio-platform reports: eventfd | maskable | automasked for a level line, only
        // eventfd for an edge one (it can mask only the lines it automasks).
        let flags: InterruptFlags = level ? [.eventfd, .maskable, .automasked] : [.eventfd]
        return try InterruptLine(info: InterruptInfo(index: index, count: 1, flags: flags), control: self)
    }

    /// Masks or unmasks a line; unmasking an asserted level line signals it again.
    public func setMasked(_ masked: Bool, interrupt index: Int) throws(DeviceError) {
        guard index >= 0 && index < interruptCount else { throw .noSuchInterrupt(index: index, count: interruptCount) }
        interrupts.setMasked(masked, line: index)
    }

    /// Connects a line to `eventfd` (or disconnects it with -1).
    public func setTrigger(interrupt index: Int, eventfd: Int32) throws(DeviceError) {
        guard index >= 0 && index < interruptCount else { throw .noSuchInterrupt(index: index, count: interruptCount) }
        interrupts.setEventfd(eventfd, line: index)
    }
}

/// The register bus of a simulated region: every access goes to the model.
public struct SimulatedBus<Model: RegisterModel>: RegisterBus {
    /// The model behind the region.
    public let model: Model
    /// Where the bus's offset 0 is in the model.
    public let baseOffset: Int

    public func read8(at offset: Int) -> UInt8 { UInt8(truncatingIfNeeded: model.read(offset: baseOffset + offset, width: 1)) }
    public func read16(at offset: Int) -> UInt16 { UInt16(truncatingIfNeeded: model.read(offset: baseOffset + offset, width: 2)) }
    public func read32(at offset: Int) -> UInt32 { UInt32(truncatingIfNeeded: model.read(offset: baseOffset + offset, width: 4)) }
    public func read64(at offset: Int) -> UInt64 { model.read(offset: baseOffset + offset, width: 8) }
    public func write8(_ value: UInt8, at offset: Int) { model.write(offset: baseOffset + offset, width: 1, value: UInt64(value)) }
    public func write16(_ value: UInt16, at offset: Int) { model.write(offset: baseOffset + offset, width: 2, value: UInt64(value)) }
    public func write32(_ value: UInt32, at offset: Int) { model.write(offset: baseOffset + offset, width: 4, value: UInt64(value)) }
    public func write64(_ value: UInt64, at offset: Int) { model.write(offset: baseOffset + offset, width: 8, value: value) }
}
