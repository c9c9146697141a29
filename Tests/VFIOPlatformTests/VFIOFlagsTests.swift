import CLinux
import XCTest
import PlatformCore
@testable import VFIOPlatform

/// The VFIO flag option sets carry the kernel header's values (linux/vfio.h, through CLinux), so
/// decoding what an ioctl returned names the right flags.
final class VFIOFlagsTests: XCTestCase {
    func testDeviceFlagsAreTheHeaderValues() {
        XCTAssertEqual(VFIODeviceFlags.reset.rawValue, UInt32(VFIO_DEVICE_FLAGS_RESET))
        XCTAssertEqual(VFIODeviceFlags.pci.rawValue, UInt32(VFIO_DEVICE_FLAGS_PCI))
        XCTAssertEqual(VFIODeviceFlags.platform.rawValue, UInt32(VFIO_DEVICE_FLAGS_PLATFORM))
        XCTAssertEqual(VFIODeviceFlags.amba.rawValue, UInt32(VFIO_DEVICE_FLAGS_AMBA))
        XCTAssertEqual(VFIODeviceFlags.ccw.rawValue, UInt32(VFIO_DEVICE_FLAGS_CCW))
        XCTAssertEqual(VFIODeviceFlags.ap.rawValue, UInt32(VFIO_DEVICE_FLAGS_AP))
        XCTAssertEqual(VFIODeviceFlags.fslMC.rawValue, UInt32(VFIO_DEVICE_FLAGS_FSL_MC))
        XCTAssertEqual(VFIODeviceFlags.capabilities.rawValue, UInt32(VFIO_DEVICE_FLAGS_CAPS))
        // VFIO_DEVICE_FLAGS_CDX (1 << 8, Linux 6.6) is newer than Debian 12's linux-libc-dev.
        XCTAssertEqual(VFIODeviceFlags.cdx.rawValue, UInt32(VFIO_DEVICE_FLAGS_CAPS) << 1)
    }

    func testRegionFlagsAreTheHeaderValues() {
        XCTAssertEqual(VFIORegionFlags.read.rawValue, UInt32(VFIO_REGION_INFO_FLAG_READ))
        XCTAssertEqual(VFIORegionFlags.write.rawValue, UInt32(VFIO_REGION_INFO_FLAG_WRITE))
        XCTAssertEqual(VFIORegionFlags.mmap.rawValue, UInt32(VFIO_REGION_INFO_FLAG_MMAP))
        XCTAssertEqual(VFIORegionFlags.capabilities.rawValue, UInt32(VFIO_REGION_INFO_FLAG_CAPS))
    }

    func testInterruptAndGroupFlagsAreTheHeaderValues() {
        XCTAssertEqual(InterruptFlags.eventfd.rawValue, UInt32(VFIO_IRQ_INFO_EVENTFD))
        XCTAssertEqual(InterruptFlags.maskable.rawValue, UInt32(VFIO_IRQ_INFO_MASKABLE))
        XCTAssertEqual(InterruptFlags.automasked.rawValue, UInt32(VFIO_IRQ_INFO_AUTOMASKED))
        XCTAssertEqual(InterruptFlags.noResize.rawValue, UInt32(VFIO_IRQ_INFO_NORESIZE))
        XCTAssertEqual(VFIOGroupFlags.viable.rawValue, UInt32(VFIO_GROUP_FLAGS_VIABLE))
        XCTAssertEqual(VFIOGroupFlags.containerSet.rawValue, UInt32(VFIO_GROUP_FLAGS_CONTAINER_SET))
    }

    /// What the kernel reported for QEMU's PL011 and fw-cfg, and a platform device with a reset
    /// module, decoded by name.
    func testKernelWordsDecodeByName() {
        let pl011 = VFIODeviceFlags(rawValue: 0x8)
        XCTAssertEqual(pl011, .amba)
        XCTAssertFalse(pl011.contains(.reset))
        XCTAssertEqual(pl011.description, "amba")
        let resettable = VFIODeviceFlags(rawValue: 0x5)
        XCTAssertTrue(resettable.contains(.reset), "bit 0 is VFIO_DEVICE_FLAGS_RESET")
        XCTAssertEqual(resettable.description, "reset|platform")
        XCTAssertFalse(VFIODeviceFlags(rawValue: 0x2).contains(.reset), "bit 1 is PCI, not reset")
        XCTAssertEqual(VFIODeviceFlags(rawValue: 0x1004).description, "platform|0x1000", "unknown bits are shown, not dropped")

        let mappable = RegionInfo(index: 0, size: 0x1000, fileOffset: 0, flags: VFIORegionFlags(rawValue: 7))
        XCTAssertTrue(mappable.canRead && mappable.canWrite && mappable.canMap)
        XCTAssertEqual(mappable.flags.description, "read|write|mmap")
        let fwcfg = RegionInfo(index: 0, size: 0x18, fileOffset: 0, flags: VFIORegionFlags(rawValue: 3))
        XCTAssertFalse(fwcfg.canMap)

        let level = InterruptInfo(index: 0, count: 1, flags: InterruptFlags(rawValue: 7))
        XCTAssertTrue(level.isAutomasked && level.isMaskable && level.supportsEventfd)
        XCTAssertEqual(level.delivery, .level)
        let edge = InterruptInfo(index: 0, count: 1, flags: InterruptFlags(rawValue: 3))
        XCTAssertEqual(edge.delivery, .edge)
        XCTAssertEqual(InterruptFlags().description, "none")
    }
}
