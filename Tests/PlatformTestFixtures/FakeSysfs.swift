import Foundation
import PlatformCore


/// A directory tree shaped like /sys and /dev, for exercising how the backends find, bind and
/// open devices without a kernel: platform and amba buses, drivers with bind/unbind files,
/// devices with their of_node links. Writes land in plain files, so tests can read what the
/// library wrote; symlinks never change by themselves, which is how "a driver that will not let
/// go" looks. Its extensions add what each backend reads: the VFIO container and no-IOMMU parameter, UIO instances and their maps.
public final class FakeSysfs {
    /// The directory standing in for `/`.
    public let root: URL

    /// The paths a backend is opened with, all under `root`.
    public var paths: SystemPaths {
        SystemPaths(sysfs: root.path + "/sys", dev: root.path + "/dev", stateDirectory: root.path + "/run",
                    proc: root.path + "/proc", boot: root.path + "/boot", modules: root.path + "/lib/modules",
                    etc: root.path + "/etc")
    }

    /// An empty tree with both buses, their driver folders and drivers_probe files, and /dev.
    public init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("fakesys-\(UUID().uuidString)")
        for bus in ["amba", "platform"] {
            try makeDirectory("sys/bus/\(bus)/devices")
            try makeDirectory("sys/bus/\(bus)/drivers")
            try writeFile("sys/bus/\(bus)/drivers_probe", "")
        }
        try makeDirectory("dev")
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    /// Creates the directory `relative` (and its parents).
    public func makeDirectory(_ relative: String) throws {
        try FileManager.default.createDirectory(at: root.appendingPathComponent(relative), withIntermediateDirectories: true)
    }

    /// Writes `text` to the file `relative`, creating its directory.
    public func writeFile(_ relative: String, _ text: String) throws {
        let url = root.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: false, encoding: .utf8)
    }

    /// The text of the file `relative`, nil when it is missing.
    public func readFile(_ relative: String) -> String? {
        try? String(contentsOf: root.appendingPathComponent(relative), encoding: .utf8)
    }

    /// Removes the file or directory `relative`.
    public func remove(_ relative: String) throws {
        try FileManager.default.removeItem(at: root.appendingPathComponent(relative))
    }

    /// Makes `relative` a symbolic link to `target`.
    public func link(_ relative: String, to target: String) throws {
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent(relative).path, withDestinationPath: target)
    }

    /// Adds a driver directory with bind/unbind files.
    public func addDriver(_ name: String, bus: String = "platform") throws {
        try writeFile("sys/bus/\(bus)/drivers/\(name)/bind", "")
        try writeFile("sys/bus/\(bus)/drivers/\(name)/unbind", "")
    }

    /// Adds a device, optionally bound to `driver`, with its of_node link to the node's folder
    /// under /sys/firmware/devicetree/base (holding an `interrupts` file when `interrupt`), and
    /// its iommu_group link when `iommuGroup` is given.
    public func addDevice(_ name: String, bus: String = "platform", driver: String?, ofNode: String,
                          interrupt: Bool = true, iommuGroup: String? = nil) throws {
        let directory = "sys/bus/\(bus)/devices/\(name)"
        try writeFile("\(directory)/driver_override", "(null)\n")
        if let driver { try link("\(directory)/driver", to: "../../../../bus/\(bus)/drivers/\(driver)") }
        let node = "sys/firmware/devicetree/base\(ofNode)"
        try makeDirectory(node)
        if interrupt { try writeFile("\(node)/interrupts", "") }
        try link("\(directory)/of_node", to: "../../../../firmware/devicetree/base\(ofNode)")
        if let iommuGroup { try link("\(directory)/iommu_group", to: "../../../../kernel/iommu_groups/\(iommuGroup)") }
    }
}
