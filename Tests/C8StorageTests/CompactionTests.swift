import C8Core
@testable import C8Storage
import Foundation
import XCTest

/// `StorageEngine.compact()`: a RocksDB store spread over several levels by
/// ingested tables, writes and flushes ends up with every table file in the
/// bottommost level and the same contents; a read-only store refuses it
/// with errorNum 1004; a memory store has nothing to do.
final class CompactionTests: XCTestCase {
    private var directories: [String] = []

    override func tearDown() {
        for directory in directories { try? FileManager.default.removeItem(atPath: directory) }
        directories = []
        super.tearDown()
    }

    private func directory() -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("c8-compact-\(UUID().uuidString)").path
        directories.append(path)
        return path
    }

    private func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

    private func contents(_ engine: any StorageEngine) -> [String: String] {
        var result: [String: String] = [:]
        engine.scan(KeyRange([], [0xFF, 0xFF])) { key, value in
            result[String(decoding: key, as: UTF8.self)] = String(decoding: value, as: UTF8.self)
            return true
        }
        return result
    }

    /// Overlapping ingests land on different levels (each one above the
    /// tables it overlaps); the writes stay in the memtable until the
    /// compaction flushes them.
    private func spreadOverLevels(_ engine: RocksDBEngine) throws {
        for round in 0..<3 {
            var entries = SortedEntries()
            for i in stride(from: round, to: 3000, by: 3) {
                try entries.append(key: bytes(String(format: "doc%05d", i)), value: bytes("ingested \(round)"))
            }
            try engine.ingest(entries)
        }
        var batch = WriteBatch()
        for i in stride(from: 0, to: 3000, by: 7) { batch.put(bytes(String(format: "doc%05d", i)), bytes("written")) }
        batch.delete(bytes("doc00001"))
        try engine.write(batch, sync: false)
    }

    func testCompactionLeavesEveryFileInTheBottomLevelAndTheContentsAlone() throws {
        let engine = try RocksDBEngine(directory: directory())
        defer { engine.close() }
        try spreadOverLevels(engine)
        let before = contents(engine)
        let levels = engine.filesPerLevel()
        XCTAssertGreaterThan(levels.filter { $0 > 0 }.count, 1, "the setup spreads tables over several levels: \(levels)")
        XCTAssertEqual(before.count, 2999)
        XCTAssertEqual(before["doc00007"], "written")
        XCTAssertEqual(before["doc00002"], "ingested 2")
        XCTAssertNil(before["doc00001"])

        try engine.compact()

        let after = engine.filesPerLevel()
        XCTAssertEqual(after.count, RocksDBEngine.levelCount)
        XCTAssertEqual(Array(after.dropLast()), Array(repeating: 0, count: RocksDBEngine.levelCount - 1),
                       "only the bottom level holds files: \(after)")
        XCTAssertGreaterThan(after.last ?? 0, 0, "the bottom level holds the data: \(after)")
        XCTAssertEqual(contents(engine), before)
        XCTAssertEqual(try engine.get(bytes("doc00004")), bytes("ingested 1"))
        XCTAssertNil(try engine.get(bytes("doc00001")))

        try engine.put(bytes("later"), bytes("still writable"))
        XCTAssertEqual(try engine.get(bytes("later")), bytes("still writable"))
    }

    func testCompactedStoreReopensWithTheSameContents() throws {
        let path = directory()
        var engine: RocksDBEngine? = try RocksDBEngine(directory: path)
        try spreadOverLevels(engine!)
        let before = contents(engine!)
        try engine!.compact()
        engine!.close()
        engine = nil
        let reopened = try RocksDBEngine(directory: path)
        defer { reopened.close() }
        XCTAssertEqual(contents(reopened), before)
        XCTAssertEqual(Array(reopened.filesPerLevel().dropLast()), Array(repeating: 0, count: RocksDBEngine.levelCount - 1))
    }

    func testAReadOnlyStoreRefusesCompactionWithErrorNum1004() throws {
        let path = directory()
        do {
            let engine = try RocksDBEngine(directory: path)
            try spreadOverLevels(engine)
            engine.close()
        }
        let readOnly = directory()
        try FileManager.default.createDirectory(atPath: readOnly, withIntermediateDirectories: true)
        guard runQuietly("/bin/mount", ["--bind", "-o", "ro", path, readOnly]) == 0 else {
            throw XCTSkip("a read-only bind mount is not permitted here (needs root / CAP_SYS_ADMIN)")
        }
        defer { runQuietly("/bin/umount", ["-l", readOnly]) }
        let engine = try RocksDBEngine(directory: readOnly)
        defer { engine.close() }
        XCTAssertTrue(engine.isReadOnly)
        let levels = engine.filesPerLevel()
        XCTAssertThrowsError(try engine.compact()) { error in
            XCTAssertEqual((error as? C8Error)?.errorNum, ErrorCode.readOnly.rawValue, "\(error)")
            XCTAssertEqual((error as? C8Error)?.code, 503)
        }
        XCTAssertEqual(engine.filesPerLevel(), levels, "nothing was rewritten")
        XCTAssertEqual(contents(engine).count, 2999, "reads go on")
    }

    func testAMemoryStoreHasNothingToCompact() throws {
        let engine = MemoryEngine()
        try engine.put(bytes("a"), bytes("1"))
        try engine.compact()
        XCTAssertEqual(contents(engine), ["a": "1"])
    }
}
