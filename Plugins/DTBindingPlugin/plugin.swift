import Foundation
import PackagePlugin

/// Generates Swift register accessors and config structs from binding files at build time.
///
/// A target using the plugin lists its bindings in a file `bindings.list` in its source
/// directory: one path per line, relative to that file (`../../../bindings/pl011.yaml`); blank
/// lines and lines starting with `#` are ignored. Each binding becomes `<name>.swift` in the
/// plugin's work directory (`pl011.yaml` -> `pl011.swift`), compiled into the target. The
/// command re-runs when the list, a binding, or any YAML file next to or below a binding (include
/// fragments) changes.
@main
struct DTBindingPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        guard let target = target as? SourceModuleTarget else { return [] }
        guard let listFile = target.sourceFiles.first(where: { $0.url.lastPathComponent == "bindings.list" })?.url,
              let list = try? String(contentsOf: listFile, encoding: .utf8)
        else {
            Diagnostics.error("\(target.name) uses DTBindingPlugin but has no bindings.list in its source directory")
            return []
        }
        let base = listFile.deletingLastPathComponent()
        let bindings = list.split(separator: "\n")
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
            .map { URL(fileURLWithPath: $0, relativeTo: base).standardizedFileURL }
        guard !bindings.isEmpty else { return [] }

        let output = context.pluginWorkDirectoryURL.appendingPathComponent("Generated")
        // One file per binding, plus the catalog of them all (BindingCatalog.swift).
        let outputs = bindings.map { binding in
            output.appendingPathComponent(binding.deletingPathExtension().lastPathComponent + ".swift")
        } + [output.appendingPathComponent("BindingCatalog.swift")]
        var inputs = [listFile] + bindings
        for directory in Set(bindings.map { $0.deletingLastPathComponent() }) {
            inputs += yamlFiles(under: directory).filter { !inputs.contains($0) }
        }
        return [
            .buildCommand(
                displayName: "Generating register accessors for \(target.name) from \(bindings.count) bindings",
                executable: try context.tool(named: "dtbind").url,
                arguments: ["generate"] + bindings.map(\.path) + ["--output", output.path],
                inputFiles: inputs,
                outputFiles: outputs
            )
        ]
    }

    /// Every `.yaml` file in `directory` and its subdirectories, sorted.
    private func yamlFiles(under directory: URL) -> [URL] {
        guard let enumerator = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil) else { return [] }
        var result: [URL] = []
        for case let url as URL in enumerator where url.pathExtension == "yaml" || url.pathExtension == "yml" {
            result.append(url.standardizedFileURL)
        }
        return result.sorted { $0.path < $1.path }
    }
}
