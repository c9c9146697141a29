import Foundation
import VFIOPlatform

/// A directory tree shaped like /sys and /dev for UIO: platform and amba buses, drivers with
/// bind/unbind files, devices with their of_node links, UIO instances with their maps, and
/// /dev/uioN as a plain file that can be mapped (so writes through a mapping land in it and the
/// test can read them back). Symlinks never change by themselves: a driver "will not let go".
final class FakeUIOSysfs {
    let root: URL
    let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))

    var paths: SystemPaths {
        SystemPaths(sysfs: root.path + "/sys", dev: root.path + "/dev", stateDirectory: root.path + "/run")
    }

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("fakeuio-\(UUID().uuidString)")
        for bus in ["amba", "platform"] {
            try makeDirectory("sys/bus/\(bus)/devices")
            try makeDirectory("sys/bus/\(bus)/drivers")
            try writeFile("sys/bus/\(bus)/drivers_probe", "")
        }
        try makeDirectory("dev")
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

    func remove(_ relative: String) throws {
        try FileManager.default.removeItem(at: root.appendingPathComponent(relative))
    }

    func link(_ relative: String, to target: String) throws {
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent(relative).path, withDestinationPath: target)
    }

    /// Adds a driver directory with bind/unbind files.
    func addDriver(_ name: String, bus: String = "platform") throws {
        try writeFile("sys/bus/\(bus)/drivers/\(name)/bind", "")
        try writeFile("sys/bus/\(bus)/drivers/\(name)/unbind", "")
    }

    /// Adds a device, optionally bound to `driver`, with its of_node link (and an `interrupts`
    /// property file under it when `interrupt`).
    func addDevice(_ name: String, bus: String = "platform", driver: String?, ofNode: String, interrupt: Bool = true) throws {
        let directory = "sys/bus/\(bus)/devices/\(name)"
        try writeFile("\(directory)/driver_override", "(null)\n")
        if let driver { try link("\(directory)/driver", to: "../../../../bus/\(bus)/drivers/\(driver)") }
        let node = "sys/firmware/devicetree/base\(ofNode)"
        try makeDirectory(node)
        if interrupt { try writeFile("\(node)/interrupts", "") }
        try link("\(directory)/of_node", to: "../../../../firmware/devicetree/base\(ofNode)")
    }

    /// One map as uio_pdrv_genirq writes it: addr and size in %pa form, offset in 0x form.
    struct Map {
        var address: UInt64
        var size: Int
        var offset: Int
        var name = "pl011@9000000"
    }

    /// Registers UIO instance `instance` (e.g. "uio0") for the platform device `device`, with
    /// its maps, and creates /dev/<instance> as a file long enough to map every map.
    func addInstance(_ instance: String, device: String, maps: [Map], event: Int = 0, deviceFile: Bool = true) throws {
        try makeDirectory("sys/bus/platform/devices/\(device)/uio/\(instance)")
        let classPath = "sys/class/uio/\(instance)"
        try writeFile("\(classPath)/name", "pl011\n")
        try writeFile("\(classPath)/version", "devicetree\n")
        try writeFile("\(classPath)/event", "\(event)\n")
        try writeFile("\(classPath)/dev", "247:0\n")
        for (index, map) in maps.enumerated() {
            let directory = "\(classPath)/maps/map\(index)"
            try writeFile("\(directory)/addr", String(format: "0x%016llx\n", map.address))
            try writeFile("\(directory)/size", String(format: "0x%016llx\n", UInt64(map.size)))
            try writeFile("\(directory)/offset", String(format: "0x%llx\n", UInt64(map.offset)))
            try writeFile("\(directory)/name", map.name + "\n")
        }
        if deviceFile {
            let length = maps.count * pageSize + maps.reduce(0) { $0 + $1.size }
            _ = FileManager.default.createFile(atPath: root.appendingPathComponent("dev/\(instance)").path, contents: Data(count: length))
        }
    }

    /// The bytes of /dev/<instance> at `offset`.
    func deviceBytes(_ instance: String, at offset: Int, count: Int) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: root.appendingPathComponent("dev/\(instance)").path) else { return [] }
        return Array(data[offset..<offset + count])
    }

    /// A platform PL011 at 0x9000000 bound to uio_pdrv_genirq as uio0, one page, offset 0.
    static func boundPL011() throws -> FakeUIOSysfs {
        let sys = try FakeUIOSysfs()
        try sys.addDriver("uio_pdrv_genirq")
        try sys.addDevice("9000000.pl011", driver: "uio_pdrv_genirq", ofNode: "/pl011@9000000")
        try sys.addInstance("uio0", device: "9000000.pl011", maps: [Map(address: 0x9000000, size: 0x1000, offset: 0)])
        return sys
    }
}
