import C8Core
@testable import C8Engine
import C8Storage
import Synchronization
import XCTest

final class TTLIndexTests: IndexTestCase {
    private func ttl(expireAfter: Double = 60) throws -> TTLIndex {
        TTLIndex(definition: try definition(.ttl, ["expiresAt"], sparse: true, expireAfter: expireAfter))
    }

    func testISO8601Forms() {
        XCTAssertEqual(ISO8601Time.seconds(from: "1970-01-01"), 0)
        XCTAssertEqual(ISO8601Time.seconds(from: "2019-05-27"), 1_558_915_200)
        XCTAssertEqual(ISO8601Time.seconds(from: "2019-05-27T12:34"), 1_558_960_440)
        XCTAssertEqual(ISO8601Time.seconds(from: "2019-05-27T12:34:56Z"), 1_558_960_496)
        XCTAssertEqual(ISO8601Time.seconds(from: "2019-05-27 12:34:56"), 1_558_960_496)
        XCTAssertEqual(ISO8601Time.seconds(from: "2019-05-27T12:34:56.250Z"), 1_558_960_496.25)
        XCTAssertEqual(ISO8601Time.seconds(from: "2019-05-27T14:34:56+02:00"), 1_558_960_496)
        XCTAssertEqual(ISO8601Time.seconds(from: "2019-05-27T07:04:56-0530"), 1_558_960_496)
        XCTAssertEqual(ISO8601Time.seconds(from: "2000-02-29T00:00:00Z"), 951_782_400)
        XCTAssertEqual(ISO8601Time.seconds(from: "1969-12-31T23:59:59Z"), -1)
        for invalid in ["", "2019", "2019-5-27", "2019-13-01", "2019-02-29", "2019-04-31", "2019-05-27T24:00",
                        "2019-05-27T12:60", "2019-05-27T12:34:56X", "2019-05-27T12:34:56.", "2019-05-27Z", "tomorrow"] {
            XCTAssertNil(ISO8601Time.seconds(from: invalid), invalid)
        }
    }

    func testExpiryFromNumbersAndDates() throws {
        let index = try ttl(expireAfter: 60)
        XCTAssertEqual(index.expiryTime(of: ["expiresAt": 1000]), 1060)
        XCTAssertEqual(index.expiryTime(of: ["expiresAt": 1000.5]), 1060.5)
        XCTAssertEqual(index.expiryTime(of: ["expiresAt": "1970-01-01T00:16:40Z"]), 1060)
        XCTAssertNil(index.expiryTime(of: [:]))
        XCTAssertNil(index.expiryTime(of: ["expiresAt": .null]))
        XCTAssertNil(index.expiryTime(of: ["expiresAt": "soon"]))
        XCTAssertNil(index.expiryTime(of: ["expiresAt": [1000]]))
        XCTAssertNil(index.expiryTime(of: ["expiresAt": true]))
        XCTAssertEqual(index.entries(for: ["expiresAt": "soon"], key: "k"), [])
        XCTAssertEqual(
            index.entries(for: ["expiresAt": 1000], key: "k"),
            [IndexEntry(key: entryKey([.double(1060), "k"]), value: Array("k".utf8))])
    }

    func testExpiredKeysInExpiryOrder() throws {
        let storage = try makeStorage()
        let index = try ttl(expireAfter: 100)
        try self.index([
            ("late", ["expiresAt": 5000]),
            ("iso", ["expiresAt": "1970-01-01T00:33:20Z"]),  // 2000
            ("early", ["expiresAt": 1000]),
            ("exact", ["expiresAt": 2900]),
            ("never", ["expiresAt": "not a date"]),
            ("missing", [:]),
        ], with: index, in: storage)
        XCTAssertEqual(index.expiredKeys(now: 1099, limit: 10, in: storage), [])
        XCTAssertEqual(index.expiredKeys(now: 1100, limit: 10, in: storage), ["early"])
        XCTAssertEqual(index.expiredKeys(now: 3000, limit: 10, in: storage), ["early", "iso", "exact"], "expiry == now is expired")
        XCTAssertEqual(index.expiredKeys(now: 3000, limit: 2, in: storage), ["early", "iso"])
        XCTAssertEqual(index.expiredKeys(now: 1e12, limit: 10, in: storage), ["early", "iso", "exact", "late"])
        XCTAssertEqual(index.expiredKeys(now: 1e12, limit: 0, in: storage), [])
    }

