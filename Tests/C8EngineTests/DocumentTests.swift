import C8Core
import C8Engine
import XCTest

/// ArangoDB's document semantics, on both storage engines.
class DocumentTests: EngineTestCase {
    private func users(_ options: CollectionOptions = CollectionOptions()) throws -> DocumentCollection {
        try makeEngine().fabric().createCollection("users", options: options)
    }

    func testInsertGeneratesKeyIdAndRev() throws {
        let users = try users()
        let a = try users.insert(["name": "Ada"])
        let b = try users.insert(["name": "Grace"])
        XCTAssertEqual(a.id, "users/\(a.key)")
        XCTAssertNotEqual(a.key, b.key)
        XCTAssertLessThan(a.rev, b.rev, "revisions order by time")
        let stored = try XCTUnwrap(try users.document(a.key))
        XCTAssertEqual(stored.objectValue?.keys, ["_key", "_id", "_rev", "name"])
        XCTAssertEqual(stored["_rev"], .string(a.rev))
        XCTAssertEqual(users.count, 2)
    }

    func testUserKeysAndKeyRules() throws {
        let users = try users()
        XCTAssertEqual(try users.insert(["_key": "ada:1@x(y)+z,=;$!*'%-_."]).key, "ada:1@x(y)+z,=;$!*'%-_.")
        assertError(.documentKeyBad) { try users.insert(["_key": "has space"]) }
        assertError(.documentKeyBad) { try users.insert(["_key": "a/b"]) }
        assertError(.documentKeyBad) { try users.insert(["_key": .string(String(repeating: "k", count: 255))]) }
        assertError(.documentKeyBad) { try users.insert(["_key": 12]) }
        XCTAssertNoThrow(try users.insert(["_key": .string(String(repeating: "k", count: 254))]))
        assertError(.documentTypeInvalid) { try users.insert([1, 2]) }
        let fixed = try makeEngine().fabric().createCollection(
            "fixed", options: try CollectionOptions(json: ["keyOptions": ["allowUserKeys": false]]))
        assertError(.documentKeyUnexpected) { try fixed.insert(["_key": "mine"]) }
    }

    func testSystemAttributesInTheBodyAreIgnored() throws {
        let users = try users()
        let result = try users.insert(["_key": "k", "_id": "other/x", "_rev": "bogus", "a": 1])
        let stored = try XCTUnwrap(try users.document("k"))
        XCTAssertEqual(stored["_id"], "users/k")
        XCTAssertEqual(stored["_rev"], .string(result.rev))
    }

    func testReturnNewOldAndSilent() throws {
        let users = try users()
        var options = WriteOptions()
        options.returnNew = true
        let inserted = try users.insert(["_key": "a", "x": 1], options: options)
        XCTAssertEqual(inserted.new?["x"], 1)
        XCTAssertEqual(inserted.json.objectValue?.keys, ["_id", "_key", "_rev", "new"])
        options.returnOld = true
        let replaced = try users.replace(DocumentSelector(key: "a"), with: ["y": 2], options: options)
        XCTAssertEqual(replaced.old?["x"], 1)
        XCTAssertEqual(replaced.new?["y"], 2)
        XCTAssertNil(replaced.new?["x"].intValue)
        XCTAssertEqual(replaced.oldRev, inserted.rev)
        var silent = WriteOptions()
        silent.silent = true
        let quiet = try users.update(DocumentSelector(key: "a"), with: ["z": 3], options: silent)
        XCTAssertNil(quiet.new)
        XCTAssertEqual(try users.document("a")?["z"], 3)
    }

