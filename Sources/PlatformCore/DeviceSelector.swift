import DeviceTree
import ByteText

/// How a user names a device: by Linux name, device-tree path, alias, label or compatible.
/// (Programs read it from their command line with ProgramSupport's `DeviceSelector(parsing:)`.)
public enum DeviceSelector: Sendable, Equatable, CustomStringConvertible {
    /// "9000000.pl011".
    case linuxName(String)
    /// "/pl011@9000000".
    case path(String)
    /// An /aliases entry, "serial0".
    case alias(String)
    /// A label from /__symbols__ (DTBs built with dtc -@), "uart0".
    case label(String)
    /// The first enabled node compatible with this string, "arm,pl011".
    case compatible(String)

    /// The selector as the user would type it.
    public var description: String {
        switch self {
        case .linuxName(let name): return name
        case .path(let path): return path
        case .alias(let name): return "alias:" + name
        case .label(let name): return "label:" + name
        case .compatible(let string): return "compatible:" + string
        }
    }

    /// The node this selector names in `tree`; nil for a Linux name, which needs no tree.
    public func node(in tree: DeviceTree) throws(DeviceError) -> DeviceTreeNode? {
        let found: DeviceTreeNode?
        switch self {
        case .linuxName: return nil
        case .path(let path): found = tree.node(atPath: path)
        case .alias(let name): found = tree.node(alias: name)
        case .label(let name): found = tree.node(label: name)
        case .compatible(let string): found = tree.nodes(compatibleWith: string).first { $0.isEnabled }
        }
        guard let found, found.isEnabled else { throw .nodeNotFound(selector: description) }
        return found
    }
}

extension DeviceTreeNode {
    /// The Linux device name, with device-tree errors as `DeviceError.deviceTree`.
    public func deviceName() throws(DeviceError) -> String {
        do throws(DeviceTreeError) {
            return try linuxDeviceName()
        } catch {
            throw .deviceTree(error)
        }
    }
}
