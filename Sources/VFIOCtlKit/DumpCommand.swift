import ByteText
import DeviceTree
import PlatformBackends
import UIOPlatform
import ProgramSupport
import Registers
import PlatformCore
import VFIOPlatform

/// `vfioctl dump DEVICE [--include-side-effects]`: every register of the device's binding, read
/// and decoded by field name (named values by name), from the register maps generated beside the
/// accessors (`BindingCatalogue.registerMaps`: the shipped bindings', and the user's in a vfioctl built in their package). Write-only registers are never read; registers whose
/// reads have side effects (the binding's `read-side-effects`, `rc` access) only when asked.
enum DumpCommand {
    /// Prints the dump; returns the exit status (1 after printing the error).
    static func run(_ arguments: CommandLineOptions) -> Int32 {
        do {
            try dump(arguments)
            return 0
        } catch {
            Output.error("vfioctl: \(error.description)")
            return 1
        }
    }

    private static func dump(_ arguments: CommandLineOptions) throws(DumpError) {
        let name: String
        let found: DeviceTreeNode?
        do { (name, found) = try arguments.resolveDevice() } catch { throw .program(error) }
        guard let node = found else { throw .noNode(device: name) }
        let compatibles = node.compatible
        guard let maps = BindingRegisterMaps.find(compatibles: compatibles, in: arguments.bindings.registerMaps) else {
            throw .noBinding(node: node.path, compatibles: compatibles)
        }
        let reader = RegisterMapReader(includeSideEffects: arguments.flags.contains("--include-side-effects"))
        let opened: BackendDevice
        do { opened = try arguments.openDevice(name: name, node: node) } catch { throw .program(error) }
        Output.line("\(name) (\(node.path)): binding \(staticText(maps.binding)), \(opened.regionCount) region(s), through \(opened.backend)")
        var read = 0
        var sideEffects = 0
        for index in 0..<opened.regionCount {
            guard index < maps.regions.count else {
                Output.line("region \(index): the binding describes no registers here")
                continue
            }
            let map = maps.regions[index]
            let readings: [RegisterReading]
            do throws(DeviceError) {
                readings = try readRegion(index, of: opened, map: map, with: reader)
            } catch {
                throw .program(.device(error))
            }
            for reading in readings {
                for line in reading.lines(offsetDigits: map.offsetDigits) { Output.line(line) }
                switch reading {
                case .value: read += 1
                case .skipped(_, .readSideEffects): sideEffects += 1
                case .skipped: break
                }
            }
        }
        Output.line("dump: \(read) register(s) read" + (sideEffects > 0 ? "; \(sideEffects) with read side effects left alone (--include-side-effects reads them)" : ""))
    }
    /// Region `index` read through whichever backend holds the device: vfio maps it or, for a
    /// region the kernel cannot map, reads it with pread; UIO always maps it. Prints the region's
    /// header line; empty when the region cannot be read.
    private static func readRegion(_ index: Int, of opened: BackendDevice, map: RegisterMap, with reader: RegisterMapReader) throws(DeviceError) -> [RegisterReading] {
        switch opened.opened {
        case .vfio(let device):
            let region = try device.region(index)
            let size = region.info.size
            Output.line("region \(index): block \(staticText(map.name)), \(Format.hex(size)) bytes (the block needs \(Format.hex(map.extent))), \(region.isMapped ? "mapped" : "pread/pwrite")")
            guard region.info.canRead else {
                Output.line("  not read: the kernel does not let this region be read")
                return []
            }
            return region.isMapped
                ? reader.read(map, from: try region.mappedBus(offset: 0, size: size), regionSize: size)
                : reader.read(map, from: try region.fileBus(offset: 0, size: size), regionSize: size)
        case .uio(let device):
            let size = try device.regionSize(index)
            Output.line("region \(index): block \(staticText(map.name)), \(Format.hex(size)) bytes (the block needs \(Format.hex(map.extent))), mapped (uio)")
            return reader.read(map, from: try device.registerBus(region: index, offset: 0, size: size), regionSize: size)
        }
    }
}

/// What `vfioctl dump` can fail with, each naming the way on.
enum DumpError: Error {
    /// Finding, opening or reading the device failed, or the command line was wrong.
    case program(ProgramError)
    /// The device has no device-tree node, so no binding can be chosen.
    case noNode(device: String)
    /// No shipped binding lists any of the node's compatibles.
    case noBinding(node: String, compatibles: [String])

    /// A readable sentence with the fix.
    var description: String {
        switch self {
        case .program(let error):
            return error.description
        case .noNode(let device):
            return "\(device) has no device-tree node, so no binding says what its registers are: read them one by one with `vfioctl read \(device) REGION OFFSET`."
        case .noBinding(let node, let compatibles):
            let listed = compatibles.isEmpty ? "none" : "\"" + compatibles.joined(separator: "\", \"") + "\""
            return "no shipped binding describes \(node) (compatible \(listed)), so its registers are unknown: read them with `vfioctl read DEVICE REGION OFFSET`, or add a binding to bindings/."
        }
    }
}
