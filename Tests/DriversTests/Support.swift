import Foundation
import XCTest

/// The path of `name` (for example "dtc") on PATH, for a test that cannot run without it.
///
/// When the tool is missing, a test must not pass without testing anything. With the environment
/// variable `PDRIVERS_REQUIRE_TOOLS=1` (which `make test` sets) this throws an error, so the test
/// FAILS; otherwise it throws `XCTSkip`, so a plain `swift test` on a machine without dtc reports
/// the test as skipped, never as passed. Either way the message names the missing tool and how to
/// get it. A tool that is found but fails when run is a failure whatever the variable says: the
/// caller reports its stderr. `file` and `line` place a skip at the caller.
func requireTool(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
    for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
        let candidate = "\(directory)/\(name)"
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    let fix = name == "dtc"
        ? "install it with `apt-get install device-tree-compiler` (`make deps` and `make test` install it)"
        : "install it and put it on PATH"
    let message = "\(name) is not installed (not found on PATH); \(fix)"
    if ProcessInfo.processInfo.environment["PDRIVERS_REQUIRE_TOOLS"] == "1" {
        throw ToolFailure(description: message + " [a failure because PDRIVERS_REQUIRE_TOOLS=1]")
    }
    throw XCTSkip(message + " [skipped; set PDRIVERS_REQUIRE_TOOLS=1 to make this a failure]", file: file, line: line)
}

/// A required tool that is missing (under PDRIVERS_REQUIRE_TOOLS=1) or that failed when run;
/// XCTest records it as a failure with this description.
struct ToolFailure: Error, CustomStringConvertible {
    var description: String
}
