import Foundation
import XCTest

/// One boot of one of QEMU's arm64 boards (`virt`, or `raspi3b` with the upstream Raspberry Pi 3
/// device tree) with the project's kernel and the Embedded binaries, running one guest scenario
/// (board/scenarios/NAME.sh) through scripts/run-on-board.sh, the same command a user boots
/// their own binaries with. The console is collected line by line as it arrives; the guest
/// PL011 is reachable through fifos; a hung guest is killed by the rig's timeout and reported
/// with its console.
final class Board: @unchecked Sendable {
    /// The QEMU machine booted (rig/run-board.sh --board).
    enum Machine: String {
        /// QEMU's `virt`: GIC, PL011 at 9000000, console on hvc0.
        case virt
        /// QEMU's `raspi3b` with bcm2837-rpi-3-b.dtb: BCM2835/BCM2836 interrupt controllers,
        /// PL011 uart0 at 3f201000, console on the mini UART.
        case raspi3b
    }

    /// The kernel, the Embedded binaries and the demo's initramfs, from the environment
    /// `make test` sets.
    struct Artifacts {
        let kernel: String
        let initrd: String
        let binaries: String

        /// The upstream Raspberry Pi 3 DTB: BOARD_RASPI3B_DTB, else the one rig/build-kernel.sh
        /// caches beside the kernel Image. A skip (a failure under BOARD_REQUIRED=1) when missing.
        func raspberryPiDTB() throws -> String {
            let environment = ProcessInfo.processInfo.environment
            let path = environment["BOARD_RASPI3B_DTB"]
                ?? URL(fileURLWithPath: kernel).deletingLastPathComponent().appendingPathComponent("bcm2837-rpi-3-b.dtb").path
            guard FileManager.default.fileExists(atPath: path) else {
                let message = "no Raspberry Pi 3 DTB at \(path): rig/build-kernel.sh builds it beside the Image (rig/build-kernel.sh --dtb raspi3b prints its path), or set BOARD_RASPI3B_DTB"
                if environment["BOARD_REQUIRED"] == "1" {
                    XCTFail(message)
                    throw XCTSkip("failed: " + message)
                }
                throw XCTSkip(message)
            }
            return path
        }

        /// The artifacts, or a skip (a failure when BOARD_REQUIRED=1, as in `make test`).
        static func fromEnvironment() throws -> Artifacts {
            let environment = ProcessInfo.processInfo.environment
            guard let kernel = environment["BOARD_KERNEL"], let initrd = environment["BOARD_INITRD"],
                  let binaries = environment["BOARD_EMBEDDED_BIN"],
                  FileManager.default.fileExists(atPath: kernel), FileManager.default.fileExists(atPath: initrd),
                  FileManager.default.fileExists(atPath: binaries + "/vfioctl") else {
                let message = "BOARD_KERNEL/BOARD_INITRD/BOARD_EMBEDDED_BIN not set or missing: run `make test` (it builds the kernel, the Embedded binaries and the initramfs)"
                if environment["BOARD_REQUIRED"] == "1" {
                    XCTFail(message)
                    throw XCTSkip("failed: " + message)
                }
                throw XCTSkip(message)
            }
            return Artifacts(kernel: kernel, initrd: initrd, binaries: binaries)
        }
    }

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    let process = Process()
    let workDirectory: URL
    private let output = Pipe()
    private let lock = NSCondition()
    private var consoleText = ""
    private var finished = false

    /// Serial fifo prefix when the board was started with `serial: true`.
    var serialPrefix: String { workDirectory.appendingPathComponent("serial").path }
    /// QEMU monitor socket path when started with `monitor: true`.
    var monitorPath: String { workDirectory.appendingPathComponent("monitor.sock").path }