    /// A stand-in for a collection: documents in a dictionary, removal
    /// through the index entries.
    private final class FakeCollection: Sendable {
        let index: TTLIndex
        let storage: any StorageEngine
        let documents: Mutex<[String: JSON]>
        let removeCalls = Mutex<[[String]]>([])

        init(index: TTLIndex, storage: any StorageEngine, documents: [String: JSON]) throws {
            self.index = index
            self.storage = storage
            self.documents = Mutex(documents)
            var batch = WriteBatch()
            for (key, document) in documents {
                for entry in index.entries(for: document, key: key) { batch.put(entry.key, entry.value) }
            }
            try storage.write(batch, sync: false)
        }

        func remove(_ keys: [String]) {
            removeCalls.withLock { $0.append(keys) }
            var batch = WriteBatch()
            documents.withLock { documents in
                for key in keys {
                    guard let document = documents.removeValue(forKey: key) else { continue }
                    for entry in index.entries(for: document, key: key) { batch.delete(entry.key) }
                }
            }
            try? storage.write(batch, sync: false)
        }

        var target: TTLReaper.Target {
            TTLReaper.Target(index: index, storage: storage) { [self] in remove($0) }
        }
    }

    func testReaperRemovesExpiredDocumentsInBatches() throws {
        let storage = try makeStorage()
        var documents: [String: JSON] = [:]
        for i in 0..<25 { documents["old\(i)"] = ["expiresAt": .int(Int64(i))] }
        documents["fresh"] = ["expiresAt": "2100-01-01T00:00:00Z"]
        let collection = try FakeCollection(index: try ttl(expireAfter: 0), storage: storage, documents: documents)
        let reaper = TTLReaper(batchSize: 10, targets: { [collection.target] })
        XCTAssertEqual(reaper.runOnce(now: 1000), 25)
        XCTAssertEqual(collection.removeCalls.withLock { $0.map(\.count) }, [10, 10, 5])
        XCTAssertEqual(collection.documents.withLock { Array($0.keys) }, ["fresh"])
        XCTAssertEqual(reaper.runOnce(now: 1000), 0)
        XCTAssertEqual(reaper.removedCount, 25)
    }

    func testReaperRespectsItsBudgetAndDoesNotSpin() throws {
        let storage = try makeStorage()
        let index = try ttl(expireAfter: 0)
        try self.index((0..<30).map { ("k\($0)", ["expiresAt": 1]) }, with: index, in: storage)
        let calls = Mutex(0)
        // A remove that removes nothing: the reaper must stop, not loop.
        let stuck = TTLReaper(batchSize: 10) {
            [TTLReaper.Target(index: index, storage: storage) { _ in calls.withLock { $0 += 1 } }]
        }
        stuck.runOnce(now: 10)
        XCTAssertEqual(calls.withLock { $0 }, 1)

        let collection = try FakeCollection(
            index: index, storage: try makeStorage(), documents: Dictionary(uniqueKeysWithValues: (0..<30).map { ("k\($0)", ["expiresAt": 1]) }))
        let capped = TTLReaper(batchSize: 10, maxRemovalsPerRun: 15, targets: { [collection.target] })
        XCTAssertEqual(capped.runOnce(now: 10), 15)
        XCTAssertEqual(collection.documents.withLock { $0.count }, 15)
    }

    func testBackgroundReaperRunsUntilStopped() throws {
        let storage = try makeStorage()
        let collection = try FakeCollection(
            index: try ttl(expireAfter: 0), storage: storage, documents: ["a": ["expiresAt": 1], "b": ["expiresAt": 2]])
        let reaper = TTLReaper(interval: 0.02, clock: { 100 }, targets: { [collection.target] })
        XCTAssertFalse(reaper.isRunning)
        reaper.start()
        XCTAssertTrue(reaper.isRunning)
        let deadline = Date().addingTimeInterval(5)
        while collection.documents.withLock({ !$0.isEmpty }) && Date() < deadline { usleep(10_000) }
        reaper.stop()
        XCTAssertFalse(reaper.isRunning)
        XCTAssertEqual(collection.documents.withLock { $0.count }, 0)
        XCTAssertEqual(reaper.removedCount, 2)
    }
}