    func testUpdateMergesWithKeepNullAndMergeObjects() throws {
        let users = try users()
        try users.insert(["_key": "a", "name": "Ada", "address": ["city": "London", "zip": "N1"], "gone": 1])
        try users.update(DocumentSelector(key: "a"), with: ["address": ["city": "Zürich"], "age": 36])
        var doc = try XCTUnwrap(try users.document("a"))
        XCTAssertEqual(doc["address"], ["city": "Zürich", "zip": "N1"])
        XCTAssertEqual(doc.objectValue?.keys, ["_key", "_id", "_rev", "name", "address", "gone", "age"])

        var options = WriteOptions()
        options.mergeObjects = false
        try users.update(DocumentSelector(key: "a"), with: ["address": ["city": "Bern"]], options: options)
        doc = try XCTUnwrap(try users.document("a"))
        XCTAssertEqual(doc["address"], ["city": "Bern"])

        try users.update(DocumentSelector(key: "a"), with: ["gone": .null])
        XCTAssertEqual(try users.document("a")?.objectValue?["gone"], JSON.null, "keepNull defaults to true")
        options = WriteOptions()
        options.keepNull = false
        try users.update(DocumentSelector(key: "a"), with: ["gone": .null, "address": ["city": .null, "x": 1]], options: options)
        doc = try XCTUnwrap(try users.document("a"))
        XCTAssertNil(doc.objectValue?["gone"])
        XCTAssertEqual(doc["address"], ["x": 1])
    }

    func testRevisionPreconditions() throws {
        let users = try users()
        let first = try users.insert(["_key": "a", "v": 1])
        try users.update(DocumentSelector(key: "a"), with: ["v": 2])
        // ignoreRevs (the default) ignores a stale _rev in the body.
        XCTAssertNoThrow(try users.update(DocumentSelector(key: "a"), with: ["v": 3, "_rev": .string(first.rev)]))
        var strict = WriteOptions()
        strict.ignoreRevs = false
        assertError(.conflict) { try users.update(DocumentSelector(key: "a"), with: ["v": 4, "_rev": .string(first.rev)], options: strict) }
        var ifMatch = WriteOptions()
        ifMatch.ifMatch = first.rev
        assertError(.conflict) { try users.remove(DocumentSelector(key: "a"), options: ifMatch) }
        let current = try XCTUnwrap(try users.document("a")?["_rev"].stringValue)
        XCTAssertThrowsError(try users.replace(DocumentSelector(key: "a"), with: [:], options: ifMatch)) { error in
            XCTAssertEqual((error as? C8Error)?.code, 412)
            XCTAssertTrue((error as? C8Error)?.message.contains(current) == true, "\(error)")
        }
        XCTAssertEqual(try users.document("a")?["v"], 3, "failed writes change nothing")
        ifMatch.ifMatch = try users.document("a")?["_rev"].stringValue
        XCTAssertNoThrow(try users.remove(DocumentSelector(key: "a"), options: ifMatch))
    }

    func testMissingDocuments() throws {
        let users = try users()
        XCTAssertNil(try users.document("nope"))
        XCTAssertNil(try users.document("bad key"))
        assertError(.documentNotFound) { try users.replace(DocumentSelector(key: "nope"), with: [:]) }
        assertError(.documentNotFound) { try users.update(DocumentSelector(key: "nope"), with: [:]) }
        assertError(.documentNotFound) { try users.remove(DocumentSelector(key: "nope")) }
    }

    func testOverwriteModes() throws {
        let users = try users()
        try users.insert(["_key": "a", "x": 1, "keep": true])
        assertError(.uniqueConstraintViolated) { try users.insert(["_key": "a", "x": 2]) }
        var options = WriteOptions()
        options.overwriteMode = .ignore
        let ignored = try users.insert(["_key": "a", "x": 3], options: options)
        XCTAssertTrue(ignored.ignored)
        XCTAssertEqual(try users.document("a")?["x"], 1)
        options.overwriteMode = .update
        options.returnOld = true
        let updated = try users.insert(["_key": "a", "x": 4], options: options)
        XCTAssertEqual(updated.old?["x"], 1)
        XCTAssertNotNil(updated.oldRev)
        XCTAssertEqual(try users.document("a")?["keep"], true)
        options.overwriteMode = .replace
        try users.insert(["_key": "a", "x": 5], options: options)
        XCTAssertEqual(try users.document("a")?["keep"], .null)
        XCTAssertEqual(try users.document("a")?["x"], 5)
        XCTAssertEqual(users.count, 1)
    }

