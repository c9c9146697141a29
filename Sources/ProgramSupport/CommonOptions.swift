import DeviceTree
import PlatformCore

/// The command-line options every driver program and tool shares, and what they mean to the
/// core: `--dtb FILE`, `--backend vfio|uio|auto`, `--allow-noiommu`, `--allow-dma-master`,
/// `--no-bind`, `--user NAME` (the account a driver switches to once its devices are open) and
/// `--node PATH` (probe that node only).
/// The runtime modules know only the `OpenOptions` members; the flag names live here.
public struct CommonOptions {
    /// The options among these that take a value.
    public static let valued = ["--dtb", "--backend", "--user", "--node"]

    /// The parsed command line.
    public let arguments: ParsedArguments

    /// The shared options of `arguments`.
    public init(_ arguments: ParsedArguments) { self.arguments = arguments }

    /// What opening may do: the two opt-ins as given, and binding unless `--no-bind`.
    public var openOptions: OpenOptions {
        OpenOptions(
            allowNoIOMMU: arguments.has("--allow-noiommu"),
            allowDMAMasterWithoutIOMMU: arguments.has("--allow-dma-master"),
            bindIfNeeded: !arguments.has("--no-bind")
        )
    }

    /// `--user NAME|UID`: the account to run as once every device is open (nil: stay as started).
    public var user: String? { arguments.value("--user") }

    /// `--node PATH`: the one device-tree node to probe (nil: every matching node). For a SoC whose
    /// kernel keeps some nodes of a compatible (a console UART, the clocksource timer).
    public var node: String? { arguments.value("--node") }

    /// `--backend vfio|uio|auto`, auto when absent.
    public func backendChoice() throws(ProgramError) -> BackendChoice {
        guard let text = arguments.value("--backend") else { return .auto }
        guard let choice = BackendChoice(parsing: text) else {
            throw .usage("unknown backend \(text): use --backend \(ParsedArguments.listing(BackendChoice.self))")
        }
        return choice
    }

    /// The device tree to read: `--dtb FILE`, else the running system's.
    public func deviceTree() throws(ProgramError) -> DeviceTree {
        do throws(DeviceTreeError) {
            if let path = arguments.value("--dtb") { return try DeviceTree(contentsOfFile: path) }
            return try DeviceTree.runningSystem()
        } catch {
            throw .device(.deviceTree(error))
        }
    }

    /// The description of `error`, followed by the flag that sets the option it names, when
    /// one of these does.
    public static func explain(_ error: DeviceError) -> String {
        guard let flag = flag(for: error) else { return error.description }
        return error.description + " (command line: " + flag + ")"
    }

    /// The flag that answers `error`, if one of the common options does.
    public static func flag(for error: DeviceError) -> String? {
        switch error {
        case .noIOMMUNotAcknowledged: return "--allow-noiommu"
        case .dmaMasterRefused: return "--allow-dma-master"
        case .notBound: return "leave out --no-bind to let opening bind it"
        default: return nil
        }
    }
}
