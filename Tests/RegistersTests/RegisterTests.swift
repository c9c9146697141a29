import Registers
import XCTest

// Register specs written the way dtbind generates them.

/// A read/write control register: 32-bit, reset 0x300, a 3-bit field at 11, a W1C flag at 16.
struct Control: RegisterSpec, RegisterView, Equatable {
    typealias Access = ReadWrite
    typealias Read = Control
    typealias Write = Control
    static var resetValue: UInt32 { 0x300 }
    static var modifyPreservedBits: UInt32 { ~(1 << 16) }
    var rawValue: UInt32
    init(rawValue: UInt32) { self.rawValue = rawValue }

    var enable: Bool {
        get { bit(0) }
        set { setBit(0, newValue) }
    }
    var mode: UInt8 {
        get { bits(11, 3) }
        set { setBits(11, 3, newValue) }
    }
    var txEnable: Bool {
        get { bit(8) }
        set { setBit(8, newValue) }
    }
    var overrun: Bool {
        get { bit(16) }
        set { setBit(16, newValue) }
    }
}

/// A read-only status register.
struct Status: RegisterSpec, RegisterView {
    typealias Access = ReadOnly
    typealias Read = Status
    typealias Write = Status
    static var resetValue: UInt32 { 0x90 }
    var rawValue: UInt32
    init(rawValue: UInt32) { self.rawValue = rawValue }
    var full: Bool { bit(5) }
}

/// A write-one-to-clear interrupt status register.
struct Pending: RegisterSpec, RegisterView {
    typealias Access = WriteOneToClear
    typealias Read = Pending
    typealias Write = Pending
    static var resetValue: UInt32 { 0 }
    var rawValue: UInt32
    init(rawValue: UInt32) { self.rawValue = rawValue }
    var rx: Bool {
        get { bit(4) }
        set { setBit(4, newValue) }
    }
    var tx: Bool {
        get { bit(5) }
        set { setBit(5, newValue) }
    }
}

/// A big-endian 16-bit write-only selector.
struct Selector: RegisterSpec, RegisterView {
    typealias Access = WriteOnly
    typealias Read = Selector
    typealias Write = Selector
    static var resetValue: UInt16 { 0 }
    static var isBigEndian: Bool { true }
    var rawValue: UInt16
    init(rawValue: UInt16) { self.rawValue = rawValue }
    var key: UInt16 {
        get { bits(0, 14) }
        set { setBits(0, 14, newValue) }
    }
}

/// A 64-bit register with one full-width field.
struct Wide: RegisterSpec, RegisterView {
    typealias Access = ReadWrite
    typealias Read = Wide
    typealias Write = Wide
    static var resetValue: UInt64 { 0 }
    var rawValue: UInt64
    init(rawValue: UInt64) { self.rawValue = rawValue }
    var value: UInt64 {
        get { bits(0, 64) }
        set { setBits(0, 64, newValue) }
    }
    var top: Bool {
        get { bit(63) }
        set { setBit(63, newValue) }
    }
}

final class RegisterTests: XCTestCase {
    func testReadIsOneAccessAndDecodesFields() {
        let bus = RecordingBus()
        bus.values[0x18] = 0x20
        let status = Register<Status, RecordingBus>(bus: bus, offset: 0x18).read()
        XCTAssertTrue(status.full)
        XCTAssertEqual(bus.log, [.read(offset: 0x18, width: 32)])
    }

    func testWriteStartsFromTheResetValueWithoutReading() {
        let bus = RecordingBus()
        bus.values[0x30] = 0xFFFF_FFFF
        Register<Control, RecordingBus>(bus: bus, offset: 0x30).write { $0.enable = true }
        XCTAssertEqual(bus.log, [.write(offset: 0x30, width: 32, value: 0x301)])
    }

    func testWriteOfAWholeValue() {
        let bus = RecordingBus()
        Register<Control, RecordingBus>(bus: bus, offset: 0x30).write(Control(rawValue: 0x1234))
        XCTAssertEqual(bus.log, [.write(offset: 0x30, width: 32, value: 0x1234)])
    }

    func testModifyIsOneReadAndOneWriteKeepingOtherBits() {
        let bus = RecordingBus()
        bus.values[0x30] = 0x0000_0301
        let register = Register<Control, RecordingBus>(bus: bus, offset: 0x30)
        let old = register.modify { value -> UInt8 in
            let previous = value.mode
            value.mode = 5
            return previous
        }
        XCTAssertEqual(old, 0)
        XCTAssertEqual(bus.log, [.read(offset: 0x30, width: 32), .write(offset: 0x30, width: 32, value: 0x2B01)])
    }

