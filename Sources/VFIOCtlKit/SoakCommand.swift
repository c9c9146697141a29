import CLinux
import DeviceTree
import PlatformBackends
import ProgramSupport
import Registers
import PlatformCore
import VFIOPlatform

/// `vfioctl soak DEVICE [N]`: opens and closes the device N times (vfio: container, group,
/// device; uio: /dev/uioN; regions mapped, one interrupt connected, one register read), and
/// reports the process's open descriptors and peak memory after a warm-up and at the end: both
/// must stay flat.
enum SoakCommand {
    static func run(_ arguments: CommandLineOptions) throws(ProgramError) {
        let (name, node) = try arguments.resolveDevice()
        let rounds = arguments.positional.count > 1 ? (parseInteger(arguments.positional[1]) ?? 1000) : 1000
        func cycle() throws(ProgramError) {
            let device = try arguments.openDevice(name: name, node: node)
            try driving { () throws(DeviceError) in
                _ = try device.read(UInt32.self, region: 0, at: 0)
                if device.interruptCount > 0 { _ = try device.interrupt(0).take() }
            }
        }
        for _ in 0..<10 { try cycle() }
        let descriptorsBefore = clinux_open_fd_count()
        let memoryBefore = clinux_max_rss_kib()
        let start = clinux_monotonic_ns()
        for _ in 0..<rounds { try cycle() }
        let milliseconds = (clinux_monotonic_ns() - start) / 1_000_000
        let descriptorsAfter = clinux_open_fd_count()
        let memoryAfter = clinux_max_rss_kib()
        Output.line("SOAK: \(name) opened and closed \(rounds) times in \(milliseconds) ms; open fds \(descriptorsBefore) -> \(descriptorsAfter); peak RSS \(memoryBefore) KiB -> \(memoryAfter) KiB")
    }
}
