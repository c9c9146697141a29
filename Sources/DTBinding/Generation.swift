import Foundation

/// Generation of a set of bindings into one Swift module's files.
public enum BindingGeneration {
    /// The name of the file that lists a module's bindings (`BindingCatalog`), written beside
    /// the per-binding files when configs are generated.
    public static let catalogFileName = "BindingCatalog.swift"

    /// The generated files for `bindings`: one per binding, named after the binding file
    /// (`pl011.yaml` -> `pl011.swift`), in input order, then (with configs) the catalog.
    public static func files(for bindings: [Binding], includesConfig: Bool = true) -> [(name: String, contents: String)] {
        let generator = SwiftGenerator(includesConfig: includesConfig)
        var files = bindings.map { ($0.outputFileName, generator.generate($0)) }
        if includesConfig && !bindings.isEmpty { files.append((catalogFileName, generator.catalog(bindings))) }
        return files
    }

    /// Loads `paths`, and only when every binding is valid writes the generated files into
    /// `directory` (created if needed). Files whose contents did not change are not rewritten.
    /// Returns the paths written or kept.
    @discardableResult
    public static func generate(paths: [String], into directory: String, includesConfig: Bool = true, loader: BindingLoader = BindingLoader()) throws -> [String] {
        let bindings = try loader.load(paths)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var written: [String] = []
        for (name, contents) in files(for: bindings, includesConfig: includesConfig) {
            let path = (directory as NSString).appendingPathComponent(name)
            let data = Data(contents.utf8)
            if FileManager.default.contents(atPath: path) != data {
                try data.write(to: URL(fileURLWithPath: path), options: .atomic)
            }
            written.append(path)
        }
        return written
    }
}
