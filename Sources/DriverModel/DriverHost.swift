import ByteText
import CLinux
import DeviceTree
import PlatformCore
import ProgramSupport

/// Runs drivers on a device tree, as Linux's platform bus does: `register` the drivers,
/// `probeAll` matches every enabled node by compatible (the driver whose compatible comes
/// earliest in the node's list wins, ties going to the first registered) and probes one
/// instance per node; `run` serves every instance's events from one event loop until SIGINT,
/// SIGTERM or every instance finished; `removeAll` removes each instance, then restores each
/// binding. A probe or handler that fails is reported with its node; the others go on.
///
///     let host = try DriverHost(tree: tree, opener: BackendOpener(options: options))
///     host.register(PL011Echo<BackendDevice>.self)
///     host.probeAll()
///     host.run()
///     host.removeAll()
public final class DriverHost<Opener: DeviceOpener> {
    /// The tree the nodes come from.
    public let tree: DeviceTree
    /// How devices are opened and given back.
    public let opener: Opener
    /// The program's command line, handed to each instance.
    public let arguments: ParsedArguments
    /// Every probe, in node order.
    public private(set) var probes: [ProbeResult] = []
    /// Failures after probing: the node and what its instance's handler threw.
    public private(set) var failures: [(nodePath: String, error: ProgramError)] = []
    /// Bindings that could not be restored: the device and why.
    public private(set) var restoreFailures: [(linuxName: String, error: DeviceError)] = []

    private let loop: EventLoop
    private var entries: [DriverEntry<Opener>] = []
    private var running: [Running?] = []

    private struct Running {
        let instance: DriverInstance
        let context: DriverContext
        let record: BindingRecord
        let driver: String
    }

    /// A host over `tree`. With `watchTermination` (programs), SIGINT and SIGTERM end `run`
    /// instead of the process; tests leave it off.
    public init(tree: DeviceTree, opener: Opener, arguments: ParsedArguments = ParsedArguments([], valued: []),
                watchTermination: Bool = true) throws(ProgramError) {
        self.tree = tree
        self.opener = opener
        self.arguments = arguments
        do { loop = try EventLoop(watchTermination: watchTermination) } catch { throw .device(error) }
    }

    /// Adds `driver` to the drivers nodes are matched against.
    public func register<Driver: PlatformDriver>(_ driver: Driver.Type) where Driver.Device == Opener.Device {
        entries.append(TypedDriverEntry<Opener, Driver>())
    }

    /// The name of the driver that would take `node`, if any.
    public func driverName(for node: DeviceTreeNode) -> String? {
        match(node).map { entries[$0].name }
    }

    /// How many instances are running.
    public var runningCount: Int {
        var count = 0
        for entry in running where entry != nil { count += 1 }
        return count
    }

    /// Whether every matched node was probed, at least one was, and no instance failed later.
    public var allSucceeded: Bool {
        !probes.isEmpty && probes.allSatisfy { $0.succeeded } && failures.isEmpty && restoreFailures.isEmpty
    }

    /// Matches every enabled node and probes one instance per match; returns the probes.
    @discardableResult
    public func probeAll() -> [ProbeResult] {
        for node in tree.allNodes() where node.isEnabled {
            guard let index = match(node) else { continue }
            let entry = entries[index]
            let position = running.count
            let context = DriverContext(arguments: arguments, node: node, instance: position, loop: loop)
            switch entry.probe(node, opener: opener, context: context) {
            case .probed(let instance, let record):
                running.append(Running(instance: instance, context: context, record: record, driver: entry.name))
                probes.append(ProbeResult(nodePath: node.path, driver: entry.name, instance: position, error: nil))
                Output.line("host: \(node.path): \(entry.name) probed")
                // A driver that did all its work in probe (a one-shot transfer) is removed now.
                if context.isFinished { removeInstance(position) }
            case .failed(let error, let record):
                loop.removeAll(owner: position)
                running.append(nil)
                restore(record)
                probes.append(ProbeResult(nodePath: node.path, driver: entry.name, instance: nil, error: error))
                Output.error("host: \(node.path): \(entry.name) probe failed: \(error.description)")
            }
        }
        if probes.isEmpty {
            Output.error("host: no enabled device-tree node is compatible with a registered driver (\(registeredCompatibles()))")
        }
        return probes
    }

    /// Serves events until SIGINT or SIGTERM, until every instance finished, or for at most
    /// `milliseconds` (-1: no limit). Instances that finish or fail are removed on the way.
    @discardableResult
    public func run(milliseconds: Int64 = -1) -> HostStop {
        let deadline = milliseconds < 0 ? UInt64.max : clinux_monotonic_ns() + UInt64(milliseconds) * 1_000_000
        while runningCount > 0 {
            let now = clinux_monotonic_ns()
            if now >= deadline { return .timeout }
            let wait: Int32 = deadline == UInt64.max ? -1 : Int32(min((deadline - now) / 1_000_000 + 1, 60_000))
            let occurred: [EventLoop.Occurrence]
            do throws(DeviceError) {
                occurred = try loop.next(milliseconds: wait)
            } catch {
                Output.error("host: event loop: \(error.description)")
                return .loopFailed
            }
            for occurrence in occurred {
                switch occurrence {
                case .termination(let signal):
                    Output.line("host: \(signal.description): removing \(runningCount) instance(s)")
                    return .signal(signal)
                case .driver(let owner, let event):
                    dispatch(event, to: owner)
                }
            }
        }
        return .allFinished
    }

    /// Removes every running instance (its `remove`, its events), then restores its binding.
    public func removeAll() {
        for position in running.indices { removeInstance(position) }
    }

    private func dispatch(_ event: DriverEvent, to owner: Int) {
        guard owner >= 0, owner < running.count, let entry = running[owner] else { return }
        do throws(ProgramError) {
            try entry.instance.handle(event, context: entry.context)
        } catch {
            failures.append((entry.context.node.path, error))
            Output.error("host: \(entry.context.node.path): \(entry.driver) failed: \(error.description)")
            removeInstance(owner)
            return
        }
        if entry.context.isFinished { removeInstance(owner) }
    }

    private func removeInstance(_ position: Int) {
        guard let entry = running[position] else { return }
        entry.instance.remove()
        loop.removeAll(owner: position)
        let record = entry.record
        // Dropping the instance closes the device's files: a vfio unbind waits for that.
        running[position] = nil
        restore(record)
    }

    private func restore(_ record: BindingRecord) {
        do throws(DeviceError) {
            try opener.restore(record)
        } catch {
            restoreFailures.append((record.linuxName, error))
            Output.error("host: \(record.linuxName): restoring its binding failed: \(error.description)")
        }
    }

    /// The registered entry whose compatible comes earliest in `node`'s list.
    private func match(_ node: DeviceTreeNode) -> Int? {
        for compatible in node.compatible {
            for (index, entry) in entries.enumerated() where entry.compatibles.containsBytes(compatible) {
                return index
            }
        }
        return nil
    }

    private func registeredCompatibles() -> String {
        var all: [String] = []
        for entry in entries { all.append(contentsOf: entry.compatibles) }
        return all.joined(separator: ", ")
    }
}
