import CLinux
import PlatformCore

/// The interrupt lines of a simulated device, with VFIO's semantics: an edge line signals its
/// eventfd on every pulse; a level line, while asserted and unmasked, signals once and masks
/// itself (automask) until the driver unmasks it.
///
/// A model's level output on an edge line signals on each rise, never masked: how a level source
/// behind a controller that records no trigger type reaches userspace (the PL011 on the
/// Raspberry Pi's BCM2835 armctrl, which vfio-amba offers as an edge line).
public final class SimulatedInterrupts {
    /// Whether each line is level-triggered (automasked).
    public let isLevel: [Bool]
    private var asserted: [Bool]
    private var masked: [Bool]
    private var eventfds: [Int32]
    /// How many times each line signalled its eventfd.
    public private(set) var signalCount: [Int]

    /// Lines of the given kinds, all deasserted, unmasked and unconnected.
    public init(isLevel: [Bool]) {
        self.isLevel = isLevel
        asserted = [Bool](repeating: false, count: isLevel.count)
        masked = [Bool](repeating: false, count: isLevel.count)
        eventfds = [Int32](repeating: -1, count: isLevel.count)
        signalCount = [Int](repeating: 0, count: isLevel.count)
    }

    /// Sets the level of the model's interrupt output on `line`: a level line delivers it as
    /// VFIO does (automasked), an edge line signals when it rises.
    public func setLevel(_ high: Bool, line: Int) {
        let rises = high && !asserted[line]
        asserted[line] = high
        if isLevel[line] {
            deliver(line)
        } else if rises {
            pulse(line: line)
        }
    }

    /// Fires an edge-triggered line once.
    public func pulse(line: Int) {
        if !masked[line] { signal(line) }
    }

    /// Whether line `line` is masked now.
    public func isMasked(line: Int) -> Bool { masked[line] }

    func setMasked(_ value: Bool, line: Int) {
        masked[line] = value
        if !value { deliver(line) }
    }

    func setEventfd(_ fd: Int32, line: Int) {
        eventfds[line] = fd
        masked[line] = false
        if fd >= 0 { deliver(line) }
    }

    private func deliver(_ line: Int) {
        guard isLevel[line], asserted[line], !masked[line], eventfds[line] >= 0 else { return }
        masked[line] = true
        signal(line)
    }

    private func signal(_ line: Int) {
        guard eventfds[line] >= 0 else { return }
        var one: UInt64 = 1
        _ = withUnsafeBytes(of: &one) { write(eventfds[line], $0.baseAddress, 8) }
        signalCount[line] += 1
    }
}