    /// Boots `machine` running `scenario`; `append` adds kernel command-line words, `dtb` boots
    /// with that device tree instead of the machine's own.
    init(scenario: String, machine: Machine = .virt, append: String = "", serial: Bool = false, monitor: Bool = false, kernelPL011: Bool = false, dtb: String? = nil, timeout: Int = 120) throws {
        let artifacts = try Artifacts.fromEnvironment()
        let dtb = try dtb ?? (machine == .raspi3b ? artifacts.raspberryPiDTB() : nil)
        workDirectory = URL(fileURLWithPath: "/tmp").appendingPathComponent("board-\(scenario)-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: workDirectory, withIntermediateDirectories: true)
        let script = Self.packageRoot.appendingPathComponent("board/scenarios/\(scenario).sh").path
        var arguments = [Self.packageRoot.appendingPathComponent("scripts/run-on-board.sh").path,
                         "--kernel", artifacts.kernel, "--script", script,
                         "--timeout", String(timeout), "--append", ("scenario=\(scenario) " + append).trimmingCharacters(in: .whitespaces)]
        if kernelPL011 { arguments.append("--kernel-pl011") }
        arguments += ["--board", machine.rawValue]
        if let dtb { arguments += ["--dtb", dtb] }
        if serial {
            for suffix in [".in", ".out"] { mkfifo(serialPrefix + suffix, 0o600) }
            arguments += ["--serial", serialPrefix]
        }
        arguments.append(artifacts.binaries)
        var environment = ProcessInfo.processInfo.environment
        if monitor { environment["RIG_QEMU_EXTRA"] = Self.qemuExtra(environment["RIG_QEMU_EXTRA"], adding: "-monitor unix:\(monitorPath),server=on,wait=off") }
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = arguments
        process.environment = environment
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        output.fileHandleForReading.readabilityHandler = { [weak self] handle in
            let data = handle.availableData
            guard let self else { return }
            self.lock.lock()
            if data.isEmpty { self.finished = true } else { self.consoleText += String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\r", with: "") }
            self.lock.broadcast()
            self.lock.unlock()
        }
        try process.run()
    }

    deinit {
        if process.isRunning { process.terminate() }
        try? FileManager.default.removeItem(at: workDirectory)
    }

    /// Everything the guest console printed so far.
    var console: String {
        lock.lock(); defer { lock.unlock() }
        return consoleText
    }

    /// Waits until the console contains `text`; fails the test with the console on timeout.
    @discardableResult
    func waitFor(_ text: String, seconds: Double = 60, file: StaticString = #filePath, line: UInt = #line) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        lock.lock(); defer { lock.unlock() }
        while !consoleText.contains(text) {
            if finished || !lock.wait(until: deadline) {
                if consoleText.contains(text) { return true }
                XCTFail("console never showed \"\(text)\" in \(Int(seconds)) s\(finished ? " (the board had stopped)" : ""); its last lines:\n\(Self.lastLines(of: consoleText))", file: file, line: line)
                return false
            }
        }
        return true
    }

    /// The QEMU options of `existing` (the caller's RIG_QEMU_EXTRA) with `options` added, never
    /// in their place.
    static func qemuExtra(_ existing: String?, adding options: String) -> String {
        [existing, options].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// The last `count` lines of `text`: what a give-up message shows of the console.
    static func lastLines(of text: String, count: Int = 40) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).suffix(count).joined(separator: "\n")
    }

    /// Waits for the rig to end; returns its exit status (the guest scenario's, 124 on timeout).
    func finish() -> Int32 {
        process.waitUntilExit()
        lock.lock()
        let deadline = Date().addingTimeInterval(5)
        while !finished && lock.wait(until: deadline) {}
        lock.unlock()
        return process.terminationStatus
    }

    /// Console lines that start with `prefix`, without it.
    func lines(startingWith prefix: String) -> [String] {
        console.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces) }
    }

    /// The console text between "STEP: name" and the next "STEP:" line.
    func step(_ name: String) -> String {
        let text = console
        guard let start = text.range(of: "STEP: \(name)\n") else { return "" }
        let rest = text[start.upperBound...]
        if let end = rest.range(of: "STEP: ") { return String(rest[..<end.lowerBound]) }
        return String(rest)
    }

    /// The exit statuses a step printed ("EXIT: N" lines), in order: a test asserts the whole
    /// list, so a status other than the one expected, or a command that printed none, fails.
    func exitStatuses(inStep name: String) -> [String] {
        step(name).split(separator: "\n").filter { $0.hasPrefix("EXIT: ") }.map { String($0.dropFirst(6)) }
    }

    /// Sends one command to the QEMU human monitor.
    func monitorCommand(_ command: String) throws {
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        defer { close(fd) }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { buffer in
            let bytes = Array(monitorPath.utf8)
            for (index, byte) in bytes.enumerated() where index < buffer.count - 1 { buffer[index] = byte }
        }
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard connected == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        let text = Array((command + "\n").utf8)
        _ = text.withUnsafeBytes { send(fd, $0.baseAddress, $0.count, 0) }
        usleep(300_000)
    }
}
