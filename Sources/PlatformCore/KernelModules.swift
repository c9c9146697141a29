import ByteText

/// Where a kernel module is, for the kernel it was built with.
public enum ModulePresence: Sendable, Equatable {
    /// Built into the kernel image (modules.builtin).
    case builtIn
    /// A module file modprobe can load (modules.dep).
    case loadable
    /// Neither: this kernel was built without it.
    case absent
}

/// The modules the running kernel was built with: /lib/modules/RELEASE/modules.dep (loadable)
/// and modules.builtin (built in), the indexes modprobe itself reads.
public struct KernelModules: Sendable, Equatable {
    /// The directory the indexes were read from.
    public let directory: String
    private let loadable: [String]
    private let builtIn: [String]

    /// The modules listed in the texts of modules.dep and modules.builtin.
    public init(dependencies: String, builtIn: String, directory: String) {
        self.directory = directory
        loadable = Self.names(dependencies, onlyBeforeColon: true)
        self.builtIn = Self.names(builtIn, onlyBeforeColon: false)
    }

    /// The indexes of kernel `release` at `paths`, or nil when modules.dep is not there.
    public static func installed(release: String, paths: SystemPaths = SystemPaths()) -> KernelModules? {
        let directory = paths.modules + "/" + release
        guard let dependencies = SysfsFiles.read(directory + "/modules.dep") else { return nil }
        return KernelModules(dependencies: dependencies, builtIn: SysfsFiles.read(directory + "/modules.builtin") ?? "", directory: directory)
    }

    /// Where module `name` is ("uio_pdrv_genirq"; dashes and underscores are the same, as for modprobe).
    public func presence(of name: String) -> ModulePresence {
        let wanted = Self.normalized(name)
        if builtIn.contains(where: { $0.sameBytes(as: wanted) }) { return .builtIn }
        if loadable.contains(where: { $0.sameBytes(as: wanted) }) { return .loadable }
        return .absent
    }

    /// The module names of an index: each line's path ("kernel/drivers/uio/uio.ko.xz", before
    /// the ":" in modules.dep), reduced to its file name without ".ko" and compression suffix.
    private static func names(_ text: String, onlyBeforeColon: Bool) -> [String] {
        var names: [String] = []
        for line in text.utf8.split(separator: UInt8(ascii: "\n")) {
            var path = line[...]
            if onlyBeforeColon, let colon = path.firstIndex(of: UInt8(ascii: ":")) { path = path[..<colon] }
            if let slash = path.lastIndex(of: UInt8(ascii: "/")) { path = path[path.index(after: slash)...] }
            guard let dot = path.firstIndex(of: UInt8(ascii: ".")), path[dot...].starts(with: ".ko".utf8) else { continue }
            names.append(normalized(String(decoding: path[..<dot], as: UTF8.self)))
        }
        return names
    }

    /// `name` with every "-" as "_".
    private static func normalized(_ name: String) -> String {
        String(decoding: name.utf8.map { $0 == UInt8(ascii: "-") ? UInt8(ascii: "_") : $0 }, as: UTF8.self)
    }
}
