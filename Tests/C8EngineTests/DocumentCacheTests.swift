import C8Core
@testable import C8Engine
import C8Storage
import Foundation
import Synchronization
import XCTest

/// The engine's document cache: hits equal storage reads, writes are seen
/// at once, the byte bound holds, `cacheEnabled` is honoured — on both
/// storage engines.
class DocumentCacheTests: EngineTestCase {
    /// An engine of the storage this class tests, with `limits`.
    func makeEngine(limits: EngineLimits) throws -> Engine { try Engine.inMemory(limits: limits) }

    private func engine(cacheBytes: Int = 16 << 20) throws -> Engine {
        var limits = EngineLimits()
        limits.documentCacheBytes = cacheBytes
        return try makeEngine(limits: limits)
    }

    private func text(_ json: JSON?) -> String {
        json.map { String(decoding: $0.serialized(), as: UTF8.self) } ?? "nil"
    }

    // MARK: - Hits

    func testHitsReturnTheDocumentsStorageHolds() throws {
        let engine = try engine()
        let bodies: [JSON] = [
            ["_key": "a", "n": 1, "s": "text", "nested": ["x": [1, 2.5, .null, true], "y": ["z": "é€😀"]]],
            ["_key": "b"],
            ["_key": "c", "long": .string(String(repeating: "λ", count: 300)), "arr": .array((0..<200).map { .int(Int64($0)) })],
        ]
        let users = try engine.fabric().createCollection("users")
        for case .failure(let error) in try users.insert(many: bodies) { throw error }
        var hits: [String: String] = [:]
        for key in ["a", "b", "c"] {
            let miss = try XCTUnwrap(try users.document(key))
            let hit = try XCTUnwrap(try users.document(key))
            XCTAssertEqual(text(hit), text(miss), key)
            XCTAssertEqual(hit.objectValue?.keys.prefix(3), ["_key", "_id", "_rev"])
            XCTAssertEqual(hit["_id"], .string("users/\(key)"))
            hits[key] = text(hit)
        }
        XCTAssertNil(try users.document("missing"))
        XCTAssertNil(try users.document("bad key"))
        let stats = engine.documentCacheStatistics
        XCTAssertEqual(stats.hits, 3)
        XCTAssertEqual(stats.entries, 3)
        XCTAssertGreaterThan(stats.bytes, 0)

        // The same documents read from storage, byte for byte; and as the
        // scanner and the write path present them.
        try users.setProperties(cacheEnabled: false)
        for key in ["a", "b", "c"] { XCTAssertEqual(text(try users.document(key)), hits[key], key) }
        let scanner = users.scan()
        while let document = try scanner.next() {
            XCTAssertEqual(text(document), hits[document["_key"].stringValue ?? ""])
        }
        var returnOld = WriteOptions()
        returnOld.returnOld = true
        let removed = try users.remove(DocumentSelector(key: "a"), options: returnOld)
        XCTAssertEqual(text(removed.old), hits["a"])
    }

    /// A miss and the hits after it hand out the cache entry's own bytes,
    /// one array shared, never a copy — by key and in batches.
    func testReadersShareTheCachedBytes() throws {
        let engine = try engine()
        let users = try engine.fabric().createCollection("users")
        for case .failure(let error) in try users.insert(many: [["_key": "a", "n": 1], ["_key": "b", "n": 2]]) { throw error }
        func address(_ document: JSON?) -> UnsafeRawPointer? {
            document?.objectValue?.binaryBytes?.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
        }
        let miss = try users.document("a")
        let hit = try users.document("a")
        XCTAssertNotNil(address(miss))
        XCTAssertEqual(address(hit), address(miss), "the hit shares the array the miss filled the cache with")
        let batchMiss = try users.documents(["b", "a"], projection: nil)
        let batchHit = try users.documents(["b", "a"], projection: nil)
        XCTAssertEqual(address(batchMiss[1]), address(miss))
        XCTAssertNotNil(address(batchMiss[0]))
        XCTAssertEqual(address(batchHit[0]), address(batchMiss[0]))
        XCTAssertEqual(batchHit[0]?["n"], 2)
        XCTAssertEqual(engine.documentCacheStatistics.hits, 4, "a, a in the first batch, both in the second")
    }

