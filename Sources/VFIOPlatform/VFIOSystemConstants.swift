import CLinux

/// Numbers of the VFIO API that are not flags of one call.
public enum VFIOSystemConstants {
    /// VFIO_API_VERSION: the container API version this library speaks.
    public static var apiVersion: UInt32 { clinux_vfio_api_version() }
}
