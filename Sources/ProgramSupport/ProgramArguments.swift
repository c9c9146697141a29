import CLinux

/// The program's command-line arguments, read from /proc/self/cmdline: Embedded Swift has no
/// `CommandLine`, and this works the same in host and Embedded builds.
public enum ProgramArguments {
    /// All arguments, the program name first; empty when /proc is not mounted.
    public static func all() -> [String] {
        let fd = clinux_open("/proc/self/cmdline", clinux_o_rdonly(), 0)
        if fd < 0 { return [] }
        defer { _ = close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        var arguments: [String] = []
        var current: [UInt8] = []
        for byte in bytes {
            if byte == 0 {
                arguments.append(String(decoding: current, as: UTF8.self))
                current.removeAll()
            } else {
                current.append(byte)
            }
        }
        if !current.isEmpty { arguments.append(String(decoding: current, as: UTF8.self)) }
        return arguments
    }
}