    func testEdgesAndLongIdsArePresentedLikeStorage() throws {
        let name = "edges_" + String(repeating: "e", count: 50)
        let key = String(repeating: "k", count: 200)  // _id longer than 127 bytes
        let edges = try engine().fabric().createCollection(name, options: CollectionOptions(type: .edge))
        try edges.insert(["_key": .string(key), "_from": "v/1", "_to": "v/2", "w": 3])
        _ = try edges.document(key)
        let hit = try XCTUnwrap(try edges.document(key))
        XCTAssertEqual(hit.objectValue?.keys, ["_key", "_id", "_rev", "_from", "_to", "w"])
        XCTAssertEqual(hit["_id"], .string(name + "/" + key))
        XCTAssertEqual(hit["_from"], "v/1")
    }

    // MARK: - Writes

    func testWritesAreVisibleAtOnce() throws {
        let engine = try engine()
        let users = try engine.fabric().createCollection("users")
        try users.insert(["_key": "a", "v": 1])
        XCTAssertEqual(try users.document("a")?["v"], 1)
        XCTAssertEqual(try users.document("a")?["v"], 1)  // cached

        try users.update(DocumentSelector(key: "a"), with: ["v": 2])
        XCTAssertEqual(try users.document("a")?["v"], 2)
        try users.replace(DocumentSelector(key: "a"), with: ["w": 3])
        XCTAssertEqual(try users.document("a")?["w"], 3)
        XCTAssertEqual(try users.document("a")?["v"], .null)
        var overwrite = WriteOptions()
        overwrite.overwriteMode = .replace
        try users.insert(["_key": "a", "x": 4], options: overwrite)
        XCTAssertEqual(try users.document("a")?["x"], 4)
        try users.remove(DocumentSelector(key: "a"))
        XCTAssertNil(try users.document("a"))
        XCTAssertNil(try users.document("a"))
        try users.insert(["_key": "a", "v": 5])
        XCTAssertEqual(try users.document("a")?["v"], 5)

        // Batches, and a transaction over two collections.
        for case .failure(let error) in try users.insert(many: [["_key": "b", "v": 1], ["_key": "c", "v": 1]]) { throw error }
        _ = try users.document("b")
        _ = try users.document("c")
        for case .failure(let error) in try users.update(many: [["_key": "b", "v": 2], ["_key": "c", "v": 2]]) { throw error }
        XCTAssertEqual(try users.document("b")?["v"], 2)
        XCTAssertEqual(try users.document("c")?["v"], 2)
        for case .failure(let error) in try users.replace(many: [["_key": "b", "r": 3]]) { throw error }
        XCTAssertEqual(try users.document("b")?["r"], 3)
        for case .failure(let error) in try users.remove(many: ["b", "c"]) { throw error }
        XCTAssertNil(try users.document("b"))
        XCTAssertNil(try users.document("c"))

        let other = try engine.fabric().createCollection("other")
        try other.insert(["_key": "o", "v": 1])
        _ = try other.document("o")
        _ = try users.document("a")
        let transaction = try WriteTransaction([users, other])
        _ = try transaction.update(DocumentSelector(key: "a"), with: ["v": 6], in: users)
        _ = try transaction.update(DocumentSelector(key: "o"), with: ["v": 2], in: other)
        XCTAssertEqual(try users.document("a")?["v"], 5, "not committed yet")
        try transaction.commit()
        XCTAssertEqual(try users.document("a")?["v"], 6)
        XCTAssertEqual(try other.document("o")?["v"], 2)

        // An aborted transaction changes nothing, cached or not.
        let aborted = try WriteTransaction([users])
        _ = try aborted.update(DocumentSelector(key: "a"), with: ["v": 7], in: users)
        aborted.abort()
        XCTAssertEqual(try users.document("a")?["v"], 6)
    }

