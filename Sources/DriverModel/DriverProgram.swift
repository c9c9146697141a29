import ByteText
import DeviceTree
import PlatformBackends
import PlatformCore
import Privileges
import ProgramSupport

/// The whole life of a driver program, so that its `main` is a few lines:
///
///     @main struct UART {
///         static func main() {
///             DriverProgram.run("uart", valued: ["--count"]) { host in
///                 host.register(PL011Echo<BackendDevice>.self)
///             }
///         }
///     }
///
/// It reads the common options (`--dtb FILE`, `--backend vfio|uio|auto`, `--allow-noiommu`,
/// `--allow-dma-master`, `--no-bind`, `--user NAME`, `--node PATH`: ProgramSupport's `CommonOptions`) and the
/// program's own valued options, loads the device tree, opens every device through one
/// `BackendOpener`, probes every matching node, then with `--user` drops to that account with
/// no capabilities (`DriverHost.dropPrivileges`), serves events until SIGINT, SIGTERM or every
/// instance finished, removes every instance and restores every binding (not after a drop:
/// `vfioctl release` does), then exits: 0 when every probe succeeded and no instance failed,
/// 1 otherwise, 2 for a command line it cannot use.
public enum DriverProgram {
    /// Runs the program `name`; `register` adds its drivers to the host.
    public static func run(_ name: String, valued: [String] = [], register: (DriverHost<BackendOpener>) -> Void) -> Never {
        let arguments = ParsedArguments(valued: CommonOptions.valued + valued)
        let common = CommonOptions(arguments)
        let host: DriverHost<BackendOpener>
        do throws(ProgramError) {
            let tree = try common.deviceTree()
            let opener = BackendOpener(backend: try common.backendChoice(), options: common.openOptions)
            host = try DriverHost(tree: tree, opener: opener, arguments: arguments)
        } catch {
            Output.error("\(name): \(error.description)")
            if case .usage = error { Output.exit(2) }
            Output.exit(1)
        }
        register(host)
        host.onlyNodePath = common.node
        host.probeAll()
        if let user = common.user {
            do throws(PrivilegeError) {
                let credentials = try host.dropPrivileges(PrivilegeDrop(to: try Account.named(user)))
                Output.line("host: privileges dropped: now \(credentials.summary)")
            } catch {
                Output.error("\(name): \(error.description)")
                host.removeAll()
                Output.exit(1)
            }
        }
        let stop = host.run()
        host.removeAll()
        let ok = host.allSucceeded && stop != .loopFailed
        Output.line("host: \(stop.description); \(host.probes.count) probed node(s), exit \(ok ? 0 : 1)")
        Output.exit(ok ? 0 : 1)
    }
}

extension HostStop: CustomStringConvertible {
    /// "stopped by SIGTERM", "every instance finished", ...
    public var description: String {
        switch self {
        case .signal(let signal): return "stopped by " + signal.description
        case .allFinished: return "every instance finished"
        case .timeout: return "time limit reached"
        case .loopFailed: return "the event loop failed"
        }
    }
}
