import CLinux
import DriverModel
import PlatformCore
import XCTest

/// The event loop on its own: timers through timerfd, re-arming, and a source removed while
/// its wake-up is pending.
final class EventLoopTests: XCTestCase {
    func testARearmedTimerWaitsItsNewTime() throws {
        let loop = try EventLoop(watchTermination: false)
        let token = try loop.startTimer(firstNanoseconds: 5_000_000, periodNanoseconds: 0, owner: 7)
        try loop.rearmTimer(token, firstNanoseconds: 300_000_000, periodNanoseconds: 0)
        XCTAssertNil(try loop.next(milliseconds: 50), "re-armed for 300 ms: nothing within 50 ms")
        let started = clinux_monotonic_ns()
        XCTAssertEqual(try loop.next(milliseconds: 2_000), .driver(owner: 7, .timer(token, expirations: 1)))
        XCTAssertGreaterThan(clinux_monotonic_ns() - started, 150_000_000)
    }

    func testASourceRemovedWhileItsWakeUpIsPendingIsNotDelivered() throws {
        let loop = try EventLoop(watchTermination: false)
        let first = try loop.startTimer(firstNanoseconds: 1_000_000, periodNanoseconds: 0, owner: 1)
        let second = try loop.startTimer(firstNanoseconds: 1_000_000, periodNanoseconds: 0, owner: 2)
        clinux_sleep_ns(20_000_000)
        // Both expired; the first delivered is handled, and its handler removes the other.
        guard case .driver(let owner, .timer(let token, _))? = try loop.next(milliseconds: 1_000) else { return XCTFail("no timer") }
        loop.remove(token == first ? second : first)
        XCTAssertTrue(owner == 1 || owner == 2)
        XCTAssertNil(try loop.next(milliseconds: 20), "the removed timer's pending wake-up is dropped")
        XCTAssertEqual(loop.sourceCount(owner: 1) + loop.sourceCount(owner: 2), 1)
    }

    func testAFreedPositionIsReusedSoRestartedTimersDoNotGrowTheLoop() throws {
        let loop = try EventLoop(watchTermination: false)
        let first = try loop.startTimer(firstNanoseconds: 1_000_000_000, periodNanoseconds: 0, owner: 0)
        loop.remove(first)
        let second = try loop.startTimer(firstNanoseconds: 1_000_000_000, periodNanoseconds: 0, owner: 0)
        XCTAssertEqual(second, first)
    }
}
