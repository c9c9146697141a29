import ByteText
import DeviceTree
import PlatformBackends
import ProgramSupport
import Registers
import PlatformCore
import VFIOPlatform

/// `vfioctl read DEVICE REGION OFFSET [WIDTH]`, `vfioctl write DEVICE REGION OFFSET VALUE [WIDTH]`
/// and `vfioctl irq DEVICE INDEX [MILLISECONDS]`: checked register peeks and pokes, and an
/// interrupt wait, for bring-up; through vfio or UIO (`--backend`).
enum AccessCommand {
    static func read(_ arguments: CommandLineOptions) throws(ProgramError) {
        let region = try number(arguments, 1, "REGION")
        let offset = try number(arguments, 2, "OFFSET")
        let width = try self.width(arguments, 3)
        let device = try arguments.openDevice()
        try driving { () throws(DeviceError) in
            let value: UInt64
            switch width {
            case 8: value = UInt64(try device.read(UInt8.self, region: region, at: offset))
            case 16: value = UInt64(try device.read(UInt16.self, region: region, at: offset))
            case 32: value = UInt64(try device.read(UInt32.self, region: region, at: offset))
            case 64: value = try device.read(UInt64.self, region: region, at: offset)
            default: throw .unsupportedWidth(width: width / 8, reason: "widths are 8, 16, 32 or 64 bits")
            }
            Output.line("\(device.name) region \(region) \(Format.hex(offset)): \(Format.hex(value))")
        }
    }

    static func write(_ arguments: CommandLineOptions) throws(ProgramError) {
        let region = try number(arguments, 1, "REGION")
        let offset = try number(arguments, 2, "OFFSET")
        let value = try number(arguments, 3, "VALUE")
        let width = try self.width(arguments, 4)
        let device = try arguments.openDevice()
        try driving { () throws(DeviceError) in
            switch width {
            case 8: try device.write(UInt8(truncatingIfNeeded: value), region: region, at: offset)
            case 16: try device.write(UInt16(truncatingIfNeeded: value), region: region, at: offset)
            case 32: try device.write(UInt32(truncatingIfNeeded: value), region: region, at: offset)
            case 64: try device.write(UInt64(truncatingIfNeeded: value), region: region, at: offset)
            default: throw .unsupportedWidth(width: width / 8, reason: "widths are 8, 16, 32 or 64 bits")
            }
            Output.line("\(device.name) region \(region) \(Format.hex(offset)) <- \(Format.hex(value))")
        }
    }

    static func interrupt(_ arguments: CommandLineOptions) throws(ProgramError) {
        let index = try number(arguments, 1, "INDEX")
        let milliseconds = arguments.positional.count > 2 ? try number(arguments, 2, "MILLISECONDS") : 0
        let device = try arguments.openDevice()
        try driving { () throws(DeviceError) in
            let line = try device.interrupt(index)
            let count = try line.wait(milliseconds: Int32(milliseconds))
            Output.line("\(device.name) irq \(line.index) (\(line.delivery)): fired \(count) time(s)")
        }
    }

    /// Positional word `index` as a decimal or 0x-prefixed hex number.
    private static func number(_ arguments: CommandLineOptions, _ index: Int, _ what: String) throws(ProgramError) -> Int {
        guard index < arguments.positional.count, let value = parseInteger(arguments.positional[index]) else {
            throw .usage("expected \(what) as a number (decimal or 0x hex) at argument \(index + 1)")
        }
        return value
    }

    /// Positional word `index` as an access width in bits (8, 16, 32 or 64), 32 when absent.
    private static func width(_ arguments: CommandLineOptions, _ index: Int) throws(ProgramError) -> Int {
        guard index < arguments.positional.count else { return 32 }
        let bits = try number(arguments, index, "WIDTH")
        guard bits == 8 || bits == 16 || bits == 32 || bits == 64 else {
            throw .usage("WIDTH is 8, 16, 32 or 64 (bits), not \(bits)")
        }
        return bits
    }
}

/// Parses "42" or "0x2a"; nil when it is neither.
func parseInteger(_ text: String) -> Int? {
    if let digits = text.bytesAfter(prefix: "0x") ?? text.bytesAfter(prefix: "0X") { return Int(digits, radix: 16) }
    return Int(text, radix: 10)
}
