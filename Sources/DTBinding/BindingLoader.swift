import Foundation

/// Loads binding files: parses them, resolves includes, and checks them alone and together.
public struct BindingLoader: Sendable {
    private let readFile: @Sendable (String) -> Result<String, FileReadFailure>

    /// A loader reading files from disk: a file that cannot be read is reported with the reason
    /// (missing, a folder, permission, not UTF-8 text).
    public init() {
        readFile = FileProblem.readText
    }

    /// A loader reading files through `readFile` (for tests): nil means the file cannot be read.
    public init(readFile: @escaping @Sendable (String) -> String?) {
        self.readFile = { path in
            readFile(path).map { .success($0) } ?? .failure(FileReadFailure(reason: "the loader's readFile does not provide it"))
        }
    }

    /// Loads one binding file.
    public func load(_ path: String) throws(BindingErrors) -> Binding {
        try load([path])[0]
    }

    /// Loads binding files meant to be used together (generated into one module, or checked
    /// against one device tree): besides each file's own problems, reports compatibles claimed
    /// twice and Swift names or output files used twice. Throws every problem at once.
    public func load(_ paths: [String]) throws(BindingErrors) -> [Binding] {
        var diagnostics: [BindingDiagnostic] = []
        var bindings: [Binding] = []
        for path in paths {
            let parser = BindingParser(readFile: readFile)
            let binding = parser.parseBinding(path: path)
            diagnostics += parser.sink.diagnostics
            if let binding, parser.sink.isEmpty { bindings.append(binding) }
        }
        diagnostics += Self.crossCheck(bindings)
        if !diagnostics.isEmpty { throw BindingErrors(diagnostics) }
        return bindings
    }

    /// Loads every `*.yaml` file directly in `directory` (include fragments live in
    /// subdirectories), in name order.
    public func loadDirectory(_ directory: String) throws(BindingErrors) -> [Binding] {
        try loadDirectories([directory])
    }

    /// Loads the `*.yaml` files directly in each of `directories` as one set (the user's own
    /// bindings and the shipped ones, say): a compatible, Swift name or output file claimed in
    /// two of them is an error naming both files.
    public func loadDirectories(_ directories: [String]) throws(BindingErrors) -> [Binding] {
        var paths: [String] = []
        var diagnostics: [BindingDiagnostic] = []
        for directory in directories {
            do {
                let names = try FileManager.default.contentsOfDirectory(atPath: directory)
                paths += names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
                    .map { (directory as NSString).appendingPathComponent($0) }
            } catch {
                diagnostics.append(BindingDiagnostic(file: directory, line: 0, message: "cannot read binding folder: \(FileProblem.folderReason(directory))"))
            }
        }
        if !diagnostics.isEmpty { throw BindingErrors(diagnostics) }
        return try load(paths)
    }

    /// The conflicts among bindings already loaded that are meant to be used together: a
    /// compatible claimed twice, a Swift type or output file generated twice. `load(_:)` reports
    /// these too; this is for callers that keep loaded bindings and add one.
    public static func conflicts(among bindings: [Binding]) -> [BindingDiagnostic] {
        crossCheck(bindings)
    }

    static func crossCheck(_ bindings: [Binding]) -> [BindingDiagnostic] {
        var diagnostics: [BindingDiagnostic] = []
        var compatibles: [String: Binding] = [:]
        var typeNames: [String: Binding] = [:]
        var outputs: [String: Binding] = [:]
        for binding in bindings {
            let where_ = binding.location
            for compatible in binding.compatibles {
                if let other = compatibles[compatible], other.path != binding.path {
                    diagnostics.append(BindingDiagnostic(file: where_.file, line: where_.line, message: "compatible '\(compatible)' is also claimed by \(other.path)"))
                }
                compatibles[compatible] = binding
            }
            let names = [binding.name + "Config"] + binding.blocks.flatMap { [$0.name, $0.name + "Registers"] }
            for name in names {
                if let other = typeNames[name], other.path != binding.path {
                    diagnostics.append(BindingDiagnostic(file: where_.file, line: where_.line, message: "Swift type '\(name)' is also generated from \(other.path)"))
                }
                typeNames[name] = binding
            }
            if binding.outputFileName == BindingGeneration.catalogFileName || names.contains("BindingCatalog") {
                diagnostics.append(BindingDiagnostic(file: where_.file, line: where_.line, message: "'BindingCatalog' is the name of the generated list of bindings: rename the binding"))
            }
            if let other = outputs[binding.outputFileName] {
                diagnostics.append(BindingDiagnostic(file: where_.file, line: where_.line, message: "output file '\(binding.outputFileName)' is also written for \(other.path): rename one binding"))
            }
            outputs[binding.outputFileName] = binding
        }
        return diagnostics
    }
}
