import DTBinding
import DeviceTree
import Foundation
import XCTest

/// Replays every input the fuzzers (scripts/fuzz.sh) found a problem with, through the same
/// harness code the fuzz targets run (Harness/). An input goes in Inputs/<target>/ with a name
/// saying what it broke; the test fails (or crashes) while the bug is there.
final class FuzzRegressionTests: XCTestCase {
    /// This directory (Tests/FuzzRegressionTests).
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    /// The repository root.
    static let root = directory.deletingLastPathComponent().deletingLastPathComponent()

    /// The kept inputs of one target, by name.
    func inputs(_ target: String) throws -> [URL] {
        let folder = Self.directory.appendingPathComponent("Inputs/\(target)")
        guard FileManager.default.fileExists(atPath: folder.path) else { return [] }
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        return names.filter { !$0.hasPrefix(".") }.map { folder.appendingPathComponent($0) }
    }

    func testDeviceTreeInputs() throws {
        let files = try inputs("devicetree")
        XCTAssertFalse(files.isEmpty, "no inputs under Inputs/devicetree")
        for file in files {
            let bytes = try [UInt8](Data(contentsOf: file))
            bytes.withUnsafeBytes { runDeviceTreeInput($0) }
        }
    }

    func testBindingInputs() throws {
        let files = try inputs("binding")
        let resources = BindingFuzzResources.load(root: Self.root.path, dtbDirectory: try compileSampleTrees())
        XCTAssertFalse(resources.files.isEmpty, "the shipped bindings were not found")
        XCTAssertFalse(resources.trees.isEmpty, "the sample trees did not compile")
        for file in files {
            let bytes = try [UInt8](Data(contentsOf: file))
            bytes.withUnsafeBytes { runBindingInput($0, resources: resources) }
        }
    }

    /// Inputs/devicetree/gic-intid-overflow.dtb: a GIC specifier whose number is near 2^32 made
    /// `GICInterrupt.intid` trap on arithmetic overflow; such a specifier no longer decodes.
    func testGICNumberTooLargeForAnINTIDDoesNotDecode() {
        XCTAssertNil(GICInterrupt(cells: [0, 0xFFFF_FFF0, 4]))
        XCTAssertNil(GICInterrupt(cells: [2, UInt32.max - 4095, 4]))
        XCTAssertEqual(GICInterrupt(cells: [0, UInt32.max - 32, 4])?.intid, UInt32.max)
        XCTAssertEqual(GICInterrupt(cells: [3, 63, 4])?.intid, 1056 + 63)
    }

    /// Inputs/devicetree/alias-recursion-stack-overflow.dtb: libfdt 1.6.1 follows a path's leading
    /// alias by calling itself on the alias value, so an alias that is not an absolute path made
    /// `node(atPath:)` recurse until the stack overflowed. Such aliases now resolve to nothing.
    func testRelativeAliasesDoNotRecurse() throws {
        let tree = try DeviceTree(bytes: compile("""
            /dts-v1/;
            / {
                aliases { serial0 = "serial0"; loop = "loop/child"; empty; good = "/soc"; };
                soc { child { }; };
            };
            """))
        XCTAssertNil(tree.node(atPath: "serial0"))
        XCTAssertNil(tree.node(atPath: "loop/child"))
        XCTAssertNil(tree.node(atPath: "empty"))
        XCTAssertNil(tree.node(atPath: ""))
        XCTAssertEqual(tree.node(atPath: "good")?.path, "/soc")
        XCTAssertEqual(tree.node(atPath: "good/child")?.path, "/soc/child")
        XCTAssertNil(tree.node(alias: "serial0"))
        XCTAssertEqual(tree.node(alias: "good")?.path, "/soc")
    }

    /// Inputs/devicetree/old-version-root-name-null-deref.dtb: libfdt 1.6.1's fdt_check_full
    /// dereferenced a NULL name for a format-version-3 blob whose root name had no "/". Such a
    /// blob is now rejected before fdt_check_full; a real version-3 blob (dtc -V 3) still loads.
    func testOldFormatBlobWithoutFullPathNamesIsRejected() throws {
        let file = Self.directory.appendingPathComponent("Inputs/devicetree/old-version-root-name-null-deref.dtb")
        XCTAssertThrowsError(try DeviceTree(bytes: [UInt8](Data(contentsOf: file)))) { error in
            XCTAssertEqual(error as? DeviceTreeError, .malformedBlob(
                source: "blob", code: -11,  // FDT_ERR_BADSTRUCTURE
                detail: "has format version 3, whose node names are full paths, but a top-level node name without \"/\""))
        }
        let old = try DeviceTree(bytes: compile("/dts-v1/;\n/ { soc { child { reg = <1>; }; }; };", arguments: ["-V", "3"]))
        XCTAssertEqual(old.nodeCount, 3)
        XCTAssertEqual(old.node(atPath: "/soc/child")?.name, "child")
    }

    /// Inputs/devicetree/property-length-wraps-check-full-hang.dtb: a property length of
    /// 0xfffffff4 brings libfdt 1.6.1's fdt_next_tag back to the same offset, and fdt_check_full
    /// looped for ever (a fuzzer timeout). It is now rejected before fdt_check_full, naming the
    /// property's offset; the blob is otherwise a good version-17 tree.
    func testPropertyLengthThatWrapsTheOffsetIsRejected() throws {
        let file = Self.directory.appendingPathComponent("Inputs/devicetree/property-length-wraps-check-full-hang.dtb")
        XCTAssertThrowsError(try DeviceTree(bytes: [UInt8](Data(contentsOf: file)))) { error in
            XCTAssertEqual(error as? DeviceTreeError, .malformedBlob(
                source: "blob", code: -11,  // FDT_ERR_BADSTRUCTURE
                detail: "has a property at structure offset 2708 whose length runs past the end of the blob"))
        }
    }

    /// `source` compiled with dtc.
    func compile(_ source: String, arguments: [String] = []) throws -> [UInt8] {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("FuzzRegressionTests-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let input = directory.appendingPathComponent("source.dts")
        let output = directory.appendingPathComponent("source.dtb")
        try Data(source.utf8).write(to: input)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["dtc", "-q", "-I", "dts", "-O", "dtb"] + arguments + ["-o", output.path, input.path]
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0, "dtc failed (is device-tree-compiler installed?)")
        return try [UInt8](Data(contentsOf: output))
    }

    /// dts/*.dts compiled with dtc into a fresh temporary directory (the trees the binding
    /// fuzz target checks against).
    func compileSampleTrees() throws -> String {
        let output = FileManager.default.temporaryDirectory
            .appendingPathComponent("FuzzRegressionTests-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        let dts = Self.root.appendingPathComponent("dts")
        for name in try FileManager.default.contentsOfDirectory(atPath: dts.path) where name.hasSuffix(".dts") {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["dtc", "-q", "-I", "dts", "-O", "dtb",
                                 "-o", output.appendingPathComponent(name.replacingOccurrences(of: ".dts", with: ".dtb")).path,
                                 dts.appendingPathComponent(name).path]
            try process.run()
            process.waitUntilExit()
            XCTAssertEqual(process.terminationStatus, 0, "dtc failed on dts/\(name) (is device-tree-compiler installed?)")
        }
        return output.path
    }
}
