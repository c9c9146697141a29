import ByteText
import DeviceConfig
import PlatformBackends
import PlatformCore
import VFIOPlatform

/// What an example driver can fail with: the device layer's error, the device tree's
/// configuration, or the device not behaving as the driver expects.
public enum DriverError: Error, CustomStringConvertible {
    /// Driving the device (or opening it through VFIO directly) failed.
    case device(DeviceError)
    /// Opening the device through the backend chosen for it (vfio or UIO) failed.
    case backend(DeviceError)
    /// The node's configuration is missing or wrong. (A `Message`: written as a literal with
    /// interpolations, it stays small on the board.)
    case configuration(Message)
    /// The device did not do what it should (e.g. an interrupt that never came).
    case behaviour(Message)

    /// A readable sentence.
    public var description: String {
        switch self {
        case .device(let error): return error.description
        case .backend(let error): return error.description
        case .configuration(let message): return "configuration: " + message.text
        case .behaviour(let message): return message.text
        }
    }
}
