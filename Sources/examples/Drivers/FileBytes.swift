import ByteText
import CLinux
import DeviceTree
import ProgramSupport

/// Reading a whole file without Foundation.
public enum FileBytes {
    /// The bytes of the file at `path`.
    public static func read(_ path: String) throws(ProgramError) -> [UInt8] {
        let fd = clinux_open(path, clinux_o_rdonly(), 0)
        if fd < 0 { throw .configuration("cannot open \(path)") }
        defer { _ = close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { CLinux.read(fd, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            bytes.append(contentsOf: chunk[0..<count])
        }
        return bytes
    }
}
