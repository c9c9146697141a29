import Foundation

/// What UIO adds to the fake /sys and /dev: UIO instances with their maps, and /dev/uioN as a
/// plain file that can be mapped (so writes through a mapping land in it and the test can read
/// them back).
extension FakeSysfs {
    /// The system's page size: UIO maps sit one page apart in /dev/uioN.
    public var pageSize: Int { Int(sysconf(Int32(_SC_PAGESIZE))) }

    /// One map as uio_pdrv_genirq writes it: addr and size in %pa form, offset in 0x form.
    public struct Map {
        public var address: UInt64
        public var size: Int
        public var offset: Int
        public var name = "pl011@9000000"

        /// A map at `address` of `size` bytes, the registers `offset` bytes in.
        public init(address: UInt64, size: Int, offset: Int, name: String = "pl011@9000000") {
            self.address = address
            self.size = size
            self.offset = offset
            self.name = name
        }
    }

    /// Registers UIO instance `instance` (e.g. "uio0") for the platform device `device`, with
    /// its maps, and creates /dev/<instance> as a file long enough to map every map.
    public func addInstance(_ instance: String, device: String, maps: [Map], event: Int = 0, deviceFile: Bool = true) throws {
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
    public func deviceBytes(_ instance: String, at offset: Int, count: Int) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: root.appendingPathComponent("dev/\(instance)").path) else { return [] }
        return Array(data[offset..<offset + count])
    }

    /// A platform PL011 at 0x9000000 bound to uio_pdrv_genirq as uio0, one page, offset 0.
    public static func boundPL011() throws -> FakeSysfs {
        let sys = try FakeSysfs()
        try sys.addDriver("uio_pdrv_genirq")
        try sys.addDevice("9000000.pl011", driver: "uio_pdrv_genirq", ofNode: "/pl011@9000000")
        try sys.addInstance("uio0", device: "9000000.pl011", maps: [Map(address: 0x9000000, size: 0x1000, offset: 0)])
        return sys
    }
}
