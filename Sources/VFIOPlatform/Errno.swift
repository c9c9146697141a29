import CLinux

/// A short readable name for the errno values VFIO and sysfs actually produce.
public func errnoName(_ code: Int32) -> String {
    switch code {
    case EPERM: return "EPERM (operation not permitted)"
    case ENOENT: return "ENOENT (no such file or directory)"
    case EIO: return "EIO (input/output error)"
    case EBADF: return "EBADF (bad file descriptor)"
    case EAGAIN: return "EAGAIN (try again)"
    case ENOMEM: return "ENOMEM (out of memory)"
    case EACCES: return "EACCES (permission denied)"
    case EFAULT: return "EFAULT (bad address)"
    case EBUSY: return "EBUSY (device or resource busy)"
    case EEXIST: return "EEXIST (exists)"
    case ENODEV: return "ENODEV (no such device)"
    case EINVAL: return "EINVAL (invalid argument)"
    case ENOTTY: return "ENOTTY (inappropriate ioctl)"
    case ENOSPC: return "ENOSPC (no space left)"
    case ENXIO: return "ENXIO (no such device or address)"
    case EINTR: return "EINTR (interrupted)"
    default: return "errno \(code)"
    }
}

/// The calling thread's errno.
@inline(__always)
package func currentErrno() -> Int32 { clinux_errno() }
