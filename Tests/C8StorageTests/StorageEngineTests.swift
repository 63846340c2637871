import C8Core
import C8Storage
import Foundation
import Synchronization
import XCTest

/// One suite, two engines: everything the engine relies on from storage.
/// This class runs it on ``MemoryEngine``; ``RocksDBEngineTests`` inherits
/// every test and runs it on RocksDB.
class MemoryEngineTests: XCTestCase {
    func makeEngine() throws -> any StorageEngine { MemoryEngine() }

    private func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

    private func keys(_ engine: any StorageEngine, _ range: KeyRange, reverse: Bool = false) -> [String] {
        var result: [String] = []
        engine.scan(range, reverse: reverse) { key, _ in
            result.append(String(decoding: key, as: UTF8.self))
            return true
        }
        return result
    }

    func testPutGetDelete() throws {
        let engine = try makeEngine()
        defer { engine.close() }
        XCTAssertNil(try engine.get(bytes("a")))
        try engine.put(bytes("a"), bytes("1"))
        XCTAssertEqual(try engine.get(bytes("a")), bytes("1"))
        try engine.put(bytes("a"), bytes("2"))
        XCTAssertEqual(try engine.get(bytes("a")), bytes("2"))
        try engine.put(bytes("empty"), [])
        XCTAssertEqual(try engine.get(bytes("empty")), [])
        try engine.delete(bytes("a"))
        XCTAssertNil(try engine.get(bytes("a")))
        try engine.delete(bytes("never"))
    }

    func testGetManyAnswersAsSingleGets() throws {
        let engine = try makeEngine()
        defer { engine.close() }
        // Some entries in a table file (ingested), some written after, some deleted.
        try engine.ingest(try SortedEntries(sorting: (0..<300).map { (bytes(String(format: "k%04d", $0 * 2)), bytes("table \($0)")) }))
        var batch = WriteBatch()
        for i in stride(from: 1, to: 600, by: 6) { batch.put(bytes(String(format: "k%04d", i)), bytes("new \(i)")) }
        for i in stride(from: 0, to: 600, by: 10) { batch.delete(bytes(String(format: "k%04d", i))) }
        batch.put(bytes("empty"), [])
        try engine.write(batch, sync: false)
        var keys = (0..<700).map { bytes(String(format: "k%04d", $0)) } + [bytes("empty"), bytes("k0002"), bytes("missing"), bytes("k0002")]
        var random = SystemRandomNumberGenerator()
        keys.shuffle(using: &random)
        let singles = try keys.map { try engine.get($0) }
        XCTAssertEqual(try engine.getMany(keys), singles)
        XCTAssertEqual(singles.compactMap { $0 }.count, 300 - 60 + 100 + 1 + 2, "found: table entries not deleted, new ones, empty, k0002 twice more")
        XCTAssertEqual(try engine.getMany([]), [])
        XCTAssertEqual(try engine.getMany([bytes("missing")]), [nil])
        XCTAssertEqual(try engine.getMany([bytes("k0002")]), [bytes("table 1")])
    }

    func testGetManyLendsValuesInPlaceAndPassesOnTheReadersError() throws {
        let engine = try makeEngine()
        defer { engine.close() }
        var batch = WriteBatch()
        for i in 0..<5 { batch.put(bytes("k\(i)"), bytes("value \(i)")) }
        try engine.write(batch, sync: false)
        var seen: [Int: String] = [:]
        try engine.getMany([bytes("k3"), bytes("nope"), bytes("k0")]) { (position, value) throws(C8Error) in
            seen[position] = String(decoding: value, as: UTF8.self)
        }
        XCTAssertEqual(seen, [0: "value 3", 2: "value 0"])
        // A reader's error ends the read and reaches the caller; the store
        // goes on answering (every pinned value released, the gate left).
        for keys in [[bytes("k1")], [bytes("k1"), bytes("k2"), bytes("k4")]] {
            var calls = 0
            XCTAssertThrowsError(try engine.getMany(keys) { (_, _) throws(C8Error) in
                calls += 1
                throw C8Error(.internalError, "reader gave up")
            }) { XCTAssertEqual(($0 as? C8Error)?.message, "reader gave up") }
            XCTAssertEqual(calls, 1)
        }
        XCTAssertEqual(try engine.getMany([bytes("k4"), bytes("k1")]), [bytes("value 4"), bytes("value 1")])
    }

    func testBatchIsAtomicAndOrdered() throws {
        let engine = try makeEngine()
        defer { engine.close() }
        var batch = WriteBatch()
        batch.put(bytes("k1"), bytes("v1"))
        batch.put(bytes("k2"), bytes("v2"))
        batch.delete(bytes("k1"))
        batch.put(bytes("k3"), bytes("v3"))
        try engine.write(batch, sync: true)
        XCTAssertNil(try engine.get(bytes("k1")))
        XCTAssertEqual(try engine.get(bytes("k2")), bytes("v2"))
        XCTAssertEqual(try engine.get(bytes("k3")), bytes("v3"))
    }

