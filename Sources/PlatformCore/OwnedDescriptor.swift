import ByteText
import CLinux

/// A file descriptor this process owns: closed exactly once, when the last reference goes away
/// or when `close()` is called first.
public final class OwnedDescriptor {
    /// The raw descriptor, or -1 once closed.
    public private(set) var rawValue: Int32

    /// Takes ownership of `rawValue`.
    public init(_ rawValue: Int32) { self.rawValue = rawValue }

    /// Opens `path`; the error says which path and why.
    public static func open(_ path: String, flags: Int32, noIOMMU: Bool = false) throws(DeviceError) -> OwnedDescriptor {
        let fd = clinux_open(path, flags, 0o644)
        if fd < 0 {
            let code = currentErrno()
            if code.isPermissionDenial { throw .permissionDenied(path: path, noIOMMU: noIOMMU && code == .notPermitted) }
            throw .systemCall(operation: "open \(path)", errno: code)
        }
        return OwnedDescriptor(fd)
    }

    /// Closes the descriptor now; later calls do nothing.
    public func close() {
        if rawValue >= 0 {
            _ = CLinux.close(rawValue)
            rawValue = -1
        }
    }

    deinit { close() }
}
