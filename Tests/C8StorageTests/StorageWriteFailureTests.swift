@testable import C8Core
@testable import C8Storage
import Foundation
import XCTest

/// A RocksDB store whose disk fills up: the write that hits the full disk
/// fails with errorNum 1104, every later write and sync is refused with
/// the same error without touching RocksDB's write-ahead log again (whose
/// writer aborts the process after a failed append in Debian's build),
/// reads go on, close does not crash, and a reopen with space finds every
/// acknowledged write. Needs root to mount a tmpfs; skipped otherwise.
final class StorageWriteFailureTests: XCTestCase {
    func testAFullDiskRefusesWritesFromTheFirstFailureAndKeepsReads() throws {
        let mountPoint = FileManager.default.temporaryDirectory.appendingPathComponent("c8-full-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: mountPoint, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: mountPoint) }
        guard runQuietly("/bin/mount", ["-t", "tmpfs", "-o", "size=12m", "tmpfs", mountPoint]) == 0 else {
            throw XCTSkip("mounting a tmpfs is not permitted here (needs root / CAP_SYS_ADMIN)")
        }
        defer { runQuietly("/bin/umount", ["-l", mountPoint]) }
        let ballast = mountPoint + "/ballast"
        XCTAssertTrue(FileManager.default.createFile(atPath: ballast, contents: Data(count: 4 << 20)))

        var engine: RocksDBEngine? = try RocksDBEngine(directory: mountPoint + "/db")
        let value = [UInt8](repeating: 0x61, count: 64 * 1024)
        var written = 0
        var failure: C8Error?
        while failure == nil && written < 1000 {
            var batch = WriteBatch()
            batch.put(Array("k\(written)".utf8), value)
            do {
                try engine?.write(batch, sync: true)
                written += 1
            } catch {
                failure = error
            }
        }
        let first = try XCTUnwrap(failure, "\(written) writes fit: the disk never filled")
        XCTAssertEqual(first.errorNum, ErrorCode.filesystemFull.rawValue, first.message)
        XCTAssertEqual(first.code, 507)
        XCTAssertTrue(first.message.hasPrefix("filesystem full"), first.message)

        var batch = WriteBatch()
        batch.put(Array("tiny".utf8), [1])
        XCTAssertThrowsError(try engine?.write(batch, sync: false), "a write after the failure") { error in
            XCTAssertEqual((error as? C8Error)?.errorNum, 1104)
            XCTAssertTrue((error as? C8Error)?.message.contains("refused until the server is restarted") ?? false, "\(error)")
        }
        XCTAssertThrowsError(try engine?.sync())
        XCTAssertEqual(try engine?.get(Array("k0".utf8)), value, "reads go on")
        engine?.close()
        engine = nil

        try FileManager.default.removeItem(atPath: ballast)
        let reopened = try RocksDBEngine(directory: mountPoint + "/db")
        defer { reopened.close() }
        for index in 0..<written {
            XCTAssertEqual(try reopened.get(Array("k\(index)".utf8)), value, "acknowledged write k\(index)")
        }
        XCTAssertNil(try reopened.get(Array("k\(written)".utf8)), "the refused write is not there")
        XCTAssertNil(try reopened.get(Array("tiny".utf8)))
        try reopened.write(batch, sync: true)
    }

    func testWriteErrorsAreNumberedByTheirCause() {
        XCTAssertEqual(RocksDBEngine.writeError("IO error: No space left on device: While appending", operation: "write").errorNum, 1104)
        let readOnly = RocksDBEngine.writeError("IO error: While open a file for appending: x: Read-only file system", operation: "write")
        XCTAssertEqual(readOnly.errorNum, 1004)
        XCTAssertEqual(readOnly.code, 503)
        XCTAssertEqual(RocksDBEngine.writeError("Corruption: bad block", operation: "sync").errorNum, 4)
    }
}