    func testRangeScansForwardReverseAndSeek() throws {
        let engine = try makeEngine()
        defer { engine.close() }
        var batch = WriteBatch()
        for k in ["a", "b", "b1", "b2", "bz", "c", "d"] { batch.put(bytes(k), bytes(k)) }
        try engine.write(batch, sync: false)
        let prefixB = KeyRange(prefix: bytes("b"))
        XCTAssertEqual(keys(engine, prefixB), ["b", "b1", "b2", "bz"])
        XCTAssertEqual(keys(engine, prefixB, reverse: true), ["bz", "b2", "b1", "b"])
        XCTAssertEqual(keys(engine, KeyRange(bytes("b1"), bytes("c"))), ["b1", "b2", "bz"])
        XCTAssertEqual(keys(engine, KeyRange(bytes("x"), bytes("z"))), [])
        XCTAssertEqual(engine.count(KeyRange(bytes("a"), bytes("zz"))), 7)

        let iterator = engine.makeIterator(KeyRange(bytes("a"), bytes("z")), reverse: false)
        iterator.seek(bytes("b15"))
        XCTAssertTrue(iterator.next())
        XCTAssertEqual(String(decoding: iterator.key, as: UTF8.self), "b2")
        XCTAssertEqual(String(decoding: iterator.value, as: UTF8.self), "b2")
        let reverse = engine.makeIterator(KeyRange(bytes("a"), bytes("z")), reverse: true)
        reverse.seek(bytes("b15"))
        XCTAssertTrue(reverse.next())
        XCTAssertEqual(String(decoding: reverse.key, as: UTF8.self), "b1")
    }

    func testIteratorSeesASnapshot() throws {
        let engine = try makeEngine()
        defer { engine.close() }
        for i in 0..<10 { try engine.put(bytes("k\(i)"), bytes("\(i)")) }
        let iterator = engine.makeIterator(KeyRange(prefix: bytes("k")), reverse: false)
        try engine.put(bytes("k5a"), bytes("new"))
        try engine.delete(bytes("k7"))
        var seen: [String] = []
        while iterator.next() { seen.append(String(decoding: iterator.key, as: UTF8.self)) }
        XCTAssertEqual(seen, (0..<10).map { "k\($0)" })
    }

    func testDeleteRange() throws {
        let engine = try makeEngine()
        defer { engine.close() }
        var batch = WriteBatch()
        for i in 0..<100 { batch.put(bytes(String(format: "x%03d", i)), [UInt8(i)]) }
        batch.put(bytes("y"), [1])
        try engine.write(batch, sync: false)
        var drop = WriteBatch()
        drop.deleteRange(KeyRange(bytes("x010"), bytes("x090")))
        try engine.write(drop, sync: false)
        XCTAssertEqual(engine.count(KeyRange(prefix: bytes("x"))), 20)
        XCTAssertNotNil(try engine.get(bytes("y")))
        XCTAssertNil(try engine.get(bytes("x050")))
    }

    /// Many keys in random order come back sorted (the memory engine splits
    /// chunks; RocksDB flushes memtables).
    func testManyKeysStaySorted() throws {
        let engine = try makeEngine()
        defer { engine.close() }
        var generator = SystemRandomNumberGenerator()
        var expected = Set<String>()
        var batch = WriteBatch()
        for _ in 0..<5000 {
            let k = String(UInt32.random(in: 0...UInt32.max, using: &generator), radix: 16)
            expected.insert(k)
            batch.put(bytes(k), bytes(k))
        }
        try engine.write(batch, sync: false)
        let all = keys(engine, KeyRange([], [0xFF]))
        XCTAssertEqual(all, expected.sorted { Bytes.compare(Array($0.utf8), Array($1.utf8)) < 0 })
        XCTAssertEqual(keys(engine, KeyRange([], [0xFF]), reverse: true), all.reversed())
        for k in expected.prefix(100) { try engine.delete(bytes(k)) }
        XCTAssertEqual(engine.count(KeyRange([], [0xFF])), expected.count - 100)
    }

    func testConcurrentWritersAndReaders() throws {
        let engine = try makeEngine()
        defer { engine.close() }
        DispatchQueue.concurrentPerform(iterations: 4) { t in
            for i in 0..<500 {
                try? engine.put(Array("t\(t)-\(i)".utf8), [UInt8(t)])
                _ = try? engine.get(Array("t\(t)-\(i / 2)".utf8))
            }
        }
        XCTAssertEqual(engine.count(KeyRange(prefix: Array("t".utf8))), 2000)
    }

    func testClosedEngineRefusesWork() throws {
        let engine = try makeEngine()
        engine.close()
        XCTAssertThrowsError(try engine.get(bytes("a")))
        XCTAssertThrowsError(try engine.put(bytes("a"), bytes("b")))
    }
}

final class RocksDBEngineTests: MemoryEngineTests {
    private var directories: [URL] = []

    override func makeEngine() throws -> any StorageEngine {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("c8-storage-\(UUID().uuidString)")
        directories.append(dir)
        return try RocksDBEngine(directory: dir.path)
    }

