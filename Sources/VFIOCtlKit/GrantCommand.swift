import ByteText
import PlatformBackends
import PlatformCore
import Privileges
import ProgramSupport

/// `vfioctl grant DEVICE --user NAME [--group NAME] [--udev-rule FILE]`: as root, once, binds the
/// device for a backend (as `bind` does) and gives an account what a driver of it opens: the
/// device node (/dev/uioN, or the vfio group's node) as owner and group, mode 0660, and the
/// device tree blob (/sys/firmware/fdt, root's alone by default) readable by the group. The
/// driver then runs as that account with --no-bind. `release` undoes both.
enum GrantCommand {
    static func run(_ arguments: CommandLineOptions) throws(ProgramError) {
        guard let user = arguments.values["--user"] else {
            throw .usage("grant needs --user NAME (the account the driver runs as)")
        }
        let paths = arguments.paths
        let account = try privileged { () throws(PrivilegeError) in try Account.named(user, paths: paths) }
        let gid = try arguments.values["--group"].map { spec throws(ProgramError) in
            try privileged { () throws(PrivilegeError) in try Account.groupID(spec, paths: paths) }
        } ?? account.gid
        let device = try BindCommand.locate(arguments)
        let bound = try BindCommand.bind(device, arguments)
        guard let deviceFile = bound.deviceFile else {
            throw .behaviour("\(device.name): bound to \(bound.device.driver ?? "?"), but it has no device node to grant (\(bound.summary))")
        }
        let blob = paths.sysfs + "/firmware/fdt"
        var files = [(path: deviceFile, ownership: FileOwnership(uid: account.uid, gid: gid, mode: 0o660))]
        if let now = FileOwnership.of(blob), arguments.values["--dtb"] == nil {
            files.append((blob, FileOwnership(uid: now.uid, gid: gid, mode: 0o440)))
        }
        _ = try privileged { () throws(PrivilegeError) in try DeviceGrant(paths: paths).grant(files, for: device.name) }
        let group = gid == account.gid ? "\(account.name)'s group" : "group \(gid)"
        Output.line("\(device.name): bound to \(bound.device.driver ?? "?") (was \(device.driver ?? "no driver")), \(bound.summary)")
        Output.line("\(device.name): \(deviceFile) given to \(account.name) (uid \(account.uid), gid \(gid), 0660)"
            + (files.count > 1 ? "; \(blob) readable by \(group) (0440)" : ""))
        if bound.backend == .vfio && bound.noIOMMU {
            Output.line("\(device.name): a no-IOMMU vfio group also needs CAP_SYS_RAWIO in the driver: `setcap cap_sys_rawio+ep PROGRAM`, or AmbientCapabilities=CAP_SYS_RAWIO in its systemd unit (the driver may drop it once the device is open)")
        }
        Output.line("\(device.name): run the driver as \(account.name) with --no-bind; `vfioctl release \(device.name)` undoes the grant and the binding")
        if let rulePath = arguments.values["--udev-rule"] {
            let rule = UdevRule(device: device.name, bus: device.bus, driver: bound.device.driver ?? "",
                                backend: bound.backend, user: account.name, group: gid == account.gid ? account.name : String(gid))
            if rulePath.sameBytes(as: "-") {
                Output.line(rule.text)
            } else {
                do { try StateFiles.write(rule.text, to: rulePath) } catch { throw .device(error) }
                Output.line("\(device.name): udev rule for the next boot written to \(rulePath)")
            }
        }
    }
}
