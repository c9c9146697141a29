import XCTest
@testable import PlatformCore

/// `InterruptLine.rearm()` after the driver cleared the device's cause: an unmask for a line the
/// kernel automasks, nothing for one it offers as edge (the Raspberry Pi's armctrl lines, flags
/// 0x1), where `unmask()` is refused as the kernel would refuse it.
final class InterruptRearmTests: XCTestCase {
    final class RecordingControl: InterruptControl {
        var calls: [String] = []
        func setMasked(_ masked: Bool, interrupt index: Int) throws(DeviceError) { calls.append("masked \(masked) \(index)") }
        func setTrigger(interrupt index: Int, eventfd: Int32) throws(DeviceError) { calls.append(eventfd < 0 ? "detach \(index)" : "trigger \(index)") }
    }

    func testRearmUnmasksAnAutomaskedLine() throws {
        let control = RecordingControl()
        let line = try InterruptLine(info: InterruptInfo(index: 0, count: 1, flags: [.eventfd, .maskable, .automasked]), control: control)
        try line.rearm()
        XCTAssertEqual(control.calls, ["trigger 0", "masked false 0"])
    }

    func testRearmLeavesAnEdgeLineAlone() throws {
        let control = RecordingControl()
        let line = try InterruptLine(info: InterruptInfo(index: 1, count: 1, flags: [.eventfd]), control: control)
        try line.rearm()
        XCTAssertEqual(control.calls, ["trigger 1"])
        XCTAssertThrowsError(try line.unmask()) {
            XCTAssertEqual($0 as? DeviceError, .interruptCapability(index: 1, missing: .maskable))
        }
        XCTAssertEqual(control.calls, ["trigger 1"])
    }
}
