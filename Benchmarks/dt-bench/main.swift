// dt-bench: how long a full parse + index of a DTB through DeviceTree takes compared with a plain
// libfdt walk in C, both measured in the same run.
//
//   swift build -c release --product dt-bench
//   .build/release/dt-bench [FILE.dtb ...] [--samples N] [--tsv]
//   .build/release/dt-bench --run WORKLOAD --repeat K FILE.dtb      (for callgrind)
//
// Without files it compiles every dts/*.dts with dtc (run it from the repository root) and
// measures the largest blob; with files it measures each of them. Each sample repeats the
// workload enough times to last at least 20 ms; the figure reported is the median over the
// samples of the time per repetition. The workloads are interleaved sample by sample so all see
// the same machine state.
//
// `--run` does no timing: it runs one workload K times on one blob and prints a checksum. Under
// `valgrind --tool=callgrind`, the difference between the totals for K and 2K repetitions is
// the instruction count of K passes, with the program's startup cancelled out (scripts/bench.sh).
//
// `--tsv` prints one line per blob instead of the prose report:
//   path bytes nodes properties swift_full_ns swift_init_ns c_walk_ns c_check_walk_ns

import CFdtWalk
import CLinux
import DeviceTree
import Foundation

/// Writes a line to standard error and exits with status 2.
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("dt-bench: \(message)\n".utf8))
    exit(2)
}

/// The four workloads, by the name `--run` takes.
enum Workload: String, CaseIterable {
    case swiftFull = "swift-full"
    case swiftInit = "swift-init"
    case cWalk = "c-walk"
    case cCheckWalk = "c-check-walk"
    // Breakdown of swift-full (for --run only): init plus one accessor over every node.
    case swiftProperties = "swift-properties"
    case swiftRegisters = "swift-registers"
    case swiftInterrupts = "swift-interrupts"
    case swiftLinuxName = "swift-linuxname"

    /// The workloads the timing report measures.
    static let timed: [Workload] = [.swiftFull, .swiftInit, .cWalk, .cCheckWalk]

    var title: String {
        switch self {
        case .swiftFull: return "Swift: DeviceTree init + every node's properties, registers, interrupts, linuxName"
        case .swiftInit: return "Swift: DeviceTree init only (fdt_check_full + node index)"
        case .cWalk: return "C: libfdt walk (every node, every property, reg decoded)"
        case .cCheckWalk: return "C: fdt_check_full + the same walk"
        case .swiftProperties: return "Swift: init + every node's properties"
        case .swiftRegisters: return "Swift: init + every node's registers()"
        case .swiftInterrupts: return "Swift: init + every node's interrupts()"
        case .swiftLinuxName: return "Swift: init + every node's linuxDeviceName()"
        }
    }
}

/// Command line: blob paths, the sample count, and the single-workload mode.
struct Options {
    var files: [String] = []
    var samples = 21
    var tsv = false
    var run: Workload? = nil
    var repeatCount = 1

    init(_ arguments: [String]) {
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            switch argument {
            case "--samples":
                guard let text = rest.popFirst(), let value = Int(text), value > 0 else { fail("--samples needs a positive number") }
                samples = value
            case "--tsv":
                tsv = true
            case "--run":
                guard let text = rest.popFirst(), let workload = Workload(rawValue: text) else {
                    fail("--run needs one of: " + Workload.allCases.map(\.rawValue).joined(separator: ", "))
                }
                run = workload
            case "--repeat":
                guard let text = rest.popFirst(), let value = Int(text), value > 0 else { fail("--repeat needs a positive number") }
                repeatCount = value
            case "-h", "--help":
                print("""
                    usage: dt-bench [FILE.dtb ...] [--samples N] [--tsv]
                           dt-bench --run \(Workload.allCases.map(\.rawValue).joined(separator: "|")) [--repeat K] FILE.dtb
                    Without files: the largest dts/*.dts compiled with dtc.
                    """)
                exit(0)
            default:
                files.append(argument)
            }
        }
    }
}

