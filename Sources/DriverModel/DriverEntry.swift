import ByteText
import DeviceConfig
import DeviceTree
import PlatformCore
import ProgramSupport

/// A registered driver, its types erased so the host can keep drivers of different bindings in
/// one list (a class, not an existential: Embedded Swift specialises each subclass).
class DriverEntry<Opener: DeviceOpener> {
    /// The driver's name.
    let name: String
    /// The compatibles of its binding, most specific first.
    let compatibles: [String]

    init(name: String, compatibles: [String]) {
        self.name = name
        self.compatibles = compatibles
    }

    /// Decodes `node`'s config, opens its device and probes the driver on it.
    func probe(_ node: DeviceTreeNode, opener: Opener, context: DriverContext) -> ProbeAttempt {
        .failed(.configuration("no driver"), .unchanged)
    }
}

/// What probing one node came to.
enum ProbeAttempt {
    /// The instance runs; `record` restores its binding at the end.
    case probed(DriverInstance, BindingRecord)
    /// Decoding, opening or the driver's probe failed; `record` says what opening had changed.
    case failed(ProgramError, BindingRecord)
}

/// The entry of driver `Driver`.
final class TypedDriverEntry<Opener: DeviceOpener, Driver: PlatformDriver>: DriverEntry<Opener> where Driver.Device == Opener.Device {
    init() {
        super.init(name: Driver.name, compatibles: Driver.Config.compatibles)
    }

    override func probe(_ node: DeviceTreeNode, opener: Opener, context: DriverContext) -> ProbeAttempt {
        let config: Driver.Config
        do throws(BindingConfigError) {
            config = try Driver.Config(node: node)
        } catch {
            return .failed(.configuration(Message(error.description)), .unchanged)
        }
        do throws(ProgramError) {
            try Driver.check(config: config, context: context)
        } catch {
            return .failed(error, .unchanged)
        }
        let opened: OpenedDevice<Driver.Device>
        do throws(DeviceError) {
            opened = try opener.open(config)
        } catch {
            return .failed(.device(error), .unchanged)
        }
        let record = opened.record
        Output.line("DEVICE: " + opened.summary)
        do throws(ProgramError) {
            let driver = try Driver.probe(device: opened.device, config: config, context: context)
            return .probed(TypedDriverInstance(driver), record)
        } catch {
            return .failed(error, record)
        }
    }
}