    func testTruncateDropAndRename() throws {
        let engine = try engine()
        let fabric = try engine.fabric()
        let users = try fabric.createCollection("users")
        try users.insert(["_key": "a", "v": 1])
        _ = try users.document("a")
        try users.truncate()
        XCTAssertNil(try users.document("a"))
        try users.insert(["_key": "a", "v": 2])
        XCTAssertEqual(try users.document("a")?["v"], 2)

        XCTAssertEqual(try users.document("a")?["_id"], "users/a")
        try fabric.renameCollection("users", to: "people")
        XCTAssertEqual(try users.document("a")?["_id"], "people/a")
        XCTAssertEqual(try fabric.collection("people").document("a")?["_id"], "people/a")

        try fabric.dropCollection("people")
        XCTAssertNil(try users.document("a"))
        let again = try fabric.createCollection("people")
        XCTAssertNil(try again.document("a"))
        try again.insert(["_key": "a", "v": 3])
        XCTAssertEqual(try again.document("a")?["v"], 3)
        XCTAssertEqual(engine.documentCacheStatistics.entries, 1, "the dropped collection's entries are gone")
    }

    // MARK: - Bounds and options

    func testTheByteBoundHolds() throws {
        let engine = try engine(cacheBytes: 64 << 10)
        let users = try engine.fabric().createCollection("users")
        let count = 2000
        var bodies: [JSON] = []
        for i in 0..<count { bodies.append(["_key": .string("k\(i)"), "i": .int(Int64(i)), "pad": .string(String(repeating: "x", count: i % 300))]) }
        for case .failure(let error) in try users.insert(many: bodies) { throw error }
        for pass in 0..<2 {
            for i in 0..<count {
                let document = try XCTUnwrap(try users.document("k\(i)"))
                XCTAssertEqual(document["i"], .int(Int64(i)), "pass \(pass)")
            }
            let stats = engine.documentCacheStatistics
            XCTAssertEqual(stats.capacity, 64 << 10)
            XCTAssertLessThanOrEqual(stats.bytes, stats.capacity)
            XCTAssertGreaterThan(stats.entries, 50)
            XCTAssertLessThan(stats.entries, count)
            XCTAssertGreaterThan(stats.evictions, 0)
        }
        // A document larger than the whole cache is served, never cached.
        try users.insert(["_key": "big", "pad": .string(String(repeating: "y", count: 100_000))])
        XCTAssertEqual(try users.document("big")?["pad"].stringValue?.count, 100_000)
        XCTAssertLessThanOrEqual(engine.documentCacheStatistics.bytes, 64 << 10)
    }

    func testADisabledCacheServesEveryRead() throws {
        let engine = try engine(cacheBytes: 0)
        let users = try engine.fabric().createCollection("users")
        try users.insert(["_key": "a", "v": 1])
        XCTAssertEqual(try users.document("a")?["v"], 1)
        try users.update(DocumentSelector(key: "a"), with: ["v": 2])
        XCTAssertEqual(try users.document("a")?["v"], 2)
        try users.truncate()
        XCTAssertNil(try users.document("a"))
        XCTAssertEqual(engine.documentCacheStatistics, DocumentCacheStatistics())
    }

    func testCacheEnabledIsAPropertyOfTheCollection() throws {
        let engine = try engine()
        let fabric = try engine.fabric()
        XCTAssertTrue(try fabric.createCollection("default").properties.cacheEnabled)
        XCTAssertEqual(try fabric.collection("default").properties.json()["cacheEnabled"], true)
        let off = try fabric.createCollection("off", options: try CollectionOptions(json: ["cacheEnabled": false]))
        XCTAssertFalse(off.properties.cacheEnabled)
        XCTAssertEqual(off.properties.json()["cacheEnabled"], false)
        assertError(.badParameter) { try CollectionOptions(json: ["cacheEnabled": 1]) }

        try off.insert(["_key": "a", "v": 1])
        XCTAssertEqual(try off.document("a")?["v"], 1)
        XCTAssertEqual(try off.document("a")?["v"], 1)
        XCTAssertEqual(engine.documentCacheStatistics.entries, 0)
        XCTAssertEqual(engine.documentCacheStatistics.misses, 0)

        try off.setProperties(cacheEnabled: true)
        XCTAssertTrue(off.properties.cacheEnabled)
        _ = try off.document("a")
        XCTAssertEqual(try off.document("a")?["v"], 1)
        XCTAssertEqual(engine.documentCacheStatistics.hits, 1)
        try off.setProperties(cacheEnabled: false)
        XCTAssertEqual(engine.documentCacheStatistics.entries, 0, "turning the cache off drops the collection's entries")
        try off.update(DocumentSelector(key: "a"), with: ["v": 2])
        XCTAssertEqual(try off.document("a")?["v"], 2)
    }

