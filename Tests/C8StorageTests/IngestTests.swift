import C8Core
import C8Storage
import Foundation
import XCTest

/// `SortedEntries` and `StorageEngine.ingest`, on ``MemoryEngine`` here and
/// on RocksDB (a table file ingested) in ``RocksDBIngestTests``.
class MemoryIngestTests: XCTestCase {
    func makeEngine() throws -> any StorageEngine { MemoryEngine() }

    private func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

    private func contents(_ engine: any StorageEngine, _ range: KeyRange = KeyRange([], [0xFF, 0xFF])) -> [String: String] {
        var result: [String: String] = [:]
        engine.scan(range) { key, value in
            result[String(decoding: key, as: UTF8.self)] = String(decoding: value, as: UTF8.self)
            return true
        }
        return result
    }

    func testSortedEntriesRefuseKeysOutOfOrderOrRepeated() throws {
        var entries = SortedEntries()
        try entries.append(key: bytes("b"), value: bytes("1"))
        try entries.append(key: bytes("ba"), value: [])
        XCTAssertThrowsError(try entries.append(key: bytes("ba"), value: bytes("2")))
        XCTAssertThrowsError(try entries.append(key: bytes("a"), value: bytes("3")))
        XCTAssertEqual(entries.count, 2)
        XCTAssertEqual(entries[0].key, bytes("b"))
        XCTAssertEqual(entries[1].value, [])

        let sorted = try SortedEntries(sorting: [(bytes("z"), bytes("26")), (bytes("a"), bytes("1")), ([], bytes("0"))])
        var seen: [String] = []
        sorted.forEach { key, value in seen.append(String(decoding: key, as: UTF8.self) + "=" + String(decoding: value, as: UTF8.self)) }
        XCTAssertEqual(seen, ["=0", "a=1", "z=26"])
        XCTAssertThrowsError(try SortedEntries(sorting: [(bytes("a"), bytes("1")), (bytes("a"), bytes("2"))]))
    }

    func testEntriesPointIntoStoresWithoutCopyingAndCopiesStayApart() throws {
        let store = EntryStore(capacity: 8)  // grows while filled
        var ranges: [(Range<Int>, Range<Int>)] = []
        func put(_ text: String) -> Int { Array(text.utf8).withUnsafeBufferPointer { store.append($0) } }
        for i in 0..<100 {
            let key = put(String(format: "k%03d", i))
            let value = put("v\(i)")
            ranges.append((key..<key + 4, value..<store.count))
        }
        var entries = SortedEntries()
        try entries.append(key: bytes("a"), value: bytes("copied"))
        for (key, value) in ranges { try entries.append(key: key, value: value, in: store) }
        XCTAssertTrue(store.isFrozen)
        XCTAssertThrowsError(try entries.append(key: ranges[0].0, value: ranges[0].1, in: store), "out of order")

        var copy = entries
        try entries.append(key: bytes("z1"), value: bytes("mine"))
        try copy.append(key: bytes("z2"), value: bytes("theirs"))
        XCTAssertEqual(entries.count, 102)
        XCTAssertEqual(entries[0].value, bytes("copied"))
        XCTAssertEqual(entries[42].key, bytes("k041"))
        XCTAssertEqual(entries[42].value, bytes("v41"))
        XCTAssertEqual(entries[101].key, bytes("z1"))
        XCTAssertEqual(copy[101].key, bytes("z2"))
        XCTAssertEqual(copy[101].value, bytes("theirs"))
        XCTAssertEqual(entries.byteCount, 1 + 6 + 100 * 4 + (0..<100).reduce(0) { $0 + "v\($1)".utf8.count } + 2 + 4)

        let engine = try makeEngine()
        defer { engine.close() }
        try engine.ingest(copy)
        XCTAssertEqual(try engine.get(bytes("k099")), bytes("v99"))
        XCTAssertEqual(try engine.get(bytes("z2")), bytes("theirs"))
        XCTAssertNil(try engine.get(bytes("z1")))
    }

