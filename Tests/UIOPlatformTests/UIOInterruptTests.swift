import Foundation
import XCTest
@testable import UIOPlatform
import PlatformCore

/// The UIO interrupt protocol, against a socket pair standing in for /dev/uioN: the "kernel"
/// end writes 32-bit event counts for read() to return, and reads the 32-bit words the
/// interrupt writes (1 = enable, 0 = disable).
final class UIOInterruptTests: XCTestCase {
    private var kernel: Int32 = -1
    private var storedLine: UIOInterrupt?
    // Not an implicitly unwrapped optional: on one, `line.take()` would be Optional.take().
    private var line: UIOInterrupt { storedLine! }

    override func setUpWithError() throws {
        var fds: [Int32] = [0, 0]
        XCTAssertEqual(socketpair(AF_UNIX, Int32(SOCK_SEQPACKET.rawValue), 0, &fds), 0)
        XCTAssertEqual(fcntl(fds[0], F_SETFL, fcntl(fds[0], F_GETFL) | O_NONBLOCK), 0)
        kernel = fds[1]
        storedLine = try UIOInterrupt(descriptor: OwnedDescriptor(fds[0]), path: "/dev/uio0", count: 40)
    }

    override func tearDown() {
        storedLine = nil
        close(kernel)
    }

    /// The kernel's count moves to `count`.
    private func fire(_ count: UInt32) {
        var value = count
        XCTAssertEqual(withUnsafeBytes(of: &value) { write(kernel, $0.baseAddress, 4) }, 4)
    }

    /// The 32-bit words the interrupt wrote so far.
    private func controlWords() -> [Int32] {
        var words: [Int32] = []
        var value: Int32 = 0
        var ready = pollfd(fd: kernel, events: Int16(POLLIN), revents: 0)
        while poll(&ready, 1, 0) > 0 {
            guard withUnsafeMutableBytes(of: &value, { read(kernel, $0.baseAddress, 4) }) == 4 else { break }
            words.append(value)
        }
        return words
    }

    func testMakingTheLineEnablesIt() {
        XCTAssertEqual(controlWords(), [1], "a previous holder may have left it disabled")
    }

    func testWaitReturnsHowFarTheCountMoved() throws {
        _ = controlWords()
        fire(41)
        XCTAssertEqual(try line.wait(milliseconds: 100), 1)
        fire(44)
        XCTAssertEqual(try line.wait(milliseconds: 100), 3, "three interrupts since the last wait")
        XCTAssertEqual(try line.wait(milliseconds: 20), 0, "nothing more: timeout")
    }

    func testWaitBlocksUntilTheInterruptComes() throws {
        let kernel = self.kernel
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.05) {
            var value: UInt32 = 41
            _ = withUnsafeBytes(of: &value) { write(kernel, $0.baseAddress, 4) }
        }
        let start = Date()
        XCTAssertEqual(try line.wait(milliseconds: 2000), 1)
        XCTAssertGreaterThan(Date().timeIntervalSince(start), 0.03)
    }

    func testTakeDoesNotBlock() {
        XCTAssertEqual(line.take(), 0)
        fire(42)
        XCTAssertEqual(line.take(), 2)
        XCTAssertEqual(line.take(), 0)
    }

    func testCountWrapsAndABaselineAheadOfTheFirstReadStillCountsOnce() {
        fire(40)  // the baseline was read a moment after the interrupt the read reports
        XCTAssertEqual(line.take(), 1)
        fire(UInt32.max)
        _ = line.take()
        fire(1)  // wrapped past 2^32
        XCTAssertEqual(line.take(), 2)
    }

    func testUnmaskWritesOneAndMaskWritesZero() throws {
        _ = controlWords()
        try line.unmask()
        try line.mask()
        try line.unmask()
        XCTAssertEqual(controlWords(), [1, 0, 1])
    }

    func testAFailingWriteIsATypedError() throws {
        close(kernel)
        kernel = -1
        XCTAssertThrowsError(try line.unmask()) { error in
            guard case .systemCall(let operation, _)? = error as? DeviceError else { return XCTFail("\(error)") }
            XCTAssertEqual(operation, "write 1 (enable the interrupt) to /dev/uio0")
        }
    }

    func testInterruptSetWaitsOnUIOLines() throws {
        let set = try InterruptSet<UIOInterrupt>()
        try set.add(line)
        XCTAssertEqual(try set.wait(milliseconds: 0), [])
        fire(41)
        XCTAssertEqual(try set.wait(milliseconds: 100), [0])
    }
}
