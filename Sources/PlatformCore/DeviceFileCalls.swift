import CLinux

/// The system calls a backend makes on device files: opening them and mapping their pages.
///
/// This is the seam between the backends and the kernel, in the manner of rust-vmm's
/// `vfio_syscall`: the backends call the kernel only through it (`LinuxDeviceFiles` on a real
/// system), and host tests pass their own conformance to drive every success and failure path
/// without a kernel. Register accesses never go through it: they are loads and stores on the
/// mapping it returned. Class-bound, so a backend can hold one in Embedded Swift.
public protocol DeviceFileCalls: AnyObject {
    /// Opens `path` read-write and close-on-exec (non-blocking when asked): the descriptor, or
    /// the errno the open failed with.
    func openReadWrite(_ path: String, nonBlocking: Bool) throws(Errno) -> Int32
    /// Maps `length` bytes at `offset` of `descriptor`, shared and read-write.
    func mapShared(_ descriptor: Int32, length: Int, offset: Int64) throws(Errno) -> UnsafeMutableRawPointer
    /// Unmaps `length` bytes at `pointer`, which `mapShared` returned.
    func unmap(_ pointer: UnsafeMutableRawPointer, length: Int)
}

/// The kernel's own open, mmap and munmap: the `DeviceFileCalls` a program runs with (and, with
/// the VFIO ioctls added, `LinuxVFIOSystemCalls`).
open class LinuxDeviceFiles: DeviceFileCalls {
    /// The real system calls.
    public init() {}

    /// open(2), read-write, close-on-exec.
    public func openReadWrite(_ path: String, nonBlocking: Bool) throws(Errno) -> Int32 {
        try linuxOpenReadWrite(path, nonBlocking: nonBlocking)
    }

    /// mmap(2), shared, read-write.
    public func mapShared(_ descriptor: Int32, length: Int, offset: Int64) throws(Errno) -> UnsafeMutableRawPointer {
        try linuxMapShared(descriptor, length: length, offset: offset)
    }

    /// munmap(2).
    public func unmap(_ pointer: UnsafeMutableRawPointer, length: Int) { linuxUnmap(pointer, length: length) }
}

/// open(2) read-write and close-on-exec, non-blocking when asked; throws the errno.
public func linuxOpenReadWrite(_ path: String, nonBlocking: Bool) throws(Errno) -> Int32 {
    let fd = clinux_open(path, clinux_o_rdwr() | (nonBlocking ? clinux_o_nonblock() : 0), 0)
    if fd < 0 { throw currentErrno() }
    return fd
}

/// mmap(2) shared read-write; throws the errno.
public func linuxMapShared(_ descriptor: Int32, length: Int, offset: Int64) throws(Errno) -> UnsafeMutableRawPointer {
    guard let pointer = clinux_mmap_shared(descriptor, length, offset) else { throw currentErrno() }
    return pointer
}

/// munmap(2).
public func linuxUnmap(_ pointer: UnsafeMutableRawPointer, length: Int) { _ = munmap(pointer, length) }
