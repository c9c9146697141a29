import ByteText
import CLinux
import ProgramSupport
import VFIOPlatform

/// `vfioctl doctor`: checks what the running kernel and process need, each with its fix.
enum DoctorCommand {
    /// Prints one line per check; returns 0 when everything needed is there, 1 otherwise.
    static func run(_ arguments: CommandLineOptions) -> Int32 {
        let paths = SystemPaths()
        var failures = 0
        func check(_ ok: Bool, _ what: String, fix: String) {
            Output.line((ok ? "ok    " : "FAIL  ") + what + (ok ? "" : "\n      fix: " + fix))
            if !ok { failures += 1 }
        }
        func read(_ path: String) -> String? { parameter(path) }
        check(clinux_path_exists(paths.vfioContainer) != 0, "/dev/vfio/vfio exists",
              fix: "build the kernel with CONFIG_VFIO=y CONFIG_VFIO_GROUP=y CONFIG_VFIO_CONTAINER=y (or modprobe vfio) and mount devtmpfs")
        check(clinux_path_exists(paths.sysfs + "/bus/platform/drivers/vfio-platform") != 0, "vfio-platform driver registered",
              fix: "CONFIG_VFIO_PLATFORM=y, or modprobe vfio-platform")
        check(clinux_path_exists(paths.sysfs + "/bus/amba/drivers/vfio-amba") != 0, "vfio-amba driver registered",
              fix: "CONFIG_ARM_AMBA=y and CONFIG_VFIO_AMBA=y, or modprobe vfio-amba")
        let iommus = clinux_path_exists(paths.sysfs + "/class/iommu") != 0 ? countEntries(paths.sysfs + "/class/iommu") : 0
        let noIOMMU = read(paths.sysfs + "/module/vfio/parameters/enable_unsafe_noiommu_mode")
        if iommus == 0 {
            check(noIOMMU?.sameBytes(as: "Y") ?? false, "no IOMMU here, so no-IOMMU mode must be on (it is \(noIOMMU ?? "unavailable"))",
                  fix: "CONFIG_VFIO_NOIOMMU=y and boot with vfio.enable_unsafe_noiommu_mode=1 (taints the kernel; only for devices that are not DMA masters)")
        } else {
            Output.line("ok    \(iommus) IOMMU(s) present: devices get real groups")
        }
        let resetRequired = read(paths.sysfs + "/module/vfio_platform/parameters/reset_required")
        check(!(resetRequired?.sameBytes(as: "Y") ?? false), "vfio-platform does not insist on a reset module (reset_required = \(resetRequired ?? "unknown"))",
              fix: "boot with vfio_platform.reset_required=0: only three devices have vfio reset modules")
        check(clinux_geteuid() == 0, "running as root (no-IOMMU groups need CAP_SYS_RAWIO)",
              fix: "run as root, or grant CAP_SYS_RAWIO and ownership of /dev/vfio/*")
        check(clinux_path_exists("/sys/firmware/fdt") != 0, "/sys/firmware/fdt readable (the running device tree)",
              fix: "the system booted without a device tree, or sysfs is not mounted: pass --dtb FILE")
        Output.line("note  vfio-platform manages no clocks, pins or power domains: a device whose clock the kernel gated stays dead")
        Output.line(failures == 0 ? "doctor: everything needed is there" : "doctor: \(failures) problem(s)")
        return failures == 0 ? 0 : 1
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