    func testUncheckedEntriesOutOfOrderAreRefusedByStorage() throws {
        let store = EntryStore()
        func put(_ text: String) -> Int { Array(text.utf8).withUnsafeBufferPointer { store.append($0) } }
        let b = put("b"), a = put("a"), value = put("v")
        var entries = SortedEntries()
        entries.append(uncheckedKey: b..<b + 1, value: value..<value + 1, in: store)
        XCTAssertFalse(entries.isVerified)
        XCTAssertNoThrow(try entries.verifyOrder())
        entries.append(uncheckedKey: a..<a + 1, value: value..<value + 1, in: store)
        XCTAssertThrowsError(try entries.verifyOrder())
        let engine = try makeEngine()
        defer { engine.close() }
        XCTAssertThrowsError(try engine.ingest(entries))
        XCTAssertNil(try engine.get(bytes("a")))
        XCTAssertNil(try engine.get(bytes("b")), "nothing was ingested")
    }

    func testIngestAddsEveryEntryAndOverwrites() throws {
        let engine = try makeEngine()
        defer { engine.close() }
        try engine.put(bytes("a"), bytes("old"))
        try engine.put(bytes("m"), bytes("kept"))
        try engine.ingest(SortedEntries())  // nothing to do
        var entries = SortedEntries()
        for i in 0..<10_000 {
            try entries.append(key: bytes(String(format: "k%05d", i)), value: bytes("v\(i)"))
        }
        let before = engine.makeIterator(KeyRange(prefix: bytes("k")), reverse: false)
        try engine.ingest(entries)
        XCTAssertFalse(before.next(), "an iterator made before sees none of the entries")

        XCTAssertEqual(engine.count(KeyRange(prefix: bytes("k"))), 10_000)
        XCTAssertEqual(try engine.get(bytes("k04242")), bytes("v4242"))
        XCTAssertEqual(try engine.get(bytes("m")), bytes("kept"))

        try engine.ingest(try SortedEntries(sorting: [(bytes("a"), bytes("new")), (bytes("b"), bytes("2"))]))
        XCTAssertEqual(contents(engine, KeyRange(bytes("a"), bytes("c"))), ["a": "new", "b": "2"], "ingestion overwrites")
        // Later writes and deletes apply on top of ingested entries.
        try engine.delete(bytes("k00000"))
        try engine.put(bytes("k00001"), bytes("w"))
        XCTAssertNil(try engine.get(bytes("k00000")))
        XCTAssertEqual(try engine.get(bytes("k00001")), bytes("w"))
        // An ingested key that was deleted before comes back.
        try engine.ingest(try SortedEntries(sorting: [(bytes("k00000"), bytes("again"))]))
        XCTAssertEqual(try engine.get(bytes("k00000")), bytes("again"))
    }

    func testIngestIntoAClosedEngineFails() throws {
        let engine = try makeEngine()
        engine.close()
        XCTAssertThrowsError(try engine.ingest(try SortedEntries(sorting: [(bytes("a"), bytes("1"))])))
    }
}

final class RocksDBIngestTests: MemoryIngestTests {
    private var directories: [URL] = []

    private func directory() -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("c8-ingest-\(UUID().uuidString)")
        directories.append(dir)
        return dir
    }

    override func makeEngine() throws -> any StorageEngine { try RocksDBEngine(directory: directory().path) }

    override func tearDown() {
        for dir in directories { try? FileManager.default.removeItem(at: dir) }
        directories = []
        super.tearDown()
    }

    func testIngestedEntriesAreDurableAndNoFileIsLeftBehind() throws {
        let dir = directory()
        do {
            let engine = try RocksDBEngine(directory: dir.path)
            defer { engine.close() }
            var entries = SortedEntries()
            for i in 0..<1_000 { try entries.append(key: Array("d\(1000 + i)".utf8), value: Array(repeating: UInt8(i % 251), count: 300)) }
            try engine.ingest(entries)
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path + "/ingest"), [])
        }
        // A crash between writing and ingesting leaves a file; opening removes it.
        try FileManager.default.createDirectory(atPath: dir.path + "/ingest", withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: dir.path + "/ingest/bulk-1-1.sst", contents: Data([1, 2, 3]))
        let engine = try RocksDBEngine(directory: dir.path)
        defer { engine.close() }
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.path + "/ingest"))
        XCTAssertEqual(engine.count(KeyRange(prefix: Array("d".utf8))), 1_000)
        XCTAssertEqual(try engine.get(Array("d1999".utf8)), Array(repeating: UInt8(999 % 251), count: 300))
    }
}
