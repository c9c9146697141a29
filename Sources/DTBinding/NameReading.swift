/// Reading names that become Swift names: identifiers, never keywords, types capitalised.
extension BindingReader {
    /// A name used for a Swift member (and type): an identifier whose Swift form is no keyword.
    @discardableResult
    func checkName(_ name: String, at node: YAMLValue, what: String) -> Bool {
        guard SwiftNaming.isIdentifier(name) else {
            sink.error(at: node, "\(what) name '\(name)' is not an identifier (letters, digits and _, not starting with a digit)")
            return false
        }
        let swiftName = SwiftNaming.member(name)
        if SwiftNaming.keywords.contains(name) || SwiftNaming.keywords.contains(swiftName) {
            sink.error(at: node, "\(what) name '\(name)' becomes the Swift keyword '\(SwiftNaming.keywords.contains(name) ? name : swiftName)'")
            return false
        }
        return true
    }

    func checkTypeName(_ name: String, at node: YAMLValue, what: String) {
        if checkName(name, at: node, what: what), let first = name.unicodeScalars.first, first.isASCIILower {
            sink.error(at: node, "\(what) name '\(name)' becomes a Swift type, so it starts with a capital letter")
        }
    }

    /// The `name:` of a register or cluster: a Swift type name (its member name is checked
    /// separately, so a datasheet name like `IS` is fine here with a `swift-name`).
    func typeName(_ node: YAMLValue, context: String) -> String? {
        guard let value = node["name"] else {
            sink.error(at: node, "\(context) needs 'name'")
            return nil
        }
        guard let name = value.scalar else {
            sink.error(at: value, "'name' of \(context) must be a name, found \(value.kindName)")
            return nil
        }
        if !SwiftNaming.isIdentifier(name) {
            sink.error(at: value, "\(context) name '\(name)' is not an identifier (letters, digits and _, not starting with a digit)")
        } else if SwiftNaming.keywords.contains(name) {
            sink.error(at: value, "\(context) name '\(name)' is the Swift keyword '\(name)'")
        } else if let first = name.unicodeScalars.first, first.isASCIILower {
            sink.error(at: value, "\(context) name '\(name)' becomes a Swift type, so it starts with a capital letter")
        }
        return name
    }

    /// The Swift member name: `swift-name:` if given, else derived from `name`; never a keyword.
    /// `node` is the member's mapping (nil for a field shorthand, which has no `swift-name`);
    /// a keyword is reported at `nameNode`, else at `name:`.
    func memberName(_ node: YAMLValue?, name: String, what: String, at nameNode: YAMLValue) -> String {
        if let value = node?["swift-name"] {
            guard let swiftName = value.scalar, SwiftNaming.isIdentifier(swiftName) else {
                sink.error(at: value, "swift-name of \(what) '\(name)' must be an identifier")
                return name
            }
            if SwiftNaming.keywords.contains(swiftName) {
                sink.error(at: value, "swift-name '\(swiftName)' of \(what) '\(name)' is a Swift keyword")
            }
            return swiftName
        }
        let swiftName = SwiftNaming.member(name)
        if SwiftNaming.keywords.contains(swiftName) {
            sink.error(at: nameNode, "\(what) name '\(name)' becomes the Swift keyword '\(swiftName)' (rename it or set swift-name)")
        }
        return swiftName
    }

    func identifier(_ node: YAMLValue, _ key: String, context: String, required: Bool, typeName: Bool) -> String? {
        guard let value = node[key] else {
            if required { sink.error(at: node, "\(context) needs '\(key)'") }
            return nil
        }
        guard let name = value.scalar else {
            sink.error(at: value, "'\(key)' of \(context) must be a name, found \(value.kindName)")
            return nil
        }
        if typeName { checkTypeName(name, at: value, what: context) } else { checkName(name, at: value, what: context) }
        return name
    }
}
