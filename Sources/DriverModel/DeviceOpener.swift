import ByteText
import DeviceConfig
import DeviceTree
import PlatformCore

/// How the host gets a device for a node, and gives it back: through the front door on the
/// board (`BackendOpener`), or made of simulated registers in host tests.
public protocol DeviceOpener {
    /// The device type drivers of this host run on.
    associatedtype Device: PlatformDevice

    /// Opens the device of `config`'s node. What `restore` needs afterwards goes in the result.
    func open<Config: DeviceBindingConfig>(_ config: Config) throws(DeviceError) -> OpenedDevice<Device>

    /// Puts the device's binding back as it was before `open`, once every reference to the
    /// device is gone (a vfio unbind waits for its files to close).
    func restore(_ record: BindingRecord) throws(DeviceError)
}

/// A device as the opener opened it, with what restoring its binding needs.
public struct OpenedDevice<Device: PlatformDevice> {
    /// The device.
    public let device: Device
    /// What opening changed, for `DeviceOpener.restore`.
    public let record: BindingRecord
    /// One line on what was opened and how ("9000000.pl011 (/pl011@9000000) bound to
    /// vfio-amba, region 0 ..."), which the host prints after "DEVICE: ".
    public let summary: String

    /// A device, its record and its summary.
    public init(device: Device, record: BindingRecord, summary: String) {
        self.device = device
        self.record = record
        self.summary = summary
    }
}

/// What opening a device changed in sysfs: the device before it was opened, and whether opening
/// bound it (only then does `restore` give it back to its previous driver).
public struct BindingRecord: Sendable {
    /// The Linux device name, e.g. "9000000.pl011" (empty for a simulated device).
    public let linuxName: String
    /// The device's sysfs state before opening (nil for a simulated device).
    public let before: LinuxDevice?
    /// Whether opening moved the device to a userspace driver.
    public let boundByOpening: Bool

    /// A record of what opening did.
    public init(linuxName: String, before: LinuxDevice?, boundByOpening: Bool) {
        self.linuxName = linuxName
        self.before = before
        self.boundByOpening = boundByOpening
    }

    /// The record of a device whose opening changed nothing.
    public static let unchanged = BindingRecord(linuxName: "", before: nil, boundByOpening: false)
}
