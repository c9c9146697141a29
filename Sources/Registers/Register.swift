/// One register of a block: a bus, a byte offset, and the register's static description `Spec`.
///
/// What can be done with it depends on `Spec.Access`:
///
///     let flags = uart.fr.read()                 // Readable
///     if flags.txff { ... }
///     uart.cr.write { $0.uarten = true }          // Writable: starts from the reset value
///     uart.cr.modify { $0.txe = true }            // Modifiable: one read, one write
///     uart.status.clear { $0.overrun = true }     // Clearable (W1C): writes only that bit
///
/// Everything is inlinable: on `MemoryRegisterBus` each operation is one volatile load and/or one
/// volatile store at a constant offset.
@frozen
public struct Register<Spec: RegisterSpec, Bus: RegisterBus> {
    /// The bus the register is accessed through.
    public let bus: Bus
    /// The byte offset of the register on `bus`.
    public let offset: Int

    /// The register at `offset` on `bus`. Generated blocks create these; offsets are not checked.
    @inlinable @inline(__always)
    public init(bus: Bus, offset: Int) {
        self.bus = bus
        self.offset = offset
    }

    @inlinable @inline(__always)
    func load() -> Spec.Read.RawValue {
        let value = Spec.Read.RawValue.load(from: bus, at: offset)
        return Spec.isBigEndian ? Spec.Read.RawValue(bigEndian: value) : value
    }

    @inlinable @inline(__always)
    func store(_ value: Spec.Read.RawValue) {
        Spec.Read.RawValue.store(Spec.isBigEndian ? value.bigEndian : value, to: bus, at: offset)
    }
}

extension Register where Spec.Access: Readable {
    /// Reads the register once.
    @inlinable @inline(__always)
    public func read() -> Spec.Read {
        Spec.Read(rawValue: load())
    }
}

extension Register where Spec.Access: Writable {
    /// Writes `value` as is.
    @inlinable @inline(__always)
    public func write(_ value: Spec.Write) {
        store(value.rawValue)
    }

    /// Writes the reset value changed by `body`: fields `body` does not set get their reset values.
    @inlinable @inline(__always)
    public func write(_ body: (inout Spec.Write) -> Void) {
        var value = Spec.Write(rawValue: Spec.resetValue)
        body(&value)
        store(value.rawValue)
    }
}

extension Register where Spec.Access: Modifiable, Spec.Read == Spec.Write {
    /// Reads the register, lets `body` change the value, and writes it back: one read, one write.
    /// Write-one-to-clear and write-only fields start as 0 (see `RegisterSpec.modifyPreservedBits`).
    /// Returns what `body` returns.
    @inlinable @inline(__always)
    @discardableResult
    public func modify<Result>(_ body: (inout Spec.Write) -> Result) -> Result {
        var value = Spec.Write(rawValue: load() & Spec.modifyPreservedBits)
        let result = body(&value)
        store(value.rawValue)
        return result
    }
}

extension Register where Spec.Access: Clearable {
    /// Clears the bits `body` sets, and only those: the written value starts from zero, so bits
    /// not named are written as 0 and left alone. The register is not read.
    @inlinable @inline(__always)
    public func clear(_ body: (inout Spec.Write) -> Void) {
        var value = Spec.Write(rawValue: 0)
        body(&value)
        store(value.rawValue)
    }

    /// Clears the bits set in `value`, e.g. `status.clear(status.read())` to acknowledge
    /// everything that was pending when it was read.
    @inlinable @inline(__always)
    public func clear(_ value: Spec.Write) {
        store(value.rawValue)
    }
}

extension Register where Spec.Access: Clearable, Spec.Access: Readable, Spec.Read == Spec.Write {
    /// Reads the register and clears exactly the bits that were set; returns what was read.
    @inlinable @inline(__always)
    @discardableResult
    public func readAndClear() -> Spec.Read {
        let value = load()
        store(value)
        return Spec.Read(rawValue: value)
    }
}

extension Register: Sendable where Bus: Sendable {}
