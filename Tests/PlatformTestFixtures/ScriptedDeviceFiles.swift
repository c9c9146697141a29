import PlatformCore

/// The kernel's open and mmap, except where a test says otherwise: `failingOpen` and
/// `failingMap` make those calls fail with the errno given (EPERM as root, say, which no file
/// mode can produce), and `liveMappings` proves every mapping was undone.
public final class ScriptedDeviceFiles: DeviceFileCalls {
    /// The errno every open fails with, when set.
    public var failingOpen: Errno?
    /// The errno every mmap fails with, when set.
    public var failingMap: Errno?
    /// The paths opened, in order.
    public private(set) var opened: [String] = []
    /// How many mappings are live.
    public private(set) var liveMappings = 0

    /// Real calls until a failure is scripted.
    public init() {}

    public func openReadWrite(_ path: String, nonBlocking: Bool) throws(Errno) -> Int32 {
        opened.append(path)
        if let failingOpen { throw failingOpen }
        return try linuxOpenReadWrite(path, nonBlocking: nonBlocking)
    }

    public func mapShared(_ descriptor: Int32, length: Int, offset: Int64) throws(Errno) -> UnsafeMutableRawPointer {
        if let failingMap { throw failingMap }
        let pointer = try linuxMapShared(descriptor, length: length, offset: offset)
        liveMappings += 1
        return pointer
    }

    public func unmap(_ pointer: UnsafeMutableRawPointer, length: Int) {
        liveMappings -= 1
        linuxUnmap(pointer, length: length)
    }
}
