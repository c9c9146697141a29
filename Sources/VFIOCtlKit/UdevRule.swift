import ByteText
import PlatformCore

/// The udev rules that repeat a grant at every boot: when the device appears, `vfioctl bind`
/// moves it to the userspace driver (whatever took it first), and the node that driver creates
/// gets the account as owner and group, mode 0660 (a vfio group's node is matched through the
/// devices of its iommu group, since the group number is not stable).
/// The device tree blob's mode is not a udev matter: a unit's `ExecStartPre=+vfioctl grant`
/// (docs/real-boards.md) does the whole grant at each start instead.
struct UdevRule {
    /// The Linux device name ("9000000.pl011").
    let device: String
    /// Its bus.
    let bus: PlatformBus
    /// The userspace driver it was bound to.
    let driver: String
    /// The backend.
    let backend: PlatformBackend
    /// The installed vfioctl the rule runs.
    var program = "/usr/local/bin/vfioctl"
    /// The owner given.
    let user: String
    /// The group given.
    let group: String

    /// The rules file's text (for /etc/udev/rules.d/70-pdrivers-DEVICE.rules).
    var text: String {
        let owner = "OWNER=\"\(user)\", GROUP=\"\(group)\", MODE=\"0660\""
        let node: String
        switch backend {
        case .uio:
            node = "SUBSYSTEM==\"uio\", KERNELS==\"\(device)\", \(owner)"
        case .vfio:
            node = "SUBSYSTEM==\"vfio\", KERNEL==\"noiommu-*|[0-9]*\", PROGRAM=\"/bin/ls /sys/kernel/iommu_groups/%n/devices\", RESULT==\"*\(device)*\", \(owner)"
        }
        return """
        # Written by `vfioctl grant \(device) --user \(user) --backend \(backend)`: at boot, \(device)
        # goes to \(driver) instead of its kernel driver, and its node to \(user):\(group).
        ACTION=="add", SUBSYSTEM=="\(bus.rawValue)", KERNEL=="\(device)", RUN+="\(program) bind \(device) --backend \(backend)"
        ACTION=="add", \(node)

        """
    }
}
