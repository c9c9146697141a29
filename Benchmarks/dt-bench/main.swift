// dt-bench: how long a full parse + index of a DTB through DeviceTree takes compared with a plain
// libfdt walk in C, both measured in the same run.
//
//   swift build -c release --product dt-bench
//   .build/release/dt-bench [FILE.dtb ...] [--samples N]
//
// Without files it compiles every dts/*.dts with dtc (run it from the repository root) and
// measures the largest blob. Each sample repeats the workload enough times to last at least
// 20 ms; the figure reported is the median over the samples of the time per repetition.
// The workloads are interleaved sample by sample so both see the same machine state.

import CFdtWalk
import CLinux
import DeviceTree
import Foundation

/// Writes a line to standard error and exits with status 2.
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("dt-bench: \(message)\n".utf8))
    exit(2)
}

/// Command line: blob paths and the sample count.
struct Options {
    var files: [String] = []
    var samples = 21

    init(_ arguments: [String]) {
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            switch argument {
            case "--samples":
                guard let text = rest.popFirst(), let value = Int(text), value > 0 else { fail("--samples needs a positive number") }
                samples = value
            case "-h", "--help":
                print("usage: dt-bench [FILE.dtb ...] [--samples N]   (default: the largest dts/*.dts compiled with dtc)")
                exit(0)
            default:
                files.append(argument)
            }
        }
    }
}

/// Compiles every dts/*.dts into a temporary directory and returns the blob paths.
func compileSamples() -> [String] {
    let sources = (try? FileManager.default.contentsOfDirectory(atPath: "dts"))?
        .filter { $0.hasSuffix(".dts") }.sorted() ?? []
    guard !sources.isEmpty else { fail("no dts/*.dts here; run from the repository root or pass FILE.dtb") }
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dt-bench-\(getpid())")
    try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    var blobs: [String] = []
    for source in sources {
        let output = directory.appendingPathComponent(source.replacingOccurrences(of: ".dts", with: ".dtb")).path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["dtc", "-@", "-q", "-I", "dts", "-O", "dtb", "-o", output, "dts/" + source]
        do { try process.run() } catch { fail("cannot run dtc: \(error)") }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { fail("dtc failed on dts/\(source)") }
        blobs.append(output)
    }
    return blobs
}

/// The Swift workload: validate and index, then ask every node for everything.
func swiftFullParse(_ bytes: [UInt8]) -> UInt64 {
    guard let tree = try? DeviceTree(bytes: bytes) else { fail("the blob does not load") }
    var checksum: UInt64 = 0
    for node in tree.allNodes() {
        for property in node.properties {
            checksum &+= UInt64(property.bytes.count) &+ UInt64(property.name.utf8.count)
        }
        if let registers = try? node.registers() {
            for range in registers { checksum &+= range.address ^ range.size }
        }
        if let interrupts = try? node.interrupts() {
            for interrupt in interrupts { checksum &+= UInt64(interrupt.cells.count) }
        }
        if let name = try? node.linuxDeviceName() { checksum &+= UInt64(name.utf8.count) }
    }
    return checksum
}

/// Only `DeviceTree.init` (fdt_check_full + the node index).
func swiftInitOnly(_ bytes: [UInt8]) -> UInt64 {
    guard let tree = try? DeviceTree(bytes: bytes) else { fail("the blob does not load") }
    return UInt64(tree.nodeCount)
}

/// The C walk over an 8-byte aligned copy (libfdt requires the alignment).
func cWalk(_ blob: UnsafeRawBufferPointer, check: Bool) -> UInt64 {
    var result = cfdtwalk_result()
    let status = cfdtwalk_full(blob.baseAddress, blob.count, check ? 1 : 0, &result)
    if status != 0 { fail("the C walk failed with libfdt error \(status)") }
    return result.checksum
}

/// Nanoseconds per call of `body`, as the median over `samples` samples; each sample repeats
/// the call `repetitions` times.
struct Measurement {
    let name: String
    let body: () -> UInt64
    var perCall: [Double] = []
    var sink: UInt64 = 0

    init(_ name: String, _ body: @escaping () -> UInt64) {
        self.name = name
        self.body = body
    }

    /// Repetitions needed for one sample to last at least `target` nanoseconds.
    mutating func calibrate(target: UInt64) -> Int {
        var repetitions = 1
        while true {
            let start = clinux_monotonic_ns()
            for _ in 0..<repetitions { sink &+= body() }
            if clinux_monotonic_ns() - start >= target || repetitions >= 1 << 24 { return repetitions }
            repetitions *= 2
        }
    }

    mutating func sample(_ repetitions: Int) {
        let start = clinux_monotonic_ns()
        for _ in 0..<repetitions { sink &+= body() }
        perCall.append(Double(clinux_monotonic_ns() - start) / Double(repetitions))
    }

    var median: Double {
        let sorted = perCall.sorted()
        return sorted.isEmpty ? 0 : sorted[sorted.count / 2]
    }
}

func microseconds(_ nanoseconds: Double) -> String {
    String(format: "%10.2f us", nanoseconds / 1000)
}

let options = Options(Array(CommandLine.arguments.dropFirst()))
#if DEBUG
FileHandle.standardError.write(Data("dt-bench: this is a debug build; measure with `swift build -c release`\n".utf8))
#endif

let candidates = options.files.isEmpty ? compileSamples() : options.files
var largest: (path: String, bytes: [UInt8])? = nil
for path in candidates {
    guard let data = FileManager.default.contents(atPath: path) else { fail("cannot read \(path)") }
    if largest == nil || data.count > largest!.bytes.count { largest = (path, [UInt8](data)) }
}
guard let (path, bytes) = largest else { fail("nothing to measure") }

let aligned = UnsafeMutableRawBufferPointer.allocate(byteCount: bytes.count, alignment: 8)
aligned.copyBytes(from: bytes)
let blob = UnsafeRawBufferPointer(aligned)

var walk = cfdtwalk_result()
if cfdtwalk_full(blob.baseAddress, blob.count, 1, &walk) != 0 { fail("\(path) is not a valid DTB") }

var measurements = [
    Measurement("Swift: DeviceTree init + every node's properties, registers, interrupts, linuxName") { swiftFullParse(bytes) },
    Measurement("Swift: DeviceTree init only (fdt_check_full + node index)") { swiftInitOnly(bytes) },
    Measurement("C: libfdt walk (every node, every property, reg decoded)") { cWalk(blob, check: false) },
    Measurement("C: fdt_check_full + the same walk") { cWalk(blob, check: true) },
]
let repetitions = measurements.indices.map { measurements[$0].calibrate(target: 20_000_000) }
for _ in 0..<options.samples {
    for index in measurements.indices { measurements[index].sample(repetitions[index]) }
}

print("dt-bench: \(path)")
print("  \(bytes.count) bytes, \(walk.nodes) nodes, \(walk.properties) properties, \(walk.reg_entries) reg entries")
print("  median of \(options.samples) samples, time per full pass:")
for measurement in measurements {
    print("  " + microseconds(measurement.median) + "  " + measurement.name)
}
let full = measurements[0].median
print(String(format: "  ratio Swift full / C walk:               %6.1fx", full / measurements[2].median))
print(String(format: "  ratio Swift full / C check + walk:       %6.1fx", full / measurements[3].median))
print(String(format: "  ratio Swift init only / C check + walk:  %6.1fx", measurements[1].median / measurements[3].median))
let checksum = measurements.reduce(0) { $0 &+ $1.sink }
if checksum == 42 { print("") }  // keeps the results observable
aligned.deallocate()