/// Compiles every dts/*.dts into a temporary directory and returns the largest blob's path.
func compileLargestSample() -> String {
    let sources = (try? FileManager.default.contentsOfDirectory(atPath: "dts"))?
        .filter { $0.hasSuffix(".dts") }.sorted() ?? []
    guard !sources.isEmpty else { fail("no dts/*.dts here; run from the repository root or pass FILE.dtb") }
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("dt-bench-\(getpid())")
    try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    var largest: (path: String, size: Int)? = nil
    for source in sources {
        let output = directory.appendingPathComponent(source.replacingOccurrences(of: ".dts", with: ".dtb")).path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["dtc", "-@", "-q", "-I", "dts", "-O", "dtb", "-o", output, "dts/" + source]
        do { try process.run() } catch { fail("cannot run dtc: \(error)") }
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { fail("dtc failed on dts/\(source)") }
        let size = FileManager.default.contents(atPath: output)?.count ?? 0
        if largest == nil || size > largest!.size { largest = (output, size) }
    }
    return largest!.path
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

/// Init plus one part of `swiftFullParse`, to see where its time goes.
func swiftPart(_ bytes: [UInt8], _ part: Workload) -> UInt64 {
    guard let tree = try? DeviceTree(bytes: bytes) else { fail("the blob does not load") }
    var checksum: UInt64 = 0
    for node in tree.allNodes() {
        switch part {
        case .swiftProperties:
            for property in node.properties {
                checksum &+= UInt64(property.bytes.count) &+ UInt64(property.name.utf8.count)
            }
        case .swiftRegisters:
            if let registers = try? node.registers() {
                for range in registers { checksum &+= range.address ^ range.size }
            }
        case .swiftInterrupts:
            if let interrupts = try? node.interrupts() {
                for interrupt in interrupts { checksum &+= UInt64(interrupt.cells.count) }
            }
        default:
            if let name = try? node.linuxDeviceName() { checksum &+= UInt64(name.utf8.count) }
        }
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

/// A blob as Swift bytes and as an 8-byte aligned copy for the C walk.
final class Blob {
    let path: String
    let bytes: [UInt8]
    let aligned: UnsafeMutableRawBufferPointer
    let walk: cfdtwalk_result

    init(path: String) {
        guard let data = FileManager.default.contents(atPath: path) else { fail("cannot read \(path)") }
        self.path = path
        bytes = [UInt8](data)
        aligned = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bytes.count, 1), alignment: 8)
        aligned.copyBytes(from: bytes)
        var result = cfdtwalk_result()
        if cfdtwalk_full(aligned.baseAddress, bytes.count, 1, &result) != 0 { fail("\(path) is not a valid DTB") }
        walk = result
    }

    deinit { aligned.deallocate() }

    var buffer: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: aligned.baseAddress, count: bytes.count) }

    /// One pass of `workload`; returns its checksum.
    func run(_ workload: Workload) -> UInt64 {
        switch workload {
        case .swiftFull: return swiftFullParse(bytes)
        case .swiftInit: return swiftInitOnly(bytes)
        case .cWalk: return cWalk(buffer, check: false)
        case .cCheckWalk: return cWalk(buffer, check: true)
        case .swiftProperties, .swiftRegisters, .swiftInterrupts, .swiftLinuxName: return swiftPart(bytes, workload)
        }
    }
}

/// Nanoseconds per call of one workload, as the median over samples; each sample repeats the
/// call `repetitions` times.
struct Measurement {
    let workload: Workload
    let blob: Blob
    var perCall: [Double] = []
    var sink: UInt64 = 0

    /// Repetitions needed for one sample to last at least `target` nanoseconds.
    mutating func calibrate(target: UInt64) -> Int {
        var repetitions = 1
        while true {
            let start = clinux_monotonic_ns()
            for _ in 0..<repetitions { sink &+= blob.run(workload) }
            if clinux_monotonic_ns() - start >= target || repetitions >= 1 << 24 { return repetitions }
            repetitions *= 2
        }
    }

    mutating func sample(_ repetitions: Int) {
        let start = clinux_monotonic_ns()
        for _ in 0..<repetitions { sink &+= blob.run(workload) }
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

if let workload = options.run {
    guard options.files.count == 1 else { fail("--run takes exactly one FILE.dtb") }
    let blob = Blob(path: options.files[0])
    var checksum: UInt64 = 0
    for _ in 0..<options.repeatCount { checksum &+= blob.run(workload) }
    print("dt-bench: \(workload.rawValue) x\(options.repeatCount) on \(blob.path): checksum \(checksum)")
    exit(0)
}

let paths = options.files.isEmpty ? [compileLargestSample()] : options.files
var sink: UInt64 = 0
for path in paths {
    let blob = Blob(path: path)
    var measurements = Workload.timed.map { Measurement(workload: $0, blob: blob) }
    let repetitions = measurements.indices.map { measurements[$0].calibrate(target: 20_000_000) }
    for _ in 0..<options.samples {
        for index in measurements.indices { measurements[index].sample(repetitions[index]) }
    }
    sink = measurements.reduce(sink) { $0 &+ $1.sink }
    let median = Dictionary(uniqueKeysWithValues: measurements.map { ($0.workload, $0.median) })
    let walk = blob.walk
    if options.tsv {
        let times = Workload.timed.map { String(format: "%.0f", median[$0]!) }
        print(([path, "\(blob.bytes.count)", "\(walk.nodes)", "\(walk.properties)"] + times).joined(separator: "\t"))
        continue
    }
    print("dt-bench: \(path)")
    print("  \(blob.bytes.count) bytes, \(walk.nodes) nodes, \(walk.properties) properties, \(walk.reg_entries) reg entries")
    print("  median of \(options.samples) samples, time per full pass:")
    for workload in Workload.timed {
        print("  " + microseconds(median[workload]!) + "  " + workload.title)
    }
    let full = median[.swiftFull]!
    print(String(format: "  ratio Swift full / C walk:               %6.2fx", full / median[.cWalk]!))
    print(String(format: "  ratio Swift full / C check + walk:       %6.2fx", full / median[.cCheckWalk]!))
    print(String(format: "  ratio Swift init only / C check + walk:  %6.2fx", median[.swiftInit]! / median[.cCheckWalk]!))
}
if sink == 42 { print("") }  // keeps the results observable
