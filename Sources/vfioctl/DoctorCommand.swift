import ByteText
import CLinux
import PlatformBackends
import ProgramSupport
import UIOPlatform
import PlatformCore
import VFIOPlatform

/// `vfioctl doctor`: checks what the running kernel and process need, each with its fix, for
/// both backends: vfio (vfio-platform, vfio-amba, no-IOMMU mode) and UIO (uio_pdrv_genirq), and
/// says which backend serves platform and amba devices.
enum DoctorCommand {
    /// One check: whether it passed, what it checks, and the fix when it did not.
    private struct Check {
        let ok: Bool
        let what: String
        let fix: String
    }

    /// Prints one line per check; returns 0 when vfio is complete, or when UIO serves platform
    /// devices in its place (and the process can use them), 1 otherwise.
    static func run(_ arguments: CommandLineOptions) -> Int32 {
        let paths = SystemPaths()
        func read(_ path: String) -> String? { parameter(path) }
        var vfio: [Check] = []
        vfio.append(Check(ok: clinux_path_exists(paths.vfioContainer) != 0, what: "/dev/vfio/vfio exists",
                          fix: "build the kernel with CONFIG_VFIO=y CONFIG_VFIO_GROUP=y CONFIG_VFIO_CONTAINER=y (or modprobe vfio) and mount devtmpfs"))
        vfio.append(Check(ok: clinux_path_exists(paths.sysfs + "/bus/platform/drivers/vfio-platform") != 0, what: "vfio-platform driver registered",
                          fix: "CONFIG_VFIO_PLATFORM=y, or modprobe vfio-platform"))
        vfio.append(Check(ok: clinux_path_exists(paths.sysfs + "/bus/amba/drivers/vfio-amba") != 0, what: "vfio-amba driver registered",
                          fix: "CONFIG_ARM_AMBA=y and CONFIG_VFIO_AMBA=y, or modprobe vfio-amba"))
        let iommus = clinux_path_exists(paths.sysfs + "/class/iommu") != 0 ? countEntries(paths.sysfs + "/class/iommu") : 0
        let noIOMMU = read(paths.sysfs + "/module/vfio/parameters/enable_unsafe_noiommu_mode")
        if iommus == 0 {
            vfio.append(Check(ok: isYes(noIOMMU), what: "no IOMMU here, so no-IOMMU mode must be on (it is \(noIOMMU ?? "unavailable"))",
                              fix: "CONFIG_VFIO_NOIOMMU=y and boot with vfio.enable_unsafe_noiommu_mode=1 (taints the kernel; only for devices that are not DMA masters)"))
        }
        let resetRequired = read(paths.sysfs + "/module/vfio_platform/parameters/reset_required")
        vfio.append(Check(ok: !isYes(resetRequired), what: "vfio-platform does not insist on a reset module (reset_required = \(resetRequired ?? "unknown"))",
                          fix: "boot with vfio_platform.reset_required=0: only three devices have vfio reset modules"))
        let uio = Check(ok: clinux_path_exists(paths.bus(.platform) + "/drivers/" + UIODevice.driverName) != 0,
                        what: "uio_pdrv_genirq driver registered (UIO for platform devices)",
                        fix: "CONFIG_UIO=y and CONFIG_UIO_PDRV_GENIRQ=y, or modprobe uio_pdrv_genirq")
        let general = [
            Check(ok: clinux_geteuid() == 0, what: "running as root (no-IOMMU groups need CAP_SYS_RAWIO; binding through sysfs needs root)",
                  fix: "run as root, or grant CAP_SYS_RAWIO and ownership of /dev/vfio/* or /dev/uio*"),
            Check(ok: clinux_path_exists("/sys/firmware/fdt") != 0, what: "/sys/firmware/fdt readable (the running device tree)",
                  fix: "the system booted without a device tree, or sysfs is not mounted: pass --dtb FILE"),
        ]
        let vfioProblems = vfio.filter { !$0.ok }.count
        // A backend that is not needed (the other one serves) is reported as "no", not "FAIL".
        let vfioNeeded = !uio.ok
        let uioNeeded = vfioProblems > 0
        for check in vfio { show(check, needed: vfioNeeded) }
        if iommus > 0 { Output.line("ok    \(iommus) IOMMU(s) present: devices get real groups") }
        show(uio, needed: uioNeeded)
        for check in general { show(check, needed: true) }
        let availability = BackendAvailability(paths: paths)
        for bus in [PlatformBus.platform, .amba] {
            let serving: String
            if availability.vfioServes(bus) {
                serving = "vfio (" + bus.vfioDriver + ")"
            } else if availability.uioServes(bus) {
                serving = "uio (" + UIODevice.driverName + ")"
            } else {
                serving = "none: " + availability.missing(for: bus)
            }
            Output.line("using \(bus.rawValue) devices: \(serving)")
        }
        Output.line("note  vfio-platform and UIO manage no clocks, pins or power domains: a device whose clock the kernel gated stays dead")
        let generalProblems = general.filter { !$0.ok }.count
        if generalProblems == 0 && vfioProblems == 0 {
            Output.line("doctor: everything needed is there")
            return 0
        }
        if generalProblems == 0 && uio.ok {
            Output.line("doctor: vfio is incomplete (\(vfioProblems) problem(s)); platform devices are served through UIO (uio_pdrv_genirq)")
            return 0
        }
        Output.line("doctor: \(generalProblems + vfioProblems + (uio.ok ? 0 : 1)) problem(s)")
        return 1
    }

    /// Whether a module parameter reads "Y".
    private static func isYes(_ value: String?) -> Bool {
        guard let value else { return false }
        return value.sameBytes(as: "Y")
    }

    /// "ok", "FAIL" with the fix, or "no" with the fix when the other backend covers for it.
    private static func show(_ check: Check, needed: Bool) {
        if check.ok {
            Output.line("ok    " + check.what)
        } else {
            Output.line((needed ? "FAIL  " : "no    ") + check.what + "\n      fix: " + check.fix)
        }
    }

    private static func parameter(_ path: String) -> String? {
        let fd = clinux_open(path, clinux_o_rdonly(), 0)
        if fd < 0 { return nil }
        defer { _ = close(fd) }
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = buffer.withUnsafeMutableBytes { CLinux.read(fd, $0.baseAddress, $0.count) }
        if count <= 0 { return nil }
        var text = Array(buffer[0..<count])
        while text.last == 10 { text.removeLast() }
        return String(decoding: text, as: UTF8.self)
    }

    private static func countEntries(_ path: String) -> Int {
        guard let dir = clinux_opendir(path) else { return 0 }
        defer { clinux_closedir(dir) }
        var count = 0
        while clinux_readdir_name(dir) != nil { count += 1 }
        return count
    }
}
