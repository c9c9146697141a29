import ByteText
import DeviceTree
import ProgramSupport

/// A probed instance, its driver type erased (a class: Embedded Swift specialises each subclass).
class DriverInstance {
    /// Hands the instance one of its events.
    func handle(_ event: DriverEvent, context: DriverContext) throws(ProgramError) {}
    /// Quiesces the instance's hardware.
    func remove() {}
}

/// The instance of driver `Driver`.
final class TypedDriverInstance<Driver: PlatformDriver>: DriverInstance {
    let driver: Driver

    init(_ driver: Driver) { self.driver = driver }

    override func handle(_ event: DriverEvent, context: DriverContext) throws(ProgramError) {
        try driver.handle(event, context: context)
    }

    override func remove() { driver.remove() }
}
