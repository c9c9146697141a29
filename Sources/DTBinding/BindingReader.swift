import Foundation

/// Reads the YAML of one binding file, and the fragments it includes, into the model
/// (`Binding`), reporting what cannot be read (wrong types, unknown keys, numbers out of range)
/// with its file and line. Checks across the model (overlaps, names, reg entries) are
/// `BindingValidator`'s.
final class BindingReader {
    let sink: DiagnosticSink
    private let readFile: (String) -> Result<String, FileReadFailure>
    /// Fragments being included, to report cycles.
    private var includeStack: [String] = []

    init(readFile: @escaping (String) -> Result<String, FileReadFailure>, sink: DiagnosticSink) {
        self.readFile = readFile
        self.sink = sink
    }

    static let bindingKeys = [
        "name", "compatible", "fallback-compatible", "description", "bus-master", "include",
        "additional-properties", "properties", "examples", "registers",
    ]
    static let fragmentKeys = ["description", "properties", "registers"]

    /// The binding at `path`, or nil when it is not a binding at all (unreadable, not YAML, not a
    /// mapping, no `compatible`).
    func readBinding(path: String) -> Binding? {
        guard let root = loadYAML(path, include: nil) else { return nil }
        guard checkKeys(root, allowed: Self.bindingKeys, context: "binding") else { return nil }
        guard root["compatible"] != nil else {
            sink.error(at: root, "binding has no 'compatible' (a file with only shared pieces is an include fragment: keep it out of the binding list)")
            return nil
        }
        let location = SourceLocation(file: root.file, line: root.line)
        let name = identifier(root, "name", context: "binding", required: true, typeName: true) ?? "Invalid"
        let compatibles = stringList(root, "compatible", context: "binding", nonEmpty: true)
        let fallbacks = stringList(root, "fallback-compatible", context: "binding", nonEmpty: false)
        for compatible in compatibles + fallbacks where !Self.isCompatibleString(compatible) {
            sink.error(at: root["compatible"] ?? root, "'\(compatible)' is not a compatible string (expected vendor,device)")
        }
        var seenCompatibles: Set<String> = []
        for compatible in compatibles + fallbacks where !seenCompatibles.insert(compatible).inserted {
            sink.error(at: root["compatible"] ?? root, "compatible '\(compatible)' is listed twice (in a [flow, list] a comma separates items: quote \"vendor,device\")")
        }
        let description = text(root, "description")
        let busMaster = bool(root, "bus-master", context: "binding") ?? false
        let additional = bool(root, "additional-properties", context: "binding") ?? false

        // Properties: the binding's own first; included ones only where the binding has none of
        // that name (its own definitions override them).
        var properties = readProperties(root["properties"])
        for fragment in includes(root, from: path) {
            if let registers = fragment["registers"] {
                sink.error(at: registers, "fragment has 'registers': include it from a register block, not from the binding")
            }
            for property in readProperties(fragment["properties"]) where !properties.contains(where: { $0.name == property.name }) {
                properties.append(property)
            }
        }

        var blocks: [RegisterBlockDef] = []
        if let node = root["registers"] {
            if let pairs = node.mapping {
                for (key, value) in pairs {
                    if let block = readBlock(key: key, value, path: path) { blocks.append(block) }
                }
            } else {
                sink.error(at: node, "'registers' must map block names to register blocks, found \(node.kindName)")
            }
        }

        return Binding(
            path: path, name: name, compatibles: compatibles, fallbackCompatibles: fallbacks,
            description: description, busMaster: busMaster, additionalProperties: additional,
            properties: properties, examples: readExamples(root["examples"]), blocks: blocks, location: location
        )
    }

    static func isCompatibleString(_ text: String) -> Bool {
        !text.isEmpty && text.allSatisfy { $0.isLetter || $0.isNumber || ",.-_+".contains($0) }
    }

    private func readExamples(_ node: YAMLValue?) -> [BindingExample] {
        guard let node else { return [] }
        guard let items = node.sequence else {
            sink.error(at: node, "'examples' must be a list of dts sources, found \(node.kindName)")
            return []
        }
        var examples: [BindingExample] = []
        for item in items {
            if let source = item.scalar {
                examples.append(BindingExample(source: source, location: SourceLocation(file: item.file, line: item.line)))
            } else {
                sink.error(at: item, "an example must be a string of dts source, found \(item.kindName)")
            }
        }
        return examples
    }

    /// Reads and parses a file once; a file that cannot be read is reported with the reason, at
    /// the `include:` item that named it (`include`: the item and the name as written) or at line 0.
    private func loadYAML(_ path: String, include: (item: YAMLValue, name: String)?) -> YAMLValue? {
        let text: String
        switch readFile(path) {
        case .success(let read):
            text = read
        case .failure(let failure):
            if let include {
                sink.error(at: include.item, "cannot read included file '\(include.name)': \(failure.reason) (paths in include: are relative to the including file)")
            } else {
                sink.error(path, 0, "cannot read binding file: \(failure.reason)")
            }
            return nil
        }
        do {
            return try YAMLValue.parse(text, file: path)
        } catch {
            for diagnostic in error.diagnostics { sink.error(diagnostic.file, diagnostic.line, diagnostic.message) }
            return nil
        }
    }

    /// The fragments named by `include:` in `node`, parsed, in order.
    func includes(_ node: YAMLValue, from path: String) -> [YAMLValue] {
        guard let list = node["include"] else { return [] }
        let items: [YAMLValue]
        if list.scalar != nil {
            items = [list]
        } else if let sequence = list.sequence {
            items = sequence
        } else {
            sink.error(at: list, "'include' must be a file name or a list of them, found \(list.kindName)")
            return []
        }
        var fragments: [YAMLValue] = []
        for item in items {
            guard let relative = item.scalar else {
                sink.error(at: item, "an include must be a file name, found \(item.kindName)")
                continue
            }
            let directory = (path as NSString).deletingLastPathComponent
            let target = directory.isEmpty ? relative : ((directory as NSString).appendingPathComponent(relative) as NSString).standardizingPath
            if includeStack.contains(target) || target == path {
                sink.error(at: item, "include cycle: '\(relative)' includes itself")
                continue
            }
            includeStack.append(target)
            defer { includeStack.removeLast() }
            guard let fragment = loadYAML(target, include: (item, relative)) else { continue }
            guard checkKeys(fragment, allowed: Self.fragmentKeys, context: "include fragment") else { continue }
            fragments.append(fragment)
        }
        return fragments
    }
}
