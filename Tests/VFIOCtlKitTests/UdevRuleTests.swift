@testable import VFIOCtlKit
import PlatformCore
import XCTest

/// The rules `vfioctl grant --udev-rule` writes repeat the grant at each boot.
final class UdevRuleTests: XCTestCase {
    func testAUIORuleBindsAtBootAndGivesTheNodeAway() {
        let rule = UdevRule(device: "9000000.pl011", bus: .platform, driver: "uio_pdrv_genirq", backend: .uio, user: "pdriver", group: "pdriver")
        let lines = rule.text.split(separator: "\n").filter { !$0.hasPrefix("#") }
        XCTAssertEqual(lines, [
            #"ACTION=="add", SUBSYSTEM=="platform", KERNEL=="9000000.pl011", RUN+="/usr/local/bin/vfioctl bind 9000000.pl011 --backend uio""#,
            #"ACTION=="add", SUBSYSTEM=="uio", KERNELS=="9000000.pl011", OWNER="pdriver", GROUP="pdriver", MODE="0660""#,
        ])
    }

    func testAVFIORuleFindsTheGroupThroughItsDevices() {
        let rule = UdevRule(device: "9000000.pl011", bus: .amba, driver: "vfio-amba", backend: .vfio, user: "pdriver", group: "20")
        XCTAssertTrue(rule.text.contains(#"SUBSYSTEM=="amba", KERNEL=="9000000.pl011", RUN+="/usr/local/bin/vfioctl bind 9000000.pl011 --backend vfio""#), rule.text)
        XCTAssertTrue(rule.text.contains(#"SUBSYSTEM=="vfio", KERNEL=="noiommu-*|[0-9]*", PROGRAM="/bin/ls /sys/kernel/iommu_groups/%n/devices", RESULT=="*9000000.pl011*", OWNER="pdriver", GROUP="20", MODE="0660""#), rule.text)
    }
}
