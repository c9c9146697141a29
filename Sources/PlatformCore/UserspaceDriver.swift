/// The kernel drivers that hand a platform device to userspace, with what it takes to get each
/// one into a kernel: the one place the framework's fix texts name kernel options and modules.
public enum UserspaceDriver: String, Sendable, Equatable, CaseIterable, CustomStringConvertible {
    /// vfio-platform: platform devices through VFIO.
    case vfioPlatform = "vfio-platform"
    /// vfio-amba: ARM PrimeCell devices (the amba bus) through VFIO.
    case vfioAMBA = "vfio-amba"
    /// uio_pdrv_genirq: platform devices through UIO, with the generic interrupt handler.
    case uioGenericIRQ = "uio_pdrv_genirq"

    /// The driver's name in /sys/bus/BUS/drivers and in driver_override.
    public var name: String { rawValue }

    /// The driver's name, as sysfs spells it.
    public var description: String { rawValue }

    /// The bus the driver serves.
    public var bus: PlatformBus {
        self == .vfioAMBA ? .amba : .platform
    }

    /// The backend the driver belongs to.
    public var backend: PlatformBackend {
        self == .uioGenericIRQ ? .uio : .vfio
    }

    /// The kernel module that holds the driver when it is not built in.
    public var moduleName: String {
        switch self {
        case .vfioPlatform: return "vfio_platform"
        case .vfioAMBA: return "vfio_amba"
        case .uioGenericIRQ: return "uio_pdrv_genirq"
        }
    }

    /// The kernel options that build the driver (each `=y`, or `=m` and the module loaded).
    public var kernelOptions: [String] {
        switch self {
        case .vfioPlatform: return ["CONFIG_VFIO", "CONFIG_VFIO_PLATFORM"]
        case .vfioAMBA: return ["CONFIG_VFIO", "CONFIG_VFIO_PLATFORM", "CONFIG_VFIO_AMBA"]
        case .uioGenericIRQ: return ["CONFIG_UIO", "CONFIG_UIO_PDRV_GENIRQ"]
        }
    }

    /// "build CONFIG_UIO and CONFIG_UIO_PDRV_GENIRQ into the kernel (=y), or as modules (=m)
    /// and `modprobe uio_pdrv_genirq`": how to get the driver.
    public var howToGet: String {
        "build " + KernelOptionText.joined(kernelOptions) + " into the kernel (=y), or as modules (=m) and `modprobe " + moduleName + "`"
    }

    /// The driver, if `name` is one of the userspace drivers.
    public init?(named name: String) {
        guard let driver = Self.allCases.first(where: { $0.rawValue.utf8.elementsEqual(name.utf8) }) else { return nil }
        self = driver
    }
}

/// The VFIO core itself (/dev/vfio/vfio) and its no-IOMMU mode: what the VFIO drivers need
/// besides their own option.
public enum VFIOKernelSupport {
    /// The options that make /dev/vfio/vfio (CONFIG_VFIO_GROUP and CONFIG_VFIO_CONTAINER exist
    /// from Linux 6.2 on; before, CONFIG_VFIO alone gives the container).
    public static let containerOptions = ["CONFIG_VFIO", "CONFIG_VFIO_GROUP (6.2 and later)", "CONFIG_VFIO_CONTAINER (6.2 and later)"]
    /// The option that allows no-IOMMU groups.
    public static let noIOMMUOption = "CONFIG_VFIO_NOIOMMU"
    /// The module parameter that turns no-IOMMU mode on.
    public static let noIOMMUParameter = "vfio.enable_unsafe_noiommu_mode=1"

    /// How to get /dev/vfio/vfio.
    public static var howToGetContainer: String {
        "build " + KernelOptionText.joined(containerOptions) + " (=y, or =m and `modprobe vfio`), and mount devtmpfs on /dev"
    }
}

/// Joins option names as a sentence does: "A", "A and B", "A, B and C".
enum KernelOptionText {
    static func joined(_ options: [String]) -> String {
        var text = ""
        for (position, option) in options.enumerated() {
            if position > 0 { text += position == options.count - 1 ? " and " : ", " }
            text += option
        }
        return text
    }
}
