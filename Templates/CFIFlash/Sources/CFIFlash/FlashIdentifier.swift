import DeviceTree
import DriverModel
import FlashRegisters
import PlatformCore
import ProgramSupport

/// The flash identifier as a driver of the host: for each enabled cfi-flash node, prints every
/// bank's geometry, then finishes (the host gives the device back). Generic over
/// `PlatformDevice`: the board runs it on `BackendDevice`, the tests on a simulated flash.
public final class FlashIdentifier<Device: PlatformDevice>: PlatformDriver {
    /// "cfi-flash-id".
    public static var name: String { "cfi-flash-id" }

    /// The geometry of each bank, in `reg` order.
    public let banks: [FlashGeometry]
    private let flashes: [CFIFlash<Device>]

    private init(flashes: [CFIFlash<Device>], banks: [FlashGeometry]) {
        self.flashes = flashes
        self.banks = banks
    }

    /// Queries every bank of `device` and prints what it found.
    public static func probe(device: Device, config: CFIFlashConfig, context: DriverContext) throws(ProgramError) -> FlashIdentifier {
        var flashes: [CFIFlash<Device>] = []
        var banks: [FlashGeometry] = []
        for bank in 0..<device.regionCount {
            do throws(FlashError) {
                let flash = try CFIFlash(device: device, bank: bank, bankWidth: config.bankWidth)
                let geometry = try flash.query()
                flashes.append(flash)
                banks.append(geometry)
                Output.line("FLASH: \(config.node.path) bank \(bank): \(geometry.summary)")
            } catch {
                throw error.programError(bank: bank)
            }
        }
        context.finish()
        return FlashIdentifier(flashes: flashes, banks: banks)
    }

    /// The identifier asks for no events.
    public func handle(_ event: DriverEvent, context: DriverContext) throws(ProgramError) {}

    /// Leaves every bank reading the array.
    public func remove() {
        for flash in flashes { flash.readArray() }
    }
}

extension FlashError {
    /// The error as a program reports it: a device error stays typed, the others are the flash
    /// not behaving as a CFI flash of this layout.
    func programError(bank: Int) -> ProgramError {
        if case .device(let error) = self { return .device(error) }
        return .behaviour("bank \(bank): \(description)")
    }
}
