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
        let availability = BackendAvailability(paths: paths)
        let settings = KernelSettings(paths: paths)
        let build = KernelBuild(paths: paths)
        Output.line("kernel " + describe(build))
        var vfio: [Check] = []
        vfio.append(Check(ok: availability.vfioContainer, what: "/dev/vfio/vfio exists", fix: build.containerRemedy.description))
        vfio.append(Check(ok: availability.vfioPlatform, what: "vfio-platform driver registered", fix: build.remedy(for: .vfioPlatform).description))
        vfio.append(Check(ok: availability.vfioAMBA, what: "vfio-amba driver registered", fix: build.remedy(for: .vfioAMBA).description))
        let iommus = settings.iommuCount
        if settings.needsNoIOMMUMode {
            let mode = settings.noIOMMUMode.map { $0 ? "Y" : "N" } ?? "unavailable"
            // A parameter that is there but off can be turned on; a missing one may need the option.
            let fix = settings.noIOMMUMode == nil ? build.noIOMMURemedy.description : KernelSettings.howToEnableNoIOMMU
            vfio.append(Check(ok: settings.noIOMMUMode == true, what: "no IOMMU here, so no-IOMMU mode must be on (it is \(mode))", fix: fix))
        }
        // reset_required is a parameter of vfio-platform: without the driver there is nothing to say.
        if availability.vfioPlatform {
            let reset = settings.resetRequired.map { $0 ? "Y" : "N" } ?? "unknown"
            vfio.append(Check(ok: settings.resetRequired != true, what: "vfio-platform does not insist on a reset module (reset_required = \(reset))",
                              fix: KernelSettings.howToWaiveReset))
        }
        let uio = Check(ok: availability.uioGenIRQ, what: "uio_pdrv_genirq driver registered (UIO for platform devices)",
                        fix: build.remedy(for: .uioGenericIRQ).description)
        let general = [
            Check(ok: settings.isRoot, what: "running as root (no-IOMMU groups need CAP_SYS_RAWIO; binding through sysfs needs root)",
                  fix: KernelSettings.howToGetPrivilege),
            Check(ok: settings.deviceTreeReadable, what: "/sys/firmware/fdt readable (the running device tree)",
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
        for bus in [PlatformBus.platform, .amba] {
            let serving: String
            if availability.vfioServes(bus) {
                serving = "vfio (" + bus.vfioDriver + ")"
            } else if availability.uioServes(bus) {
                serving = "uio (" + UIODevice.driverName + ")"
            } else {
                serving = "none: " + availability.missing(for: bus, build: build)
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

    /// "6.1.0-57-arm64 (configuration /boot/config-6.1.0-57-arm64, modules /lib/modules/6.1.0-57-arm64)".
    private static func describe(_ build: KernelBuild) -> String {
        guard let release = build.release else { return "release unknown (no /proc/sys/kernel/osrelease): fixes are the general ones" }
        let configuration = build.configuration.map { "configuration " + $0.source } ?? "no configuration installed (/boot/config-" + release + ")"
        let modules = build.modules.map { "modules " + $0.directory } ?? "no module index (/lib/modules/" + release + "/modules.dep)"
        return release + " (" + configuration + ", " + modules + ")"
    }

    /// "ok", "FAIL" with the fix, or "no" with the fix when the other backend covers for it.
    private static func show(_ check: Check, needed: Bool) {
        if check.ok {
            Output.line("ok    " + check.what)
        } else {
            Output.line((needed ? "FAIL  " : "no    ") + check.what + "\n      fix: " + check.fix)
        }
    }
}
