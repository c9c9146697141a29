import ByteText

/// What it takes to get a missing driver (or /dev/vfio/vfio, or no-IOMMU mode) on the running
/// kernel, decided from how that kernel was built.
public enum KernelRemedy: Sendable, Equatable, CustomStringConvertible {
    /// The kernel has it as a module: load it.
    case loadModule(String)
    /// The kernel was built without it: no modprobe can help. `missing` are the options that are
    /// off in its configuration (empty when only the module indexes were readable).
    case notBuilt(release: String, missing: [String], module: String?, evidence: String)
    /// Nothing says how the kernel was built: the general way to get it.
    case general(String)

    /// The fix, in one sentence.
    public var description: String {
        switch self {
        case .loadModule(let module):
            return "this kernel has it as a module: `modprobe \(module)`"
        case .notBuilt(let release, let missing, let module, let evidence):
            let options = missing.isEmpty ? "it" : KernelOptionText.joined(missing)
            var text = "this kernel (\(release)) was built without \(options) (\(evidence)), so no modprobe can load it: "
            if let module {
                text += "build \(module) out of tree from the matching kernel source against this kernel's headers (linux-headers-\(release)), or boot a kernel built with it"
            } else {
                text += "boot a kernel built with it"
            }
            return text
        case .general(let text):
            return text
        }
    }
}

/// How the running kernel was built, as far as the system tells: its release, its configuration
/// (/boot/config-RELEASE) and its module indexes (/lib/modules/RELEASE). What `vfioctl doctor`
/// reads to give a fix that works on this kernel rather than a general one.
public struct KernelBuild: Sendable, Equatable {
    /// The kernel release, from /proc/sys/kernel/osrelease.
    public var release: String?
    /// Its configuration, when installed.
    public var configuration: KernelConfiguration?
    /// Its module indexes, when installed.
    public var modules: KernelModules?

    /// What the system at `paths` says of its running kernel.
    public init(paths: SystemPaths = SystemPaths()) {
        release = paths.kernelRelease
        configuration = release.flatMap { KernelConfiguration.installed(release: $0, paths: paths) }
        modules = release.flatMap { KernelModules.installed(release: $0, paths: paths) }
    }

    /// An explicit description (tests).
    public init(release: String?, configuration: KernelConfiguration?, modules: KernelModules?) {
        self.release = release
        self.configuration = configuration
        self.modules = modules
    }

    /// The release's major and minor version ("6.1.0-57-arm64" is (6, 1)).
    public var version: (major: Int, minor: Int)? {
        guard let release else { return nil }
        let parts = release.utf8.split(whereSeparator: { $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "-") })
        guard parts.count >= 2, let major = Int(String(decoding: parts[0], as: UTF8.self)),
              let minor = Int(String(decoding: parts[1], as: UTF8.self)) else { return nil }
        return (major, minor)
    }

    /// How to get `driver` registered, when it is not.
    public func remedy(for driver: UserspaceDriver) -> KernelRemedy {
        remedy(module: driver.moduleName, options: driver.kernelOptions, general: driver.howToGet, buildable: true)
    }

    /// How to get /dev/vfio/vfio, when it is missing.
    public var containerRemedy: KernelRemedy {
        remedy(module: "vfio", options: containerOptions,
               general: "build " + KernelOptionText.joined(containerOptions) + " (=y, or =m and `modprobe vfio`), and mount devtmpfs on /dev",
               buildable: false)
    }

    /// How to get vfio's no-IOMMU mode, when its parameter is missing.
    public var noIOMMURemedy: KernelRemedy {
        guard let release, let configuration else { return .general(KernelSettings.howToEnableNoIOMMU) }
        if configuration.setting(of: VFIOKernelSupport.noIOMMUOption) == .off {
            return .notBuilt(release: release, missing: [VFIOKernelSupport.noIOMMUOption], module: nil, evidence: configuration.source)
        }
        return .general(KernelSettings.howToEnableNoIOMMU)
    }

    /// The options that give /dev/vfio/vfio in this kernel's version: CONFIG_VFIO alone before
    /// 6.2, and CONFIG_VFIO_GROUP and CONFIG_VFIO_CONTAINER with it from 6.2 on.
    public var containerOptions: [String] {
        guard let version else { return VFIOKernelSupport.containerOptions }
        if version.major > 6 || (version.major == 6 && version.minor >= 2) {
            return ["CONFIG_VFIO", "CONFIG_VFIO_GROUP", "CONFIG_VFIO_CONTAINER"]
        }
        return ["CONFIG_VFIO"]
    }

    private func remedy(module: String, options: [String], general: String, buildable: Bool) -> KernelRemedy {
        guard let release else { return .general(general) }
        let presence = modules?.presence(of: module)
        if presence == .loadable { return .loadModule(module) }
        if let configuration {
            let missing = configuration.missing(options)
            if !missing.isEmpty {
                return .notBuilt(release: release, missing: missing, module: buildable ? module : nil, evidence: configuration.source)
            }
        }
        if presence == .absent, let modules {
            return .notBuilt(release: release, missing: [], module: buildable ? module : nil, evidence: "not in " + modules.directory + "/modules.dep or modules.builtin")
        }
        return .general(general)
    }
}
