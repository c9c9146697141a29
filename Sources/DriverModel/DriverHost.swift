import ByteText
import CLinux
import DeviceTree
import PlatformCore
import Privileges
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
    /// How many instances failed after probing (each reported with its node as it happened).
    public private(set) var failureCount = 0
    /// How many bindings could not be restored (each reported with its device as it happened).
    public private(set) var restoreFailureCount = 0
    /// The credentials after `dropPrivileges`, nil before. From then on the host restores no
    /// binding: it could not (sysfs is root's); `vfioctl release` does, as root.
    public private(set) var droppedTo: ProcessCredentials?

    private let loop: EventLoop
    private var entries: [DriverEntry<Opener>] = []
    private var running: [Running?] = []

    /// A running instance: a class, so that dispatching an event retains one reference rather
    /// than copying the instance, its context, its record and its name.
    private final class Running {
        let instance: DriverInstance
        let context: DriverContext
        let record: BindingRecord
        let driver: String

        init(instance: DriverInstance, context: DriverContext, record: BindingRecord, driver: String) {
            self.instance = instance
            self.context = context
            self.record = record
            self.driver = driver
        }
    }
    /// How many entries of `running` are not nil.
    private var liveCount = 0

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
    public var runningCount: Int { liveCount }

    /// Whether every matched node was probed, at least one was, and no instance failed later.
    public var allSucceeded: Bool {
        !probes.isEmpty && probes.allSatisfy { $0.succeeded } && failureCount == 0 && restoreFailureCount == 0
    }

    /// The path of the one node to probe, or nil for every matching node (set before `probeAll`).
    public var onlyNodePath: String?

    /// Matches every enabled node (or only `onlyNodePath`) and probes one instance per match;
    /// returns the probes.
    @inline(never)
    @discardableResult
    public func probeAll() -> [ProbeResult] {
        for node in tree.allNodes() where node.isEnabled {
            if let only = onlyNodePath, !node.path.sameBytes(as: only) { continue }
            guard let index = match(node) else { continue }
            let entry = entries[index]
            let position = running.count
            let context = DriverContext(arguments: arguments, node: node, instance: position, loop: loop)
            // Removal (of a driver that did all its work in probe) comes after `admit`, once
            // the attempt and its reference to the instance are gone.
            if admit(entry.probe(node, opener: opener, context: context), of: entry, node: node, context: context) {
                removeInstance(position)
            }
        }
        if probes.isEmpty {
            Output.error("host: no enabled device-tree node \(onlyNodePath.map { $0 + " " } ?? "")is compatible with a registered driver (\(registeredCompatibles()))")
        }
        return probes
    }

    /// Records what probing `node` came to; true when the instance finished in probe.
    @inline(never)
    private func admit(_ attempt: ProbeAttempt, of entry: DriverEntry<Opener>, node: DeviceTreeNode, context: DriverContext) -> Bool {
        let position = running.count
        switch attempt {
        case .probed(let instance, let record):
            running.append(Running(instance: instance, context: context, record: record, driver: entry.name))
            liveCount += 1
            probes.append(ProbeResult(nodePath: node.path, driver: entry.name, instance: position, error: nil))
            Output.line("host: \(node.path): \(entry.name) probed")
            return context.isFinished
        case .failed(let error, let record):
            loop.removeAll(owner: position)
            running.append(nil)
            restore(record)
            probes.append(ProbeResult(nodePath: node.path, driver: entry.name, instance: nil, error: error))
            Output.error("host: \(node.path): \(entry.name) probe failed: \(error.description)")
            return false
        }
    }

    /// Gives up the privileges opening needed, once every device is open (`probeAll`): applies
    /// `drop` (switch to its account, keep none or its capabilities, no_new_privs) and returns
    /// the credentials read back. Devices that opening bound stay bound when the host ends.
    @discardableResult
    public func dropPrivileges(_ drop: PrivilegeDrop) throws(PrivilegeError) -> ProcessCredentials {
        let credentials = try drop.apply()
        droppedTo = credentials
        return credentials
    }

    /// Serves events until SIGINT or SIGTERM, until every instance finished, or for at most
    /// `milliseconds` (-1: no limit). Instances that finish or fail are removed on the way.
    @inline(never)
    @discardableResult
    public func run(milliseconds: Int64 = -1) -> HostStop {
        let deadline = milliseconds < 0 ? UInt64.max : clinux_monotonic_ns() + UInt64(milliseconds) * 1_000_000
        while liveCount > 0 {
            // Without a time limit the loop reads no clock: each event costs one epoll_wait.
            var wait: Int32 = -1
            if deadline != UInt64.max {
                let now = clinux_monotonic_ns()
                if now >= deadline { return .timeout }
                wait = Int32(min((deadline - now) / 1_000_000 + 1, 60_000))
            }
            let occurrence: EventLoop.Occurrence?
            do throws(DeviceError) {
                occurrence = try loop.next(milliseconds: wait)
            } catch {
                Output.error("host: event loop: \(error.description)")
                return .loopFailed
            }
            switch occurrence {
            case .termination(let signal)?:
                Output.line("host: \(signal.description): removing \(runningCount) instance(s)")
                return .signal(signal)
            case .driver(let owner, let event)?:
                dispatch(event, to: owner)
            case nil:
                continue
            }
        }
        return .allFinished
    }

    /// Removes every running instance (its `remove`, its events), then restores its binding.
    @inline(never)
    public func removeAll() {
        for position in running.indices { removeInstance(position) }
    }

    private func dispatch(_ event: DriverEvent, to owner: Int) {
        if handle(event, by: owner) { removeInstance(owner) }
    }

    /// Hands `event` to instance `owner`; true when the instance is to be removed (it failed or
    /// finished). Its references end here, before any removal restores a binding.
    @inline(never)
    private func handle(_ event: DriverEvent, by owner: Int) -> Bool {
        guard owner >= 0, owner < running.count, let entry = running[owner] else { return false }
        do throws(ProgramError) {
            try entry.instance.handle(event, context: entry.context)
        } catch {
            failureCount += 1
            Output.error("host: \(entry.context.node.path): \(entry.driver) failed: \(error.description)")
            return true
        }
        return entry.context.isFinished
    }

    @inline(never)
    private func removeInstance(_ position: Int) {
        // A vfio unbind waits until every file of the device is closed: the instance (and so its
        // device) must be gone before its binding is restored.
        guard let record = quiesce(position) else { return }
        restore(record)
    }

    /// Runs `remove` of instance `position`, drops its events and the instance itself; returns
    /// its binding record.
    @inline(never)
    private func quiesce(_ position: Int) -> BindingRecord? {
        guard let entry = running[position] else { return nil }
        running[position] = nil
        liveCount -= 1
        entry.instance.remove()
        loop.removeAll(owner: position)
        return entry.record
    }

    @inline(never)
    private func restore(_ record: BindingRecord) {
        if droppedTo != nil {
            if record.boundByOpening {
                Output.line("host: \(record.linuxName) stays bound (privileges were dropped): `vfioctl release \(record.linuxName)` as root gives it back")
            }
            return
        }
        do throws(DeviceError) {
            try opener.restore(record)
        } catch {
            restoreFailureCount += 1
            Output.error("host: \(record.linuxName): restoring its binding failed: \(error.description)")
        }
    }

    /// The registered entry whose compatible comes earliest in `node`'s list.
    @inline(never)
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
