import DTBinding
import Foundation
import XCTest

/// The bad-input corpus of the command line: what `dtbind` prints, word for word, for inputs that
/// are not bindings or DTBs at all, and for YAML built to exhaust memory. Each case writes nothing
/// and exits non-zero. (Bad binding contents are in Fixtures/invalid and Fixtures/hostile.)
final class HostileCommandLineTests: XCTestCase {
    var work: URL!
    var dtbind: String!

    override func setUpWithError() throws {
        dtbind = try TestEnvironment.requireTool("dtbind")
        work = try TestEnvironment.temporaryDirectory()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: work)
    }

    /// Writes `text` to a file in the work folder; returns its path.
    func file(_ name: String, _ text: String) throws -> String {
        let url = work.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    func generate(_ arguments: [String]) throws -> TestEnvironment.Result {
        try TestEnvironment.run(dtbind, ["generate"] + arguments)
    }

    func assertNothingWritten(_ output: URL, file: StaticString = #filePath, line: UInt = #line) {
        let written = (try? FileManager.default.contentsOfDirectory(atPath: output.path)) ?? []
        XCTAssertEqual(written, [], "nothing may be written", file: file, line: line)
    }

    func testABillionLaughsFileIsRefusedBeforeAnyTreeIsBuilt() throws {
        var lines = ["a: &a [x, x, x, x, x, x, x, x, x]"]
        for (index, name) in ["b", "c", "d", "e", "f", "g", "h", "i"].enumerated() {
            let previous = index == 0 ? "a" : ["b", "c", "d", "e", "f", "g", "h"][index - 1]
            lines.append("\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]")
        }
        lines.append("compatible: [*i]")
        let bomb = try file("bomb.yaml", lines.joined(separator: "\n") + "\n")
        let output = work.appendingPathComponent("out")
        let result = try generate([bomb, "--output", output.path])
        XCTAssertEqual(result.status, 1)
        // 9 + 81 + 729 + 6561 + 59049 nodes fit; the alias to 'f' on line 6 passes 100,000.
        XCTAssertEqual(result.stderr, "\(bomb):6: error: with its aliases expanded this file stands for more than 100000 YAML nodes (aliases of aliases multiply); a binding may use an alias only where the expansion stays under that: write the shared part once per use, or move it to an include: file\n")
        assertNothingWritten(output)
    }

    func testAnAliasThatStaysSmallStillWorks() throws {
        // pl011.yaml shares one field list between four registers through an anchor.
        let pl011 = TestEnvironment.bindingsDirectory.appendingPathComponent("pl011.yaml").path
        XCTAssertTrue(try String(contentsOfFile: pl011, encoding: .utf8).contains("&interruptFields"))
        let binding = try BindingLoader().load(pl011)
        XCTAssertFalse(binding.blocks.isEmpty)
    }

    func testDeepNestingIsRefusedAtEitherDepth() throws {
        for depth in [33, 5000] {
            let deep = try file("deep\(depth).yaml", "name: X\nproperties: " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "\n")
            let result = try generate([deep, "--output", work.appendingPathComponent("out").path])
            XCTAssertEqual(result.status, 1)
            XCTAssertEqual(result.stderr, "\(deep):2: error: mappings and lists nested more than 32 deep; a binding file may nest at most 32 levels\n", "depth \(depth)")
        }
    }

    func testUnreadableBindingFilesSayWhy() throws {
        let missing = work.appendingPathComponent("missing.yaml").path
        let binary = work.appendingPathComponent("binary.yaml")
        try Data([0x7F, 0x45, 0x4C, 0x46, 0x00, 0x01]).write(to: binary)
        let folder = work.appendingPathComponent("folder.yaml")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let result = try generate([missing, binary.path, folder.path, "--output", work.appendingPathComponent("out").path])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stderr.split(separator: "\n").sorted(), [
            "\(binary.path):0: error: cannot read binding file: it holds NUL bytes: a binary file, not YAML text",
            "\(folder.path):0: error: cannot read binding file: it is a folder, not a file",
            "\(missing):0: error: cannot read binding file: no such file: check the path",
        ])
    }

    func testAnOutputThatCannotBeAFolderIsRefusedFirst() throws {
        let pl011 = TestEnvironment.bindingsDirectory.appendingPathComponent("pl011.yaml").path
        let existing = try file("existing", "keep me\n")
        var result = try generate([pl011, "--output", existing])
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.stderr, "error: dtbind generate: cannot write to --output \(existing): it is an existing file, not a folder: name a folder (it is created if missing)\n")
        XCTAssertEqual(try String(contentsOfFile: existing, encoding: .utf8), "keep me\n")
        result = try generate([pl011, "--output", existing + "/below"])
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.stderr, "error: dtbind generate: cannot write to --output \(existing)/below: \(existing) is a file, so no folder can be made below it\n")
        XCTAssertFalse(result.stderr.contains("NSError") || result.stderr.contains("Domain="))
    }

    func testBindingFoldersThatCannotBeReadSayWhy() throws {
        let dtb = try TestEnvironment.compileDTS("/dts-v1/;\n/ { #address-cells = <1>; #size-cells = <1>; };\n", in: work)
        let notFolder = try file("plain", "x\n")
        let missing = work.appendingPathComponent("nowhere").path
        let result = try TestEnvironment.run(dtbind, ["check", dtb, "--bindings", missing, "--bindings", notFolder])
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.stderr, """
            error: dtbind check: the bindings have problems; nothing was checked:
            \(missing):0: error: cannot read binding folder: no such folder: check the path
            \(notFolder):0: error: cannot read binding folder: it is a file, not a folder: pass the folder that holds the *.yaml files

            """)
    }

    func testDeviceTreeSourceWhereABlobBelongsGetsTheDtcCommand() throws {
        let source = try file("board.dts", "/dts-v1/;\n\n/ {\n\tmodel = \"a board\";\n};\n")
        let blob = work.appendingPathComponent("board.dtb").path
        for command in ["check", "inspect"] {
            let arguments = command == "check" ? [command, source, "--bindings", TestEnvironment.bindingsDirectory.path] : [command, source]
            let result = try TestEnvironment.run(dtbind, arguments)
            XCTAssertEqual(result.status, 2, command)
            XCTAssertEqual(result.stderr, """
                error: dtbind \(command): malformed DTB (FDT_ERR_BADMAGIC): file \(source) does not start with the DTB magic 0xd00dfeed (found 0x2f647473)
                \(source) is device-tree source, not a blob: compile it first with `dtc -I dts -O dtb -o \(blob) \(source)` and pass \(blob)

                """, command)
        }
    }
}