    // MARK: - The race between a missing reader and a writer

    /// A reader that missed reads the old document from storage; meanwhile a
    /// writer commits and drops the key; the reader must not then cache the
    /// old document.
    func testAReaderCannotCacheWhatAWriterReplacedMeanwhile() throws {
        let cache = try XCTUnwrap(DocumentCache(capacity: 1 << 20))
        let old: [UInt8] = BinaryJSON.encode(["_key": "k", "_id": "c/k", "v": 1])
        let bytes = { (presented: ArraySlice<UInt8>) throws(C8Error) in Array(presented) }
        guard case .miss(let ticket) = try cache.lookup(collection: 7, key: "k", decode: bytes) else { return XCTFail("expected a miss") }
        // … the reader reads `old` from storage; a writer commits:
        cache.beginWrite(collection: 7, keys: ["k"])
        guard case .bypass = try cache.lookup(collection: 7, key: "k", decode: bytes) else { return XCTFail("a pending key bypasses the cache") }
        cache.endWrite(collection: 7, keys: ["k"])
        cache.insert(ticket, old)  // too late: refused
        guard case .miss = try cache.lookup(collection: 7, key: "k", decode: bytes) else { return XCTFail("the stale document was cached") }

        // The same for whole-collection changes (truncate, rename, drop).
        guard case .miss(let second) = try cache.lookup(collection: 7, key: "k", decode: bytes) else { return XCTFail("expected a miss") }
        cache.beginWrite(collection: 7)
        guard case .bypass = try cache.lookup(collection: 7, key: "other", decode: bytes) else { return XCTFail("a pending collection bypasses the cache") }
        cache.endWrite(collection: 7)
        cache.insert(second, old)
        guard case .miss(let third) = try cache.lookup(collection: 7, key: "k", decode: bytes) else { return XCTFail("the stale document was cached") }

        // Without a write in between, the document is cached.
        cache.insert(third, old)
        guard case .hit(let cached) = try cache.lookup(collection: 7, key: "k", decode: bytes) else { return XCTFail("expected a hit") }
        XCTAssertEqual(cached, old)
        guard case .miss = try cache.lookup(collection: 8, key: "k", decode: bytes) else { return XCTFail("another collection's key") }
    }

    /// Readers and writers on a few keys: every read that starts after a
    /// write was acknowledged sees that write (or a later one).
    func testReadsAfterAnAcknowledgedWriteSeeIt() throws {
        let engine = try engine()
        // Closed here, on the test's thread: the last reference may otherwise
        // go with a finishing worker thread, closing RocksDB while the test
        // process exits.
        defer { engine.close() }
        let users = try engine.fabric().createCollection("users")
        let keys = ["k0", "k1", "k2", "k3"]
        for key in keys { try users.insert(["_key": .string(key), "v": 0]) }
        let acknowledged = Mutex<[Int]>(Array(repeating: 0, count: keys.count))
        let writersDone = Atomic<Int>(0)
        let violations = Atomic<Int>(0)
        let reads = Atomic<Int>(0)
        let failures = Mutex<[String]>([])
        let writesPerKey = 1000
        let writers = 2, readers = 4

        // Threads of their own: readers must run while the writers do.
        let finished = DispatchSemaphore(value: 0)
        for thread in 0..<(writers + readers) {
            Thread {
                defer { finished.signal() }
                do {
                    if thread < writers {
                        // Writer `thread` owns keys thread, thread + writers, …
                        defer { writersDone.add(1, ordering: .releasing) }
                        for v in 1...writesPerKey {
                            for k in stride(from: thread, to: keys.count, by: writers) {
                                if v % 2 == 0 {
                                    try users.update(DocumentSelector(key: keys[k]), with: ["v": .int(Int64(v))])
                                } else {
                                    try users.replace(DocumentSelector(key: keys[k]), with: ["v": .int(Int64(v))])
                                }
                                acknowledged.withLock { $0[k] = v }
                            }
                        }
                    } else {
                        var i = thread
                        while writersDone.load(ordering: .acquiring) < writers {
                            i = (i &* 1_103_515_245 &+ 12345) & 0x7FFF_FFFF
                            let k = i % keys.count
                            let floor = acknowledged.withLock { $0[k] }
                            guard let v = try users.document(keys[k])?["v"].intValue else {
                                failures.withLock { $0.append("\(keys[k]) missing") }
                                continue
                            }
                            reads.add(1, ordering: .relaxed)
                            if v < floor { violations.add(1, ordering: .relaxed) }
                        }
                    }
                } catch {
                    failures.withLock { $0.append("\(error)") }
                }
            }.start()
        }
        for _ in 0..<(writers + readers) { finished.wait() }
        XCTAssertEqual(failures.withLock { $0 }, [])
        XCTAssertEqual(violations.load(ordering: .relaxed), 0, "reads older than an acknowledged write")
        XCTAssertGreaterThan(reads.load(ordering: .relaxed), 100)
        for (k, key) in keys.enumerated() {
            XCTAssertEqual(try users.document(key)?["v"], .int(Int64(writesPerKey)), "k\(k)")
        }
        let stats = engine.documentCacheStatistics
        XCTAssertGreaterThan(stats.hits, 0, "\(stats)")
    }

