// The binding fuzz harness, shared by the libFuzzer target (Fuzz/BindingFuzz, built by
// scripts/fuzz.sh) and the regression tests that replay its findings (Inputs/binding).
//
// One input is the text of one binding file. It is loaded the way `dtbind` loads bindings (YAML
// parse, schema checks, includes, cross-checks against the shipped bindings); a binding that
// loads is then generated into Swift and used to check every node of the sample device trees.
// Diagnostics are expected; crashes, sanitizer reports and hangs are findings. No file outside
// the resources is read: every path resolves inside an in-memory directory "/fuzz".

import DTBinding
import DeviceTree
import Foundation

/// What the harness needs besides the input: the shipped bindings and fragments (so `include:`
/// works) and the sample trees the loaded binding checks.
public struct BindingFuzzResources: Sendable {
    /// File contents by path relative to "/fuzz": "pl011.yaml", "common/primecell.yaml", ...
    public var files: [String: String] = [:]
    /// Device trees compiled from dts/*.dts.
    public var trees: [DeviceTree] = []
    /// The shipped bindings, loaded once (an input is cross-checked against them).
    public var shipped: [Binding] = []

    public init() {}

    /// Reads bindings/*.yaml, bindings/common/*.yaml and every `*.dtb` in `dtbDirectory` (when
    /// given) under the repository `root`.
    public static func load(root: String, dtbDirectory: String?) -> BindingFuzzResources {
        var resources = BindingFuzzResources()
        let manager = FileManager.default
        for directory in ["bindings", "bindings/common"] {
            let names = (try? manager.contentsOfDirectory(atPath: root + "/" + directory)) ?? []
            for name in names.sorted() where name.hasSuffix(".yaml") {
                let relative = directory == "bindings" ? name : "common/" + name
                if let text = try? String(contentsOfFile: root + "/" + directory + "/" + name, encoding: .utf8) {
                    resources.files[relative] = text
                }
            }
        }
        let files = resources.files
        let loader = BindingLoader(readFile: { path in path.hasPrefix("/fuzz/") ? files[String(path.dropFirst("/fuzz/".count))] : nil })
        resources.shipped = (try? loader.load(files.keys.filter { !$0.contains("/") }.sorted().map { "/fuzz/" + $0 })) ?? []
        if let dtbDirectory {
            let names = (try? manager.contentsOfDirectory(atPath: dtbDirectory)) ?? []
            for name in names.sorted() where name.hasSuffix(".dtb") {
                if let tree = try? DeviceTree(contentsOfFile: dtbDirectory + "/" + name) { resources.trees.append(tree) }
            }
        }
        return resources
    }
}

/// Keeps results observable so the optimiser cannot drop the calls that produce them.
nonisolated(unsafe) var bindingFuzzSink = 0

@inline(never)
func bindingKeep(_ text: String) { bindingFuzzSink &+= text.utf8.count }

/// The path the input is loaded from.
let fuzzInputPath = "/fuzz/input.yaml"

/// Runs one fuzz input (binding YAML) through the loader, the generator and the checker.
public func runBindingInput(_ input: UnsafeRawBufferPointer, resources: BindingFuzzResources) {
    let text = String(decoding: input, as: UTF8.self)
    let files = resources.files
    let loader = BindingLoader(readFile: { path in
        if path == fuzzInputPath { return text }
        guard path.hasPrefix("/fuzz/") else { return nil }
        return files[String(path.dropFirst("/fuzz/".count))]
    })

    let bindings: [Binding]
    do {
        bindings = try loader.load([fuzzInputPath])
    } catch {
        for diagnostic in error.diagnostics {
            precondition(diagnostic.line >= 0, "a diagnostic has a negative line")
            bindingKeep(diagnostic.description)
        }
        return
    }
    precondition(bindings.count == 1, "one path loaded as \(bindings.count) bindings")

    // Together with the shipped bindings, as `dtbind generate bindings/*.yaml` would load it
    // (they are loaded once; only the cross-checks run per input).
    for conflict in BindingLoader.conflicts(among: bindings + resources.shipped) { bindingKeep(conflict.description) }

    for (name, contents) in BindingGeneration.files(for: bindings) {
        bindingKeep(name)
        bindingKeep(contents)
    }
    bindingKeep(SwiftGenerator(includesConfig: false).generate(bindings[0]))

    let checker = DeviceTreeChecker(bindings: bindings)
    for tree in resources.trees {
        bindingKeep("\(checker.check(tree).findings.count)")
        for node in tree.allNodes() {
            for finding in checker.check(node, against: bindings[0]) { bindingKeep(finding.description) }
        }
    }
}
