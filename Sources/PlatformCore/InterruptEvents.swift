#if !hasFeature(Embedded)
/// Interrupts as an AsyncSequence, for host programs that use Swift Concurrency. (Embedded
/// builds have no Concurrency runtime here: they wait with `InterruptLine.wait` or
/// `InterruptSet.wait`.)
extension InterruptLine {
    /// The counts of interrupts as they fire, polled on a detached task in slices of
    /// `pollMilliseconds` so that cancelling the consumer stops it. The consumer acknowledges
    /// the device and calls `rearm()` itself, as with `wait`.
    public func events(pollMilliseconds: Int32 = 100) -> AsyncThrowingStream<UInt64, any Error> {
        let line = UncheckedBox(self)
        return AsyncThrowingStream { continuation in
            let task = Task.detached {
                while !Task.isCancelled {
                    do {
                        let count = try line.value.wait(milliseconds: pollMilliseconds)
                        if count > 0 { continuation.yield(count) }
                    } catch {
                        continuation.finish(throwing: error)
                        return
                    }
                }
                continuation.finish()
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}

/// Carries a non-Sendable reference into the polling task; the line is only used there.
private struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
#endif
