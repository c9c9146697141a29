import DeviceConfig
import DeviceTree
import DriverModel
import PlatformCore
import PlatformSimulation
import ProgramSupport

/// A register block of 0x100 bytes that remembers what was written, and raises its level
/// interrupt while register 0 holds a non-zero value.
final class ScratchRegisters: RegisterModel {
    let size = 0x100
    var words = [UInt64](repeating: 0, count: 0x40)
    private var interrupts: SimulatedInterrupts?

    func read(offset: Int, width: Int) -> UInt64 { words[offset / 4] }
    func write(offset: Int, width: Int, value: UInt64) {
        words[offset / 4] = value
        interrupts?.setLevel(words[0] != 0, line: 0)
    }
    func attach(interrupts: SimulatedInterrupts) { self.interrupts = interrupts }
}

typealias ScratchDevice = SimulatedDevice<ScratchRegisters>

/// A hand-written config of the compatibles `Compatibles` lists.
struct TestConfig<Compatibles: CompatibleList>: DeviceBindingConfig {
    static var bindingName: String { Compatibles.name }
    static var compatibles: [String] { Compatibles.compatibles }
    static var isBusMaster: Bool { false }
    let node: DeviceTreeNode
    init(node: DeviceTreeNode) throws(BindingConfigError) { self.node = node }
}

/// The compatibles of a test binding.
protocol CompatibleList: Sendable {
    static var name: String { get }
    static var compatibles: [String] { get }
}

enum RTCCompatibles: CompatibleList {
    static var name: String { "rtc" }
    static var compatibles: [String] { ["arm,pl031"] }
}

enum PrimeCellCompatibles: CompatibleList {
    static var name: String { "primecell" }
    static var compatibles: [String] { ["arm,primecell"] }
}

/// What the test drivers did, in order, across instances.
final class Journal {
    nonisolated(unsafe) static var entries: [String] = []
}

/// A driver that records its life, watches its interrupt, and finishes after `--events N`
/// interrupts or timer expiries (`--timer-ms M` starts a periodic timer).
final class RecordingDriver<Compatibles: CompatibleList>: PlatformDriver {
    static var name: String { Compatibles.name }
    let device: ScratchDevice
    let registers: ScratchRegisters
    let interrupt: InterruptLine
    let path: String
    var events = 0
    let wanted: Int

    init(device: ScratchDevice, path: String, wanted: Int) throws(ProgramError) {
        self.device = device
        registers = device.models[0]
        do { interrupt = try device.interrupt(0) } catch { throw .device(error) }
        self.path = path
        self.wanted = wanted
    }

    static func probe(device: ScratchDevice, config: TestConfig<Compatibles>, context: DriverContext) throws(ProgramError) -> RecordingDriver {
        Journal.entries.append("probe \(name) \(config.node.path)")
        let driver = try RecordingDriver(device: device, path: config.node.path, wanted: context.arguments.integer("--events", default: 1))
        _ = try context.watch(driver.interrupt)
        let period = context.arguments.integer("--timer-ms", default: 0)
        if period > 0 { _ = try context.startTimer(firstNanoseconds: UInt64(period) * 1_000_000, periodNanoseconds: UInt64(period) * 1_000_000) }
        return driver
    }

    func handle(_ event: DriverEvent, context: DriverContext) throws(ProgramError) {
        switch event {
        case .interrupt:
            Journal.entries.append("interrupt \(path)")
            registers.write(offset: 0, width: 4, value: 0)
            do { try interrupt.rearm() } catch { throw .device(error) }
        case .timer(_, let expirations):
            Journal.entries.append("timer \(path) \(expirations > 0)")
        case .readable:
            Journal.entries.append("readable \(path)")
        }
        events += 1
        if events >= wanted { context.finish() }
    }

    func remove() { Journal.entries.append("remove \(path)") }
}

/// An opener that checks, at each restore, whether the device it made is already gone: a vfio
/// unbind blocks until every file of the device is closed, so the host must drop an instance
/// (and its device) before restoring its binding.
final class ReleaseCheckingOpener: DeviceOpener {
    private var made: [String: WeakDevice] = [:]
    /// The register models of the devices made, by node path (kept: only the devices must go).
    private(set) var models: [String: ScratchRegisters] = [:]
    /// For each restore, in order: the device's name and whether it was still alive.
    private(set) var restores: [(name: String, deviceAlive: Bool)] = []

    final class WeakDevice { weak var device: ScratchDevice?; init(_ device: ScratchDevice) { self.device = device } }

    func open<Config: DeviceBindingConfig>(_ config: Config) throws(DeviceError) -> OpenedDevice<ScratchDevice> {
        let model = ScratchRegisters()
        let device = SimulatedDevice(name: config.node.path, models: [model], levelInterrupts: [true])
        made[config.node.path] = WeakDevice(device)
        models[config.node.path] = model
        return OpenedDevice(device: device, record: BindingRecord(linuxName: config.node.path, before: nil, boundByOpening: true),
                            summary: config.node.path)
    }

    func restore(_ record: BindingRecord) throws(DeviceError) {
        restores.append((record.linuxName, made[record.linuxName]?.device != nil))
    }
}
