import DeviceTree
import ProgramSupport
import VFIOPlatform

/// `vfioctl`: lists device-tree devices and their Linux state, binds them to vfio and back,
/// shows what VFIO reports for a device, and diagnoses what the running kernel lacks.
/// Built for the host and, in Embedded Swift, as a static aarch64 binary for the board.
@main
struct VFIOCtl {
    static let usage = """
    usage: vfioctl COMMAND [DEVICE] [options]
      list                      enabled device-tree devices: Linux name, bus, driver, group
      bind DEVICE               bind to vfio-platform / vfio-amba (previous driver remembered)
      release DEVICE            unbind from vfio and give the device back to its previous driver
      info DEVICE               regions, interrupts and flags as VFIO reports them
      read DEVICE REGION OFFSET [WIDTH]          checked register read (WIDTH 8/16/32/64)
      write DEVICE REGION OFFSET VALUE [WIDTH]   checked register write
      irq DEVICE INDEX [MS]     connect an interrupt and wait for it
      soak DEVICE [N]           open and close the device N times; fds and memory must stay flat
      dump DEVICE [--include-side-effects]   every register of the device's binding, decoded
                                by field; registers whose reads have side effects only when asked
    info, read, write, irq, soak and dump bind DEVICE to vfio first when another driver (or none) has it
    (--no-bind: refuse instead); `release` gives it back. A device is opened in no-IOMMU mode only
    with --allow-noiommu; one whose shipped binding says bus-master, or that no shipped binding
    describes, also needs --allow-dma-master.
      doctor                    what the running kernel lacks for vfio-platform, with the fix
    DEVICE: 9000000.pl011 | /pl011@9000000 | alias:serial0 | label:uart0 | compatible:arm,pl011
    options: --dtb FILE (instead of /sys/firmware/fdt)  --allow-noiommu  --allow-dma-master  --no-bind
    """

    static func main() {
        let arguments = CommandLineOptions(Array(ProgramArguments.all().dropFirst()))
        do {
            switch arguments.command {
            case "list": try ListCommand.run(arguments)
            case "bind": try BindCommand.run(arguments, release: false)
            case "release": try BindCommand.run(arguments, release: true)
            case "info": try InfoCommand.run(arguments)
            case "read": try AccessCommand.read(arguments)
            case "write": try AccessCommand.write(arguments)
            case "irq": try AccessCommand.interrupt(arguments)
            case "soak": try SoakCommand.run(arguments)
            case "dump": Output.exit(DumpCommand.run(arguments))
            case "doctor": Output.exit(DoctorCommand.run(arguments))
            default:
                Output.error(usage)
                Output.exit(2)
            }
        } catch {
            Output.error("vfioctl: \(error.description)")
            Output.exit(1)
        }
    }
}