    override func tearDown() {
        for dir in directories { try? FileManager.default.removeItem(at: dir) }
        directories = []
        super.tearDown()
    }

    func testDataSurvivesReopen() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("c8-storage-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        do {
            let engine = try RocksDBEngine(directory: dir.path)
            try engine.put(Array("durable".utf8), Array("yes".utf8), sync: true)
            engine.close()
        }
        let engine = try RocksDBEngine(directory: dir.path)
        defer { engine.close() }
        XCTAssertEqual(try engine.get(Array("durable".utf8)), Array("yes".utf8))
    }

    /// Opening a store that wrote nothing since used to leave one more
    /// empty write-ahead log each time; a log holding writes not yet
    /// flushed still survives the reopen and is recovered.
    func testReopeningLeavesNoEmptyWriteAheadLogsAndKeepsUnflushedWrites() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("c8-storage-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        func logs() throws -> [String] {
            try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".log") && $0 != "LOG" }
        }
        for _ in 0..<6 { try RocksDBEngine(directory: dir.path).close() }
        let left = try logs()
        XCTAssertLessThanOrEqual(left.count, 1, "\(left)")
        do {
            let engine = try RocksDBEngine(directory: dir.path)
            try engine.put(Array("unflushed".utf8), Array("kept".utf8), sync: true)
            engine.close()
        }
        let engine = try RocksDBEngine(directory: dir.path)
        defer { engine.close() }
        XCTAssertEqual(try engine.get(Array("unflushed".utf8)), Array("kept".utf8))
    }

    /// Writes and reads racing a close either finish or are refused with
    /// "storage is closed"; none runs on the freed store (a write that had
    /// passed the closed check once aborted a test run inside RocksDB).
    func testCloseWaitsForCallsInFlightAndRefusesLaterOnes() throws {
        for round in 0..<20 {
            let engine = try makeEngine()
            let started = DispatchSemaphore(value: 0)
            let outcomes = Mutex<(written: Int, refused: Int, other: [String])>((0, 0, []))
            let group = DispatchGroup()
            for thread in 0..<4 {
                DispatchQueue.global().async(group: group) {
                    started.signal()
                    for i in 0..<2_000 {
                        do {
                            // Batches keep calls inside RocksDB long enough to meet the close.
                            var batch = WriteBatch()
                            for j in 0..<20 { batch.put(Array("r\(round)-t\(thread)-\(i)-\(j)".utf8), [UInt8(thread)]) }
                            try engine.write(batch, sync: false)
                            _ = try engine.get(Array("r\(round)-t\(thread)-\(i / 2)".utf8))
                            outcomes.withLock { $0.written += 1 }
                        } catch {
                            let message = (error as? C8Error)?.message ?? "\(error)"
                            outcomes.withLock {
                                if message == "storage is closed" { $0.refused += 1 } else { $0.other.append(message) }
                            }
                        }
                    }
                }
            }
            for _ in 0..<4 { started.wait() }
            usleep(UInt32(200 + round * 50))
            engine.close()
            group.wait()
            let (written, refused, other) = outcomes.withLock { $0 }
            XCTAssertEqual(written + refused, 8_000)
            XCTAssertEqual(other, [])
            XCTAssertThrowsError(try engine.put(Array("after".utf8), Array("close".utf8)))
        }
    }

    /// An iterator held past the store's close (a query cursor at a
    /// server's stop) ends instead of reading freed memory, and letting it
    /// go afterwards is safe; the store reopens.
    func testIteratorHeldPastCloseEnds() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("c8-storage-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        var engine: RocksDBEngine? = try RocksDBEngine(directory: dir.path)
        for i in 0..<100 { try engine!.put(Array(String(format: "k%03d", i).utf8), [UInt8(i)]) }
        var held: (any StorageIterator)? = engine!.makeIterator(KeyRange(prefix: Array("k".utf8)), reverse: false)
        let untouched = engine!.makeIterator(KeyRange(prefix: Array("k".utf8)), reverse: false)
        XCTAssertTrue(held!.next())
        XCTAssertEqual(Array(held!.key), Array("k000".utf8))
        engine!.close()
        XCTAssertFalse(held!.next())
        XCTAssertEqual(held!.key.count, 0)
        XCTAssertFalse(engine!.makeIterator(KeyRange(prefix: []), reverse: false).next())
        held = nil
        engine = nil
        XCTAssertFalse(untouched.next())
        let again = try RocksDBEngine(directory: dir.path)
        defer { again.close() }
        XCTAssertEqual(again.count(KeyRange(prefix: Array("k".utf8))), 100)
    }

    func testSecondOpenSaysWhoHoldsTheDataDir() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("c8-storage-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = try RocksDBEngine(directory: dir.path)
        XCTAssertThrowsError(try RocksDBEngine(directory: dir.path)) { error in
            let message = (error as? C8Error)?.message ?? ""
            XCTAssertTrue(message.contains("is in use by pid \(getpid())"), message)
            XCTAssertFalse(message.contains("IO error"), message)
        }
        first.close()
        let again = try RocksDBEngine(directory: dir.path)
        again.close()
    }
}
