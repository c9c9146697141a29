import DeviceTree
import Foundation

/// The device tree of QEMU's virt board (dts/qemu-virt.dts), compiled with the dtc on PATH.
public enum QEMUVirtTree {
    /// The repository's root folder.
    public static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Compiles dts/qemu-virt.dts and loads it; throws naming dtc when it cannot.
    public static func load() throws -> DeviceTree {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("virt-\(UUID().uuidString).dtb")
        defer { try? FileManager.default.removeItem(at: output) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["dtc", "-q", "-I", "dts", "-O", "dtb", "-o", output.path,
                             repositoryRoot.appendingPathComponent("dts/qemu-virt.dts").path]
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CompileFailure(status: process.terminationStatus) }
        return try DeviceTree(contentsOfFile: output.path)
    }

    /// dtc failed or is missing.
    public struct CompileFailure: Error, CustomStringConvertible {
        /// dtc's exit status.
        public let status: Int32
        /// What to do.
        public var description: String {
            "dtc exited with \(status) on dts/qemu-virt.dts: install device-tree-compiler (`make test` does)"
        }
    }
}
