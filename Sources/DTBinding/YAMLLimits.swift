// libyaml's event parser, which Yams is built on. It is Yams's own C target, imported here (not
// a second copy of libyaml, whose symbols would clash) to look at the event stream before Yams
// builds a tree from it.
internal import CYaml

/// What a binding file may contain before it is turned into a tree, so that no input, however
/// hostile, costs more than its size in time and memory.
///
/// - **Aliases are capped, not refused**: an anchor and its aliases (`&fields` ... `*fields`) are
///   how a binding shares a field list between registers (pl011.yaml does), but ten lines of
///   nested aliases can name a billion nodes (the "billion laughs" file), and every walk over the
///   tree pays for each. So the file is measured as it will be used, with every alias expanded,
///   from the parser's event stream and before any tree is built: at most
///   ``maximumExpandedNodes`` nodes. That is far more than any real binding (the largest shipped
///   one has about a thousand) and small enough to load in milliseconds.
/// - **Nesting at most ``maximumDepth`` levels**: the tree is built and walked recursively, and a
///   binding never needs more than a handful of levels.
/// - **At most ``maximumBytes`` bytes**: the largest shipped binding is a few kilobytes.
enum YAMLLimits {
    /// The deepest nesting of mappings and lists a binding file may have.
    static let maximumDepth = 32
    /// The largest binding file read, in bytes.
    static let maximumBytes = 1 << 20
    /// The most nodes (scalars, lists and mappings) a file may stand for once its aliases are
    /// expanded.
    static let maximumExpandedNodes = 100_000

    /// The first problem of `text` (the contents of `file`) against the limits, if any. Syntax
    /// errors are not reported here: Yams reports them with its own words.
    static func violation(in text: String, file: String) -> BindingDiagnostic? {
        let bytes = Array(text.utf8)
        if bytes.count > maximumBytes {
            return BindingDiagnostic(file: file, line: 1, message: "the file is \(bytes.count) bytes; a binding file may have at most \(maximumBytes) bytes (1 MiB): split it with include:")
        }
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        return bytes.withUnsafeBufferPointer { buffer -> BindingDiagnostic? in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var measure = ExpansionMeasure()
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    // libyaml stops at its own nesting limit (1000 levels) before emitting the
                    // events that would reach ours; say it in the same words.
                    guard let problem = parser.problem, String(cString: problem).contains("nesting") else { return nil }
                    return BindingDiagnostic(file: file, line: Int(parser.problem_mark.line) + 1, message: "mappings and lists nested more than \(maximumDepth) deep; a binding file may nest at most \(maximumDepth) levels")
                }
                defer { yaml_event_delete(&event) }
                let line = Int(event.start_mark.line) + 1
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return nil
                case YAML_ALIAS_EVENT:
                    measure.alias(name(event.data.alias.anchor))
                case YAML_SCALAR_EVENT:
                    measure.scalar(anchor: name(event.data.scalar.anchor))
                case YAML_SEQUENCE_START_EVENT:
                    measure.open(anchor: name(event.data.sequence_start.anchor))
                case YAML_MAPPING_START_EVENT:
                    measure.open(anchor: name(event.data.mapping_start.anchor))
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    measure.close()
                default:
                    break
                }
                if measure.depth > maximumDepth {
                    return BindingDiagnostic(file: file, line: line, message: "mappings and lists nested more than \(maximumDepth) deep; a binding file may nest at most \(maximumDepth) levels")
                }
                if measure.total > maximumExpandedNodes {
                    return BindingDiagnostic(file: file, line: line, message: "with its aliases expanded this file stands for more than \(maximumExpandedNodes) YAML nodes (aliases of aliases multiply); a binding may use an alias only where the expansion stays under that: write the shared part once per use, or move it to an include: file")
                }
            }
        }
    }

    private static func name(_ anchor: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let anchor else { return nil }
        return String(cString: UnsafeRawPointer(anchor).assumingMemoryBound(to: CChar.self))
    }
}

/// Counts the nodes a YAML event stream stands for with every alias expanded, saturating instead
/// of overflowing: an alias counts as many nodes as its anchored node had.
struct ExpansionMeasure {
    private struct Open {
        var anchor: String?
        var nodes: Int
    }
    private var open: [Open] = []
    private var sizes: [String: Int] = [:]
    /// Nodes counted so far, aliases expanded, including those of collections still open.
    private(set) var total = 0
    /// How many collections are open.
    var depth: Int { open.count }

    mutating func scalar(anchor: String?) {
        if let anchor { sizes[anchor] = 1 }
        add(1)
    }

    mutating func alias(_ anchor: String?) {
        add(anchor.flatMap { sizes[$0] } ?? 1)
    }

    mutating func open(anchor: String?) {
        total = Self.sum(total, 1)
        open.append(Open(anchor: anchor, nodes: 1))
    }

    mutating func close() {
        guard let closed = open.popLast() else { return }
        if let anchor = closed.anchor { sizes[anchor] = closed.nodes }
        if !open.isEmpty { open[open.count - 1].nodes = Self.sum(open[open.count - 1].nodes, closed.nodes) }
    }

    private mutating func add(_ nodes: Int) {
        total = Self.sum(total, nodes)
        if !open.isEmpty { open[open.count - 1].nodes = Self.sum(open[open.count - 1].nodes, nodes) }
    }

    private static func sum(_ a: Int, _ b: Int) -> Int {
        let (result, overflow) = a.addingReportingOverflow(b)
        return overflow ? Int.max : result
    }
}
