/// Phantom types naming what a register allows. A `Register` carries its access kind in its type,
/// so that reading a write-only register or writing a read-only one is a compile-time error:
///
///     uart.fr.write { $0.txff = true }
///     // error: referencing instance method 'write' on 'Register' requires that 'ReadOnly' conform to 'Writable'
///
/// The kinds match the binding file's `access:` values:
///
/// | binding | type              | operations                                   |
/// |---------|-------------------|----------------------------------------------|
/// | `ro`    | `ReadOnly`        | `read()`                                     |
/// | `wo`    | `WriteOnly`       | `write`                                      |
/// | `rw`    | `ReadWrite`       | `read()`, `write`, `modify`                  |
/// | `w1c`   | `WriteOneToClear` | `read()`, `clear` (never read-modify-write)  |
/// | `rc`    | `ReadToClear`     | `read()` (reading has side effects)          |
public protocol RegisterAccess {}

/// Access kinds that allow `read()`.
public protocol Readable: RegisterAccess {}

/// Access kinds that allow `write`, which starts from the register's reset value.
public protocol Writable: RegisterAccess {}

/// Access kinds that allow `modify`: one read, the caller's change, one write.
public protocol Modifiable: Readable, Writable {}

/// Access kinds that allow `clear`: a write of only the bits to clear (write-one-to-clear).
public protocol Clearable: RegisterAccess {}

/// A register that can only be read; writes are ignored by the hardware.
public enum ReadOnly: Readable {}

/// A register that can only be written; reads return nothing meaningful.
public enum WriteOnly: Writable {}

/// An ordinary read/write register.
public enum ReadWrite: Modifiable {}

/// A status register whose bits are cleared by writing 1 to them. It can be read, and cleared with
/// `clear`, which writes only the requested bits: a read-modify-write would clear every bit that
/// happened to be set, so none is offered.
public enum WriteOneToClear: Readable, Clearable {}

/// A register whose bits clear when it is read: every `read()` has a side effect.
public enum ReadToClear: Readable {}