    func testBatchItemsFailIndependently() throws {
        let users = try users()
        try users.insert(["_key": "taken"])
        let results = try users.insert(many: [["_key": "a"], ["_key": "taken"], "not an object", ["_key": "a"], ["_key": "b"]])
        XCTAssertEqual(results.count, 5)
        XCTAssertEqual(try results[0].get().key, "a")
        XCTAssertThrowsError(try results[1].get()) { XCTAssertEqual(($0 as? C8Error)?.errorNum, 1210) }
        XCTAssertThrowsError(try results[2].get()) { XCTAssertEqual(($0 as? C8Error)?.errorNum, 1227) }
        XCTAssertThrowsError(try results[3].get(), "a key inserted earlier in the same batch is taken") {
            XCTAssertEqual(($0 as? C8Error)?.errorNum, 1210)
        }
        XCTAssertEqual(try results[4].get().key, "b")
        XCTAssertEqual(users.count, 3)

        let removed = try users.remove(many: ["a", "users/b", ["_key": "missing"]])
        XCTAssertNoThrow(try removed[0].get())
        XCTAssertNoThrow(try removed[1].get())
        XCTAssertThrowsError(try removed[2].get())
        XCTAssertEqual(users.count, 1)

        let updates = try users.update(many: [["_key": "taken", "v": 1], ["v": 2]])
        XCTAssertNoThrow(try updates[0].get())
        XCTAssertThrowsError(try updates[1].get()) { XCTAssertEqual(($0 as? C8Error)?.errorNum, 1226) }
    }

    func testEdgesNeedValidHandles() throws {
        let knows = try makeEngine().fabric().createCollection("knows", options: CollectionOptions(type: .edge))
        XCTAssertNoThrow(try knows.insert(["_from": "users/a", "_to": "users/b", "since": 2020]))
        assertError(.invalidEdgeAttribute) { try knows.insert(["_to": "users/b"]) }
        assertError(.invalidEdgeAttribute) { try knows.insert(["_from": "users", "_to": "users/b"]) }
        assertError(.invalidEdgeAttribute) { try knows.insert(["_from": "users/a b", "_to": "users/b"]) }
        let edge = try knows.insert(["_key": "e", "_from": "users/a", "_to": "users/b"])
        try knows.update(DocumentSelector(key: edge.key), with: ["weight": 2])
        XCTAssertEqual(try knows.document("e")?["_from"], "users/a")
        assertError(.invalidEdgeAttribute) { try knows.replace(DocumentSelector(key: "e"), with: ["weight": 3]) }
        try knows.replace(DocumentSelector(key: "e"), with: ["_from": "users/c", "_to": "users/d"])
        XCTAssertEqual(try knows.document("e")?.objectValue?.keys, ["_key", "_id", "_rev", "_from", "_to"])
    }

    func testCustomShardKeys() throws {
        let orders = try users(try CollectionOptions(json: ["shardKeys": ["country"]]))
        assertError(.mustNotSpecifyKey) { try orders.insert(["_key": "x", "country": "CH"]) }
        let order = try orders.insert(["country": "CH", "total": 10])
        assertError(.mustNotChangeShardingAttributes) { try orders.update(DocumentSelector(key: order.key), with: ["country": "DE"]) }
        XCTAssertNoThrow(try orders.update(DocumentSelector(key: order.key), with: ["total": 11]))
        for i in 0..<200 { try orders.insert(["country": .string(["CH", "DE", "FR"][i % 3])]) }
        let used = orders.shardCounts.filter { $0 > 0 }.count
        XCTAssertLessThanOrEqual(used, 3, "documents with one of 3 shard key values occupy at most 3 shards")
        XCTAssertEqual(orders.shardCounts.reduce(0, +), 201)
    }

    func testDefaultShardingSpreadsByKey() throws {
        let users = try users()
        _ = try users.insert(many: (0..<1000).map { _ in ["x": 1] })
        let counts = users.shardCounts
        XCTAssertEqual(counts.count, 64)
        XCTAssertEqual(counts.reduce(0, +), 1000)
        XCTAssertGreaterThan(counts.filter { $0 > 0 }.count, 50)
        XCTAssertEqual(Sharding.shard(ofKey: "abc"), Sharding.shard(ofKey: "abc"))
        for key in ["abc", "", "d0", "d999999", "é中😀", "a\u{0}b\u{0}", String(repeating: "k", count: 254)] {
            XCTAssertEqual(Sharding.shard(ofKey: key), Sharding.shard(of: ["_key": .string(key)], shardKeys: ["_key"]), key)
        }
    }

