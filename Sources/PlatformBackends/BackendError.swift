import ByteText
import UIOPlatform
import VFIOPlatform

/// Why a device could not be opened through the backend chosen for it.
public enum BackendError: Error, Equatable, CustomStringConvertible {
    /// Finding the device in sysfs failed (before any backend was chosen).
    case sysfs(VFIOError)
    /// Opening it through vfio failed.
    case vfio(VFIOError)
    /// Opening it through UIO failed.
    case uio(UIOError)
    /// Driving the open device failed (a region, an interrupt, a system call), on either backend.
    case device(VFIOError)
    /// Neither backend can serve the device on this kernel.
    case noBackend(device: String, bus: PlatformBus, availability: BackendAvailability)
    /// `--backend` named something other than vfio, uio or auto.
    case unknownChoice(String)

    /// A readable sentence naming what is wrong and how to fix it.
    public var description: String { sentence.text }

    /// The description, built one piece at a time (`Message`), which keeps the code of many
    /// sentences small in Embedded Swift.
    private var sentence: Message {
        switch self {
        case .sysfs(let error), .vfio(let error), .device(let error): return Message(error.description)
        case .uio(let error): return Message(error.description)
        case .noBackend(let device, let bus, let availability):
            return "no backend can take \(device) (\(bus.rawValue) bus): \(availability.missing(for: bus))."
        case .unknownChoice(let text):
            return "unknown backend \(text): use --backend vfio, uio or auto."
        }
    }
}
