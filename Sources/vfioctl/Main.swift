import VFIOCtlKit

/// This repository's vfioctl: the tool with the shipped bindings.
@main
struct VFIOCtlMain {
    static func main() { VFIOCtl.run() }
}
