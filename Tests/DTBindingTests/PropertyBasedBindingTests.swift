import DTBinding
import Foundation
import XCTest

/// Property-based tests of the binding reader and generator over random bindings from a seeded
/// generator (`RandomBindingWriter`; set PDRIVERS_PROPERTY_SEED to repeat or vary a run):
/// every valid binding loads and its generated Swift compiles (all of them in one swiftc run);
/// every binding with one value replaced by a hostile one is refused with a diagnostic at that
/// line, never a crash.
final class PropertyBasedBindingTests: XCTestCase {
    static var seed: UInt64 {
        ProcessInfo.processInfo.environment["PDRIVERS_PROPERTY_SEED"].flatMap { UInt64($0) } ?? 0x5EED_0012
    }

    static func loader(_ files: [String: String]) -> BindingLoader {
        BindingLoader(readFile: { files[$0] })
    }

    func testRandomValidBindingsLoadAndTheirGeneratedSwiftCompiles() throws {
        let dtbind = try TestEnvironment.requireTool("dtbind")
        var writer = RandomBindingWriter(seed: Self.seed)
        let bindings = (0..<64).map { writer.binding($0) }
        var files: [String: String] = [:]
        for binding in bindings { files.merge(binding.files) { first, _ in first } }
        let loaded: [Binding]
        do {
            loaded = try Self.loader(files).load(bindings.map(\.path))
        } catch {
            let first = error.diagnostics[0]
            return XCTFail("seed \(Self.seed): a valid random binding was refused: \(error)\n\(files[first.file] ?? "")")
        }
        XCTAssertEqual(loaded.count, bindings.count)
        XCTAssertTrue(loaded.contains { $0.blocks[0].extent == 0x1_0000_0000 }, "seed \(Self.seed): no block reached the 4 GiB limit")

        let directory = try TestEnvironment.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        var sources: [String] = []
        for (name, contents) in BindingGeneration.files(for: loaded, includesConfig: true) {
            let path = directory.appendingPathComponent(name).path
            try contents.write(toFile: path, atomically: true, encoding: .utf8)
            sources.append(path)
        }
        // The modules the test bundle was built with (Registers, DeviceTree, DeviceConfig) are
        // beside dtbind; their C modules are in Sources.
        let modules = URL(fileURLWithPath: dtbind).deletingLastPathComponent().appendingPathComponent("Modules").path
        let cModules = ["CFdt", "CLinux", "CMMIO"].flatMap { ["-I", TestEnvironment.root.appendingPathComponent("Sources/\($0)").path] }
        let swiftc = TestEnvironment.tool("swiftc") ?? "/opt/swift/usr/bin/swiftc"
        let result = try TestEnvironment.run(swiftc, ["-typecheck", "-parse-as-library", "-module-name", "Generated", "-I", modules] + cModules + sources)
        XCTAssertEqual(result.status, 0, "seed \(Self.seed): generated Swift does not compile:\n\(result.stderr.prefix(4000))")
    }

    func testRandomBindingsWithOneHostileValueAreRefusedAtThatLine() {
        var writer = RandomBindingWriter(seed: Self.seed ^ 0xBAD)
        var refused = 0
        var kinds: Set<String> = []
        for index in 0..<400 {
            let binding = writer.binding(index)
            let site = binding.sites.randomElement(using: &writer.random)!
            let value = HostileValues.values(for: site).randomElement(using: &writer.random)!
            kinds.insert("\(site.kind)")
            let files = binding.replacing(site, with: value)
            do {
                _ = try Self.loader(files).load(binding.path)
                XCTFail("seed \(Self.seed): '\(value)' at line \(site.line) was accepted:\n\(files[binding.path]!)")
            } catch {
                refused += 1
                // A count or stride too big for the block is reported where the member starts.
                let lines = [site.line] + (site.offsetLine.map { [$0] } ?? [])
                XCTAssertTrue(error.diagnostics.contains { $0.file == binding.path && lines.contains($0.line) },
                              "seed \(Self.seed): no diagnostic at line \(site.line) for '\(value)': \(error)\n\(files[binding.path]!)")
            }
        }
        XCTAssertEqual(refused, 400)
        XCTAssertEqual(kinds.count, 10, "every kind of site was tried: \(kinds.sorted())")
    }

    func testUnchangedRandomBindingsLoadAlone() throws {
        var writer = RandomBindingWriter(seed: Self.seed ^ 0xBAD)
        for index in 0..<50 {
            let binding = writer.binding(index)
            XCTAssertNoThrow(try Self.loader(binding.files).load(binding.path), "seed \(Self.seed):\n\(binding.files[binding.path]!)")
        }
    }
}
