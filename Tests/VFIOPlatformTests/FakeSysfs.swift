import Foundation
@testable import VFIOPlatform

/// A directory tree shaped like /sys and /dev, for exercising binding and opening logic
/// without a kernel. Writes land in plain files, so tests can read what the library wrote;
/// symlinks do not change by themselves, which is how "a driver that will not let go" looks.
final class FakeSysfs {
    let root: URL
    var paths: SystemPaths {
        SystemPaths(sysfs: root.path + "/sys", dev: root.path + "/dev", stateDirectory: root.path + "/run")
    }

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("fakesys-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        for bus in ["amba", "platform"] {
            try makeDirectory("sys/bus/\(bus)/devices")
            try makeDirectory("sys/bus/\(bus)/drivers")
            try writeFile("sys/bus/\(bus)/drivers_probe", "")
        }
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    func makeDirectory(_ relative: String) throws {
        try FileManager.default.createDirectory(at: root.appendingPathComponent(relative), withIntermediateDirectories: true)
    }

    func writeFile(_ relative: String, _ text: String) throws {
        let url = root.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: false, encoding: .utf8)
    }

    func readFile(_ relative: String) -> String? {
        try? String(contentsOf: root.appendingPathComponent(relative), encoding: .utf8)
    }

    func link(_ relative: String, to target: String) throws {
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent(relative).path, withDestinationPath: target)
    }

    /// Adds a driver directory with bind/unbind files.
    func addDriver(_ name: String, bus: String) throws {
        try writeFile("sys/bus/\(bus)/drivers/\(name)/bind", "")
        try writeFile("sys/bus/\(bus)/drivers/\(name)/unbind", "")
    }

    /// Adds a device, optionally bound to `driver`, with its of_node link.
    func addDevice(_ name: String, bus: String, driver: String?, ofNode: String, iommuGroup: String? = nil) throws {
        let directory = "sys/bus/\(bus)/devices/\(name)"
        try writeFile("\(directory)/driver_override", "(null)\n")
        if let driver { try link("\(directory)/driver", to: "../../../../bus/\(bus)/drivers/\(driver)") }
        try link("\(directory)/of_node", to: "../../../../firmware/devicetree/base\(ofNode)")
        if let iommuGroup { try link("\(directory)/iommu_group", to: "../../../../kernel/iommu_groups/\(iommuGroup)") }
    }

    func addVFIOContainer() throws { try writeFile("dev/vfio/vfio", "") }

    func setNoIOMMUParameter(_ on: Bool) throws {
        try writeFile("sys/module/vfio/parameters/enable_unsafe_noiommu_mode", on ? "Y\n" : "N\n")
    }
}
