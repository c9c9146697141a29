import DeviceTree
import PlatformBackends
import ProgramSupport
import PlatformCore
import VFIOPlatform

/// `vfioctl`: lists device-tree devices, their Linux state and the backend serving them, binds
/// them to vfio or UIO and back, shows what the backend reports for a device, and diagnoses what
/// the running kernel lacks. Built for the host and, in Embedded Swift, as a static aarch64
/// binary for the board. (The name is historical: it serves UIO devices as well.)
///
/// This repository's `vfioctl` knows the shipped bindings. Build your own in your package to
/// make it know yours (their bus-master flags decide what opening needs; their register maps are
/// what `dump` decodes): an executable target depending on `VFIOCtlKit` and your bindings'
/// module, whose `main` is `VFIOCtl.run(bindings: ...)` (docs/own-package.md).
public enum VFIOCtl {
    /// The usage text.
    public static let usage = """
    usage: vfioctl COMMAND [DEVICE] [options]
      list                      enabled device-tree devices: Linux name, bus, driver, group, backend
      bind DEVICE               bind to vfio-platform / vfio-amba, or uio_pdrv_genirq (--backend uio)
      release DEVICE            undo a grant, unbind from vfio or uio_pdrv_genirq and give the device back to its
                                previous driver
      grant DEVICE --user NAME [--group NAME] [--udev-rule FILE|-]
                                as root: bind (as `bind` does) and give NAME the device's node (/dev/uioN or the
                                vfio group, 0660) and the device tree blob (group-readable), so that a driver
                                runs as NAME with --no-bind; --udev-rule writes rules repeating it at each boot
      overlay DEVICE... --backend uio|vfio --out NAME
                                write NAME.dtso and NAME.dtbo, an overlay handing the nodes over (enabled; for UIO
                                without "arm,primecell"), and say what the kernel needs then (of_id, a grant)
      run --user NAME [--keep-rawio] PROGRAM [ARGS...]
                                start PROGRAM as NAME with no capabilities (or CAP_SYS_RAWIO alone, which a
                                no-IOMMU vfio driver needs) and no_new_privs, where no service manager does
      info DEVICE               regions, interrupts and flags as VFIO or UIO reports them
      read DEVICE REGION OFFSET [WIDTH]          checked register read (WIDTH 8/16/32/64)
      write DEVICE REGION OFFSET VALUE [WIDTH]   checked register write
      irq DEVICE INDEX [MS]     connect an interrupt and wait for it
      soak DEVICE [N]           open and close the device N times; fds and memory must stay flat
      dump DEVICE [--include-side-effects]   every register of the device's binding, decoded
                                by field; registers whose reads have side effects only when asked
    info, read, write, irq, soak and dump bind DEVICE first when another driver (or none) has it
    (--no-bind: refuse instead); `release` gives it back. --backend auto (the default) takes vfio
    when the kernel has the vfio driver of the device's bus, else UIO for a platform device.
    Through vfio a device is opened in no-IOMMU mode only with --allow-noiommu; one whose shipped
    binding says bus-master, or that no shipped binding describes, also needs --allow-dma-master
    (on UIO too: it never isolates DMA).
      doctor                    what the running kernel lacks for vfio and UIO, with the fix
    DEVICE: 9000000.pl011 | /pl011@9000000 | alias:serial0 | label:uart0 | compatible:arm,pl011
    options: --dtb FILE (instead of /sys/firmware/fdt)  --backend vfio|uio|auto  --allow-noiommu
             --allow-dma-master  --no-bind
    """

    /// Runs vfioctl on the process's command line with `bindings`, and exits: 0 on success, 1
    /// after printing the error, 2 for a command line it cannot use.
    public static func run(bindings: BindingCatalogue = .shipped) -> Never {
        let words = Array(ProgramArguments.all().dropFirst())
        let arguments = CommandLineOptions(words, bindings: bindings)
        do throws(ProgramError) {
            if let first = words.first, first.sameBytes(as: "run") { try RunCommand.run(Array(words.dropFirst())) }
            switch arguments.parsed.choice(at: 0, default: Command.help) ?? .help {
            case .list: try ListCommand.run(arguments)
            case .bind: try BindCommand.run(arguments, release: false)
            case .release: try BindCommand.run(arguments, release: true)
            case .grant: try GrantCommand.run(arguments)
            case .overlay: try OverlayCommand.run(arguments)
            case .run: try RunCommand.run(Array(words.dropFirst()))
            case .info: try InfoCommand.run(arguments)
            case .read: try AccessCommand.read(arguments)
            case .write: try AccessCommand.write(arguments)
            case .irq: try AccessCommand.interrupt(arguments)
            case .soak: try SoakCommand.run(arguments)
            case .dump: Output.exit(DumpCommand.run(arguments))
            case .doctor: Output.exit(DoctorCommand.run(arguments))
            case .help:
                Output.error(usage)
                Output.exit(2)
            }
        } catch {
            Output.error("vfioctl: \(error.description)")
            Output.exit(1)
        }
        Output.exit(0)
    }
}

/// vfioctl's commands, the first word of its command line (`help`, or none, prints the usage).
enum Command: String, CaseIterable {
    case list, bind, release, grant, overlay, run, info, read, write, irq, soak, dump, doctor, help
}
