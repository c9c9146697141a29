import ByteText
/// The `status` property of a node, as the Devicetree Specification defines it.
public enum DeviceStatus: Sendable, Equatable, CustomStringConvertible {
    /// "okay", Linux's older "ok", or no `status` at all: the device is usable.
    case okay
    /// "disabled": not operational now, but could become so (not plugged in, switched off).
    case disabled
    /// "reserved": operational, but used by other software (firmware, another OS); leave it alone.
    case reserved
    /// "fail" or "fail-<condition>": the device is broken; the payload is the condition
    /// ("" for a bare "fail").
    case fail(String)
    /// Any other value, verbatim.
    case other(String)

    /// Interprets a `status` string value.
    public init(_ value: String) {
        if value.sameBytes(as: "okay") || value.sameBytes(as: "ok") {
            self = .okay
        } else if value.sameBytes(as: "disabled") {
            self = .disabled
        } else if value.sameBytes(as: "reserved") {
            self = .reserved
        } else if value.sameBytes(as: "fail") {
            self = .fail("")
        } else if let condition = value.bytesAfter(prefix: "fail-") {
            self = .fail(condition)
        } else {
            self = .other(value)
        }
    }

    /// True only for `.okay`: the state in which Linux (`of_device_is_available`) creates a device
    /// and interrupt maps may route to the node.
    public var isEnabled: Bool {
        if case .okay = self { return true }
        return false
    }

    /// The value as the source spells it ("okay", "disabled", "fail-<condition>").
    public var description: String {
        switch self {
        case .okay: return "okay"
        case .disabled: return "disabled"
        case .reserved: return "reserved"
        case .fail(let condition): return condition.isEmpty ? "fail" : "fail-" + condition
        case .other(let value): return value
        }
    }
}

extension DeviceTreeNode {
    /// The node's `status`; `.okay` when absent. A value that is not a string reads as `.other`
    /// with a placeholder, since Linux treats such a node as unavailable too.
    public var status: DeviceStatus {
        guard let raw = rawProperty(.status) else { return .okay }
        guard let list = PropertyDecoding.strings(raw.buffer), let first = list.first else {
            return .other("<not a string>")
        }
        return DeviceStatus(first)
    }

    /// Shorthand for `status.isEnabled`.
    public var isEnabled: Bool { status.isEnabled }
}
