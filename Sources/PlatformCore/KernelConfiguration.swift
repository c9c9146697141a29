import ByteText

/// How a kernel option is set in a kernel's configuration.
public enum KernelOptionSetting: Sendable, Equatable {
    /// `=y` (or any value other than `m`): built into the kernel.
    case builtIn
    /// `=m`: built as a module, loaded with modprobe.
    case module
    /// `# CONFIG_X is not set`: off.
    case off
}

/// The configuration the running kernel was built with, as Debian and most distributions install
/// it beside the kernel (/boot/config-RELEASE). An option missing from it either does not exist
/// in that kernel version or depends on one that is off: either way the kernel lacks it.
public struct KernelConfiguration: Sendable, Equatable {
    /// The file it was read from.
    public let source: String
    private let names: [String]
    private let settings: [KernelOptionSetting]

    /// The configuration written in `text` (the format of .config), read from `source`.
    public init(text: String, source: String) {
        var names: [String] = []
        var settings: [KernelOptionSetting] = []
        for line in text.utf8.split(separator: UInt8(ascii: "\n")) {
            if let (name, setting) = Self.parse(line) {
                names.append(String(decoding: name, as: UTF8.self))
                settings.append(setting)
            }
        }
        self.source = source
        self.names = names
        self.settings = settings
    }

    /// The configuration of the kernel `release` at `paths` (/boot/config-RELEASE), or nil
    /// when it is not there (/proc/config.gz is compressed and not read).
    public static func installed(release: String, paths: SystemPaths = SystemPaths()) -> KernelConfiguration? {
        let path = paths.boot + "/config-" + release
        guard let text = SysfsFiles.read(path) else { return nil }
        return KernelConfiguration(text: text, source: path)
    }

    /// How `option` ("CONFIG_UIO") is set: `.off` when the configuration does not have it.
    public func setting(of option: String) -> KernelOptionSetting {
        for (index, name) in names.enumerated() where name.sameBytes(as: option) { return settings[index] }
        return .off
    }

    /// Whether `option` appears in the configuration at all (set or "is not set").
    public func mentions(_ option: String) -> Bool {
        names.contains { $0.sameBytes(as: option) }
    }

    /// The options of `options` that are off.
    public func missing(_ options: [String]) -> [String] {
        options.filter { setting(of: $0) == .off }
    }

    /// "CONFIG_X=y", "CONFIG_X=m" or "# CONFIG_X is not set"; nil for comments and blank lines.
    private static func parse(_ line: Substring.UTF8View) -> (Substring.UTF8View, KernelOptionSetting)? {
        let notSetPrefix = "# CONFIG_".utf8
        let notSetSuffix = " is not set".utf8
        if line.starts(with: notSetPrefix) {
            guard line.count > notSetPrefix.count + notSetSuffix.count, line.suffix(notSetSuffix.count).elementsEqual(notSetSuffix) else { return nil }
            let name = line.dropFirst(2).dropLast(notSetSuffix.count)
            return (name, .off)
        }
        guard line.starts(with: "CONFIG_".utf8), let equals = line.firstIndex(of: UInt8(ascii: "=")) else { return nil }
        let value = line[line.index(after: equals)...]
        return (line[..<equals], value.elementsEqual("m".utf8) ? .module : .builtIn)
    }
}
