import CFIFlash
import DeviceConfig
import DeviceTree
import FlashRegisters
import ProgramSupport
import PlatformCore
import VFIOPlatform

/// `flashid [--allow-noiommu]`: identifies the CFI NOR flash of the running board, bank by bank,
/// through VFIO. The flash is bound to vfio-platform for the run and given back after.
@main
struct FlashID {
    static func main() {
        // ParsedArguments compares by bytes: `==` on String would link Unicode tables (docs/own-package.md).
        let arguments = ParsedArguments(valued: [])
        let options = OpenOptions(allowNoIOMMU: arguments.has("--allow-noiommu"), bindIfNeeded: true)
        let node: DeviceTreeNode
        do {
            let tree = try DeviceTree.runningSystem()
            guard let found = tree.nodes(compatibleWith: "cfi-flash").first(where: { $0.isEnabled }) else {
                fail("no enabled cfi-flash node in the running device tree")
            }
            node = found
        } catch {
            fail(error.description)
        }
        let config: CFIFlashConfig
        do { config = try CFIFlashConfig(node: node) } catch { fail(error.description) }
        let held = identify(config: config, options: options)
        // Every file of the device is closed now: give it back to what had it before.
        do { try DriverBinder().release(DeviceLocator().refresh(held)) } catch { fail(error.description) }
    }

    /// Opens the flash, prints each bank's geometry, and closes it; returns the device as bound.
    static func identify(config: CFIFlashConfig, options: OpenOptions) -> LinuxDevice {
        let device: VFIODevice
        do { device = try VFIODevice.open(config, options: options) } catch { fail(error.description) }
        for bank in 0..<device.regionCount {
            do {
                let flash = try CFIFlash(device: device, bank: bank, bankWidth: config.bankWidth)
                let geometry = try flash.query()
                var regions = ""
                for region in geometry.eraseRegions {
                    regions += (regions.isEmpty ? "" : ", ") + "\(region.blocks) x \(region.blockSize / 1024) KiB"
                }
                Output.line("FLASH: \(config.node.path) bank \(bank): \(geometry.interleave) chip(s), CFI command set 0x\(String(geometry.commandSet, radix: 16)) (\(geometry.commandSetName)), \(geometry.bankSize >> 20) MiB, write buffer \(geometry.writeBufferSize) bytes per chip, erase blocks \(regions)")
            } catch {
                fail("bank \(bank): \(error.description)")
            }
        }
        return device.linuxDevice
    }

    static func fail(_ message: String) -> Never {
        Output.error("flashid: " + message)
        Output.exit(1)
    }
}