    func testDocumentSizeLimit() throws {
        var limits = EngineLimits()
        limits.maximumDocumentSize = 1000
        let users = try Engine.inMemory(limits: limits).fabric().createCollection("users")
        assertError(.documentTooLarge) { try users.insert(["blob": .string(String(repeating: "x", count: 1200))]) }
        XCTAssertNoThrow(try users.insert(["blob": .string(String(repeating: "x", count: 900))]))
        XCTAssertEqual(users.count, 1)
    }

    func testKeyGenerators() throws {
        let fabric = try makeEngine().fabric()
        let auto = try fabric.createCollection("auto", options: try CollectionOptions(json: ["keyOptions": ["type": "autoincrement", "increment": 10, "offset": 5]]))
        XCTAssertEqual(try (0..<3).map { _ in try auto.insert([:]).key }, ["5", "15", "25"])
        let padded = try fabric.createCollection("padded", options: try CollectionOptions(json: ["keyOptions": ["type": "padded"]]))
        let keys = try (0..<3).map { _ in try padded.insert([:]).key }
        XCTAssertEqual(keys, keys.sorted())
        XCTAssertTrue(keys.allSatisfy { $0.count == 16 })
        let uuid = try fabric.createCollection("uuid", options: try CollectionOptions(json: ["keyOptions": ["type": "uuid"]]))
        XCTAssertEqual(try uuid.insert([:]).key.count, 36)
    }

    func testTruncateAndScan() throws {
        let users = try users()
        _ = try users.insert(many: (0..<50).map { ["_key": .string("k\($0)"), "n": .int(Int64($0))] })
        let scanner = users.scan()
        var keys: [String] = []
        while let doc = try scanner.next() { keys.append(doc["_key"].stringValue ?? "") }
        XCTAssertEqual(keys.count, 50)
        XCTAssertEqual(keys, keys.sorted { $0.utf8Compare($1) < 0 })
        // A scanned document is the one a read by key gives, members in the
        // same order (`_id` after `_key`) and the same text.
        let scanned = users.scan()
        while let doc = try scanned.next() {
            let read = try XCTUnwrap(try users.document(doc["_key"].stringValue ?? ""))
            XCTAssertEqual(doc, read)
            XCTAssertEqual(doc.objectValue?.keys, read.objectValue?.keys)
            XCTAssertEqual(doc.objectValue?.keys.prefix(2), ["_key", "_id"])
            XCTAssertEqual(doc.jsonString(), read.jsonString())
        }
        try users.truncate()
        XCTAssertEqual(users.count, 0)
        XCTAssertNil(try users.document("k1"))
        XCTAssertNil(try users.scan().next())
        let figures = users.figures()
        XCTAssertEqual(figures["count"], 0)
        XCTAssertEqual(figures["figures"]["shards"].objectValue?.count, 64)
    }

    func testWaitForSyncWritesAreReadBack() throws {
        let users = try makeEngine().fabric().createCollection("synced", options: try CollectionOptions(json: ["waitForSync": true]))
        var options = WriteOptions()
        options.waitForSync = true
        try users.insert(["_key": "s"], options: options)
        XCTAssertNotNil(try users.document("s"))
        XCTAssertTrue(users.properties.waitForSync)
    }

    func testConcurrentInsertsKeepCountsExact() throws {
        let users = try users()
        DispatchQueue.concurrentPerform(iterations: 4) { t in
            for i in 0..<250 { _ = try? users.insert(["_key": .string("t\(t)-\(i)")]) }
        }
        XCTAssertEqual(users.count, 1000)
    }
}

final class DocumentRocksDBTests: DocumentTests {
    override func makeEngine() throws -> Engine { try Engine.open(directory: temporaryDirectory().path) }

    func testEveryOpenEngineHoldsItsDataDir() throws {
        let dir = temporaryDirectory().path
        let engine = try Engine.open(directory: dir)
        defer { engine.close() }
        assertError(.internalError) { try Engine.open(directory: dir) }
    }
}