    // MARK: - Splicing `_id` into the stored form

    func testInsertingAMemberIntoEncodedObjects() throws {
        func splice(_ object: JSON, at position: Int, value: String = "c/k") throws -> JSON {
            let bytes = BinaryJSON.encode(object)
            let spliced = try bytes.withUnsafeBufferPointer { try BinaryJSON.insertingMember("_id", string: value, at: position, intoObject: $0) }
            return try BinaryJSON.decode(spliced)
        }
        func keys(_ json: JSON) -> [String] { json.objectValue?.keys ?? [] }
        XCTAssertEqual(keys(try splice([:], at: 1)), ["_id"])
        XCTAssertEqual(keys(try splice(["_key": "k"], at: 1)), ["_key", "_id"])
        XCTAssertEqual(keys(try splice(["_key": "k", "a": [1, ["b": 2]], "c": 3.5], at: 1)), ["_key", "_id", "a", "c"])
        XCTAssertEqual(keys(try splice(["_key": "k", "a": 1], at: 0)), ["_id", "_key", "a"])
        XCTAssertEqual(keys(try splice(["_key": "k", "a": 1], at: 9)), ["_key", "a", "_id"])
        let long = String(repeating: "é", count: 100)  // 200 bytes: a long string
        XCTAssertEqual(try splice(["_key": "k"], at: 1, value: long)["_id"], .string(long))
        // 127 → 128 members: the count's varint grows by a byte.
        var wide = JSONObject()
        for i in 0..<127 { wide.appendUnique("m\(i)", .int(Int64(i))) }
        let spliced = try splice(.object(wide), at: 1)
        XCTAssertEqual(spliced.objectValue?.count, 128)
        XCTAssertEqual(spliced["m126"], 126)
        XCTAssertEqual(keys(spliced)[1], "_id")

        for corrupt: [UInt8] in [[], [0x06, 0, 0, 0, 0, 0], [0x07, 1, 9, 0, 0, 0], [0x07, 2, 3, 0, 0, 0, 1, 0x61]] {
            XCTAssertThrowsError(try corrupt.withUnsafeBufferPointer {
                try BinaryJSON.insertingMember("_id", string: "x", at: 1, intoObject: $0)
            }, "\(corrupt)")
        }
    }
}

final class DocumentCacheRocksDBTests: DocumentCacheTests {
    override func makeEngine(limits: EngineLimits) throws -> Engine {
        try Engine.open(directory: temporaryDirectory().path, limits: limits)
    }

    func testCacheEnabledSurvivesARestart() throws {
        let dir = temporaryDirectory().path
        do {
            let engine = try Engine.open(directory: dir)
            defer { engine.close() }
            try engine.fabric().createCollection("off", options: try CollectionOptions(json: ["cacheEnabled": false]))
            try engine.fabric().createCollection("on")
        }
        let engine = try Engine.open(directory: dir)
        defer { engine.close() }
        XCTAssertFalse(try engine.fabric().collection("off").properties.cacheEnabled)
        XCTAssertTrue(try engine.fabric().collection("on").properties.cacheEnabled)
    }
}
