/// How an interrupt line signals, from the flags cell of an interrupt specifier
/// (`include/dt-bindings/interrupt-controller/irq.h`).
public enum InterruptTrigger: UInt32, Sendable, CaseIterable, CustomStringConvertible {
    /// IRQ_TYPE_EDGE_RISING (1).
    case edgeRising = 1
    /// IRQ_TYPE_EDGE_FALLING (2).
    case edgeFalling = 2
    /// IRQ_TYPE_EDGE_BOTH (3).
    case edgeBoth = 3
    /// IRQ_TYPE_LEVEL_HIGH (4).
    case levelHigh = 4
    /// IRQ_TYPE_LEVEL_LOW (8).
    case levelLow = 8

    /// True for the two level-sensitive triggers (those need an unmask after handling).
    public var isLevel: Bool { self == .levelHigh || self == .levelLow }

    /// "edge-rising", "level-high", ...
    public var description: String {
        switch self {
        case .edgeRising: return "edge-rising"
        case .edgeFalling: return "edge-falling"
        case .edgeBoth: return "edge-both"
        case .levelHigh: return "level-high"
        case .levelLow: return "level-low"
        }
    }
}

/// The interrupt types of an Arm GIC specifier's first cell.
public enum GICInterruptKind: UInt32, Sendable, CaseIterable, CustomStringConvertible {
    /// Shared peripheral interrupt (0): INTID = 32 + number.
    case spi = 0
    /// Private (per-CPU) peripheral interrupt (1): INTID = 16 + number.
    case ppi = 1
    /// GICv3.1 extended SPI range (2): INTID = 4096 + number.
    case extendedSPI = 2
    /// GICv3.1 extended PPI range (3): INTID = 1056 + number.
    case extendedPPI = 3

    /// "SPI", "PPI", "ESPI", "EPPI".
    public var description: String {
        switch self {
        case .spi: return "SPI"
        case .ppi: return "PPI"
        case .extendedSPI: return "ESPI"
        case .extendedPPI: return "EPPI"
        }
    }
}

/// A decoded Arm GIC interrupt specifier (`arm,gic-400`, `arm,cortex-a15-gic`, `arm,gic-v3`, ...):
/// `<kind number flags>`, as in `interrupts = <0 1 4>` for SPI 1, level high.
public struct GICInterrupt: Sendable, Hashable, CustomStringConvertible {
    /// SPI, PPI or their GICv3.1 extended ranges.
    public var kind: GICInterruptKind
    /// The number within its kind (the second cell).
    public var number: UInt32
    /// The trigger from the low four bits of the flags cell; nil when they are 0 (unspecified)
    /// or not one of the defined values.
    public var trigger: InterruptTrigger?
    /// For PPIs on GICv2, the CPU mask in bits 8 to 15 of the flags cell (0 otherwise).
    public var cpuMask: UInt8

    /// Creates a decoded specifier.
    public init(kind: GICInterruptKind, number: UInt32, trigger: InterruptTrigger?, cpuMask: UInt8 = 0) {
        self.kind = kind
        self.number = number
        self.trigger = trigger
        self.cpuMask = cpuMask
    }

    /// Decodes the first three cells of a GIC specifier; nil for fewer cells, an unknown kind, or
    /// a number whose INTID would not fit in 32 bits (which `intid` could not return).
    public init?(cells: [UInt32]) {
        guard cells.count >= 3, let kind = GICInterruptKind(rawValue: cells[0]) else { return nil }
        guard cells[1] <= UInt32.max - GICInterrupt.firstINTID(of: kind) else { return nil }
        self.kind = kind
        self.number = cells[1]
        self.trigger = InterruptTrigger(rawValue: cells[2] & 0xF)
        self.cpuMask = UInt8(truncatingIfNeeded: cells[2] >> 8)
    }

    /// The hardware interrupt ID the GIC uses (what its registers and `GICD_*` bit arrays index).
    public var intid: UInt32 {
        GICInterrupt.firstINTID(of: kind) + number
    }

    /// The INTID of number 0 of `kind`.
    static func firstINTID(of kind: GICInterruptKind) -> UInt32 {
        switch kind {
        case .spi: return 32
        case .ppi: return 16
        case .extendedSPI: return 4096
        case .extendedPPI: return 1056
        }
    }

    /// "SPI 1 level-high".
    public var description: String {
        "\(kind) \(number) " + (trigger.map { $0.description } ?? "trigger-unspecified")
    }

    /// `compatible` values of Arm GIC distributors whose specifiers this type decodes.
    public static let compatibles: [String] = [
        "arm,gic-400", "arm,cortex-a15-gic", "arm,cortex-a9-gic", "arm,cortex-a7-gic",
        "arm,arm11mp-gic", "arm,arm1176jzf-devchip-gic", "arm,eb11mp-gic", "arm,pl390",
        "arm,tc11mp-gic", "arm,gic-v3", "brcm,brahma-b15-gic", "nvidia,tegra210-agic",
        "qcom,msm-8660-qgic", "qcom,msm-qgic2",
    ]
}