    func testModifyNeverWritesBackASetW1CBit() {
        let bus = RecordingBus()
        bus.values[0x30] = 0x0001_0001  // overrun pending, enabled
        Register<Control, RecordingBus>(bus: bus, offset: 0x30).modify { value in
            XCTAssertFalse(value.overrun, "W1C bits read as 0 inside modify")
            value.txEnable = true
        }
        XCTAssertEqual(bus.log.last, .write(offset: 0x30, width: 32, value: 0x0000_0101))
    }

    func testModifyCanClearAW1CBitOnPurpose() {
        let bus = RecordingBus()
        bus.values[0x30] = 0x0001_0000
        Register<Control, RecordingBus>(bus: bus, offset: 0x30).modify { $0.overrun = true }
        XCTAssertEqual(bus.log.last, .write(offset: 0x30, width: 32, value: 0x0001_0000))
    }

    func testClearWritesOnlyTheNamedBitsAndNeverReads() {
        let bus = RecordingBus()
        bus.values[0x44] = 0x30
        let pending = Register<Pending, RecordingBus>(bus: bus, offset: 0x44)
        pending.clear { $0.rx = true }
        XCTAssertEqual(bus.log, [.write(offset: 0x44, width: 32, value: 0x10)])
    }

    func testReadAndClearAcknowledgesExactlyWhatWasPending() {
        let bus = RecordingBus()
        bus.values[0x44] = 0x30
        let seen = Register<Pending, RecordingBus>(bus: bus, offset: 0x44).readAndClear()
        XCTAssertTrue(seen.rx && seen.tx)
        XCTAssertEqual(bus.log, [.read(offset: 0x44, width: 32), .write(offset: 0x44, width: 32, value: 0x30)])
    }

    func testBigEndianRegistersAreSwappedOnTheBus() {
        let bus = RecordingBus()
        Register<Selector, RecordingBus>(bus: bus, offset: 8).write { $0.key = 0x19 }
        XCTAssertEqual(bus.log, [.write(offset: 8, width: 16, value: UInt64(UInt16(0x19).bigEndian))])
    }

    func testFullWidthAndTopBitFields() {
        var wide = Wide(rawValue: 0)
        wide.value = 0xFFFF_FFFF_FFFF_FFFF
        XCTAssertEqual(wide.rawValue, ~0)
        wide.top = false
        XCTAssertEqual(wide.rawValue, 0x7FFF_FFFF_FFFF_FFFF)
        XCTAssertEqual(wide.value, 0x7FFF_FFFF_FFFF_FFFF)
        let bus = RecordingBus()
        Register<Wide, RecordingBus>(bus: bus, offset: 0x10).write(wide)
        XCTAssertEqual(bus.log, [.write(offset: 0x10, width: 64, value: 0x7FFF_FFFF_FFFF_FFFF)])
    }

    func testFieldSettersOnlyTouchTheirBits() {
        var control = Control(rawValue: 0xFFFF_FFFF)
        control.mode = 0
        XCTAssertEqual(control.rawValue, 0xFFFF_C7FF)
        control.enable = false
        XCTAssertEqual(control.rawValue, 0xFFFF_C7FE)
        XCTAssertEqual(UInt32.fieldMask(32), 0xFFFF_FFFF)
        XCTAssertEqual(UInt32.fieldMask(3), 7)
    }
}

final class MemoryRegisterBusTests: XCTestCase {
    func testVolatileAccessesHitTheRightBytes() {
        let memory = UnsafeMutableRawPointer.allocate(byteCount: 64, alignment: 8)
        defer { memory.deallocate() }
        memory.initializeMemory(as: UInt8.self, repeating: 0, count: 64)
        let bus = MemoryRegisterBus(base: memory)
        bus.write32(0xDEAD_BEEF, at: 0x10)
        bus.write8(0x5A, at: 0x3)
        bus.write16(0x1234, at: 0x8)
        bus.write64(0x0102_0304_0506_0708, at: 0x20)
        XCTAssertEqual(memory.load(fromByteOffset: 0x10, as: UInt32.self), 0xDEAD_BEEF)
        XCTAssertEqual(memory.load(fromByteOffset: 0x3, as: UInt8.self), 0x5A)
        XCTAssertEqual(bus.read16(at: 0x8), 0x1234)
        XCTAssertEqual(bus.read64(at: 0x20), 0x0102_0304_0506_0708)
        XCTAssertEqual(bus.read8(at: 0x11), 0xBE)

        let control = Register<Control, MemoryRegisterBus>(bus: bus, offset: 0x30)
        control.write { $0.mode = 2 }
        XCTAssertEqual(memory.load(fromByteOffset: 0x30, as: UInt32.self), 0x1300)
        control.modify { $0.enable = true }
        XCTAssertEqual(control.read().rawValue, 0x1301)
    }
}
