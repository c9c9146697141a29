/// What the fake tree says of the kernel that runs: its release, the configuration installed
/// beside it and its module indexes, as /proc, /boot and /lib/modules give them.
extension FakeSysfs {
    /// Writes /proc/sys/kernel/osrelease.
    public func setKernelRelease(_ release: String) throws {
        try writeFile("proc/sys/kernel/osrelease", release + "\n")
    }

    /// Writes /boot/config-RELEASE from `options` (name to "y", "m" or nil for "is not set").
    public func installConfiguration(release: String, _ options: [(String, String?)]) throws {
        var text = "#\n# Automatically generated file; DO NOT EDIT.\n#\n"
        for (name, value) in options {
            text += value.map { "\(name)=\($0)\n" } ?? "# \(name) is not set\n"
        }
        try writeFile("boot/config-" + release, text)
    }

    /// Writes /lib/modules/RELEASE/modules.dep and modules.builtin from module paths
    /// ("kernel/drivers/uio/uio.ko.xz").
    public func installModuleIndex(release: String, loadable: [String], builtIn: [String]) throws {
        try writeFile("lib/modules/\(release)/modules.dep", loadable.map { $0 + ":\n" }.joined())
        try writeFile("lib/modules/\(release)/modules.builtin", builtIn.map { $0 + "\n" }.joined())
    }
}
