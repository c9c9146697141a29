import Foundation
import XCTest
@testable import DeviceTree

/// Reading a DTB file into the tree's memory: whole, whatever size the file system reports (sysfs
/// files say 4096 or 0), and with the padding QEMU's virt board gives its blob (1 MiB, mostly
/// free space) kept byte for byte.
final class FileLoadingTests: XCTestCase {
    /// `bytes` with its header's totalsize raised to `total` and zeros up to it (free space, as
    /// a boot loader leaves it).
    private func padded(_ bytes: [UInt8], to total: Int) -> [UInt8] {
        var result = bytes + [UInt8](repeating: 0, count: total - bytes.count)
        for (index, byte) in withUnsafeBytes(of: UInt32(total).bigEndian, Array.init).enumerated() { result[4 + index] = byte }
        return result
    }

    func testAFileWhoseSizeIsUnknownIsReadToItsEnd() throws {
        let bytes = padded(try Fixtures.bytes("qemu-virt.dts"), to: 200_000)
        let fifo = Fixtures.outputDirectory.appendingPathComponent("fifo-\(UUID().uuidString).dtb").path
        XCTAssertEqual(mkfifo(fifo, 0o600), 0)
        defer { unlink(fifo) }
        // A FIFO reports size 0 and gives its bytes in pipe-sized pieces: the read grows the
        // memory (64 KiB, then doubling) until the writer closes.
        let writer = Thread {
            guard let handle = FileHandle(forWritingAtPath: fifo) else { return }
            handle.write(Data(bytes))
            handle.closeFile()
        }
        writer.start()
        let tree = try DeviceTree(contentsOfFile: fifo)
        XCTAssertEqual(tree.bytes, bytes)
        XCTAssertNotNil(tree.node(atPath: "/pl011@9000000"))
    }

    func testAOneMebibyteBlobIsReadWhole() throws {
        let bytes = padded(try Fixtures.bytes("qemu-virt.dts"), to: 1 << 20)
        let path = try Fixtures.write(bytes, as: "virt-1mib.dtb")
        let tree = try DeviceTree(contentsOfFile: path)
        XCTAssertEqual(tree.bytes.count, 1 << 20)
        XCTAssertEqual(tree.bytes, bytes)
        XCTAssertEqual(tree.nodeCount, try DeviceTree(bytes: Fixtures.bytes("qemu-virt.dts")).nodeCount)
    }
}
