import C8Core
import C8Engine
import XCTest

/// Indexes maintained by the collection write path, on both storage engines.
class CollectionIndexTests: EngineTestCase {
    private func users() throws -> DocumentCollection {
        try makeEngine().fabric().createCollection("users")
    }

    func testUniqueIndexRefusesDuplicatesAndFreesValuesOnChange() throws {
        let users = try users()
        let (definition, created) = try users.createIndex(["type": "persistent", "fields": ["email"], "unique": true])
        XCTAssertTrue(created)
        XCTAssertEqual(definition.localId, 1)
        XCTAssertEqual(definition.json(collection: "users")["id"], "users/1")
        try users.insert(["_key": "a", "email": "a@x"])
        assertError(.uniqueConstraintViolated) { try users.insert(["_key": "b", "email": "a@x"]) }
        XCTAssertNil(try users.document("b"), "the refused document is not written")
        try users.update(DocumentSelector(key: "a"), with: ["email": "new@x"])
        XCTAssertNoThrow(try users.insert(["_key": "b", "email": "a@x"]), "the old value is free again")
        assertError(.uniqueConstraintViolated) { try users.replace(DocumentSelector(key: "b"), with: ["email": "new@x"]) }
        try users.remove(DocumentSelector(key: "a"))
        XCTAssertNoThrow(try users.update(DocumentSelector(key: "b"), with: ["email": "new@x"]))
        // Within one batch, a value freed earlier in the batch can be taken later.
        let results = try users.insert(many: [["_key": "c", "email": "c@x"], ["_key": "d", "email": "c@x"]])
        XCTAssertNoThrow(try results[0].get())
        XCTAssertThrowsError(try results[1].get())
        XCTAssertEqual(try users.verifyConsistency(), [])
    }

    func testUniqueIndexOverViolatingDataFailsAndLeavesNothing() throws {
        let users = try users()
        for (k, e) in [("a", "same"), ("b", "other"), ("c", "same")] { try users.insert(["_key": .string(k), "email": .string(e)]) }
        assertError(.uniqueConstraintViolated) { try users.createIndex(["type": "hash", "fields": ["email"], "unique": true]) }
        XCTAssertEqual(users.indexDefinitions.count, 1, "only the primary index")
        XCTAssertEqual(try users.verifyConsistency(), [])
        try users.remove(DocumentSelector(key: "c"))
        XCTAssertTrue(try users.createIndex(["type": "hash", "fields": ["email"], "unique": true]).created)
    }

    func testEquivalentIndexIsReturnedAndIndexesCanBeDropped() throws {
        let users = try users()
        let first = try users.createIndex(["type": "persistent", "fields": ["age", "name"]])
        let again = try users.createIndex(["type": "skiplist", "fields": ["age", "name"]])
        XCTAssertFalse(again.created)
        XCTAssertEqual(again.definition.localId, first.definition.localId)
        XCTAssertEqual(users.indexDefinitions.map(\.type), [.primary, .persistent])
        XCTAssertEqual(try users.index("users/\(first.definition.localId)").name, first.definition.name)
        try users.dropIndex(first.definition.name)
        assertError(.indexNotFound) { try users.index(first.definition.name) }
        assertError(.forbidden) { try users.dropIndex("primary") }
    }

    func testUniqueIndexMustCoverShardKeys() throws {
        let orders = try makeEngine().fabric().createCollection("orders", options: try CollectionOptions(json: ["shardKeys": ["a", "b"]]))
        XCTAssertNoThrow(try orders.createIndex(["type": "persistent", "fields": ["a", "b", "c"], "unique": true]))
        assertError(.badParameter) { try orders.createIndex(["type": "persistent", "fields": ["a"], "unique": true]) }
        XCTAssertNoThrow(try orders.createIndex(["type": "persistent", "fields": ["a"]]))
    }

    func testIndexesStayConsistentUnderRandomWrites() throws {
        let users = try users()
        try users.createIndex(["type": "persistent", "fields": ["group"]])
        try users.createIndex(["type": "persistent", "fields": ["tags[*]"], "sparse": true])
        try users.createIndex(["type": "persistent", "fields": ["code"], "unique": true, "sparse": true])
        try users.createIndex(["type": "fulltext", "fields": ["bio"]])
        try users.createIndex(["type": "geo", "fields": ["pos"]])
        var rng = SystemRandomNumberGenerator()
        for i in 0..<600 {
            let key = "k\(Int.random(in: 0..<80, using: &rng))"
            let doc: JSON = [
                "_key": .string(key), "group": .int(Int64(i % 7)),
                "tags": .array((0..<Int.random(in: 0...3, using: &rng)).map { _ in .string(["a", "b", "c"].randomElement()!) }),
                "code": Bool.random() ? .string("c\(i)") : .null,
                "bio": .string(["fast data", "slow data", "graph things"].randomElement()!),
                "pos": [.double(Double.random(in: -80...80)), .double(Double.random(in: -170...170))],
            ]
            switch Int.random(in: 0..<4, using: &rng) {
            case 0: _ = try? users.insert(doc)
            case 1: _ = try? users.replace(DocumentSelector(key: key), with: doc)
            case 2: _ = try? users.update(DocumentSelector(key: key), with: ["group": .int(Int64(i % 3)), "tags": .null])
            default: _ = try? users.remove(DocumentSelector(key: key))
            }
        }
        XCTAssertEqual(try users.verifyConsistency(), [])
    }

    func testEdgeCollectionsFindEdgesOfAVertex() throws {
        let knows = try makeEngine().fabric().createCollection("knows", options: CollectionOptions(type: .edge))
        XCTAssertEqual(knows.indexDefinitions.map(\.type), [.primary, .edge])
        try knows.insert(["_key": "e1", "_from": "users/a", "_to": "users/b"])
        try knows.insert(["_key": "e2", "_from": "users/b", "_to": "users/c"])
        try knows.insert(["_key": "e3", "_from": "users/a", "_to": "users/c"])
        XCTAssertEqual(try knows.edgeKeys(of: "users/a", direction: .outbound), ["e1", "e3"])
        XCTAssertEqual(try knows.edgeKeys(of: "users/c", direction: .inbound), ["e2", "e3"])
        XCTAssertEqual(try knows.edgeKeys(of: "users/b", direction: .any), ["e1", "e2"])
        try knows.update(DocumentSelector(key: "e3"), with: ["_from": "users/b"])
        XCTAssertEqual(try knows.edgeKeys(of: "users/a", direction: .outbound), ["e1"])
        XCTAssertEqual(try knows.edges(of: "users/b", direction: .outbound).map { $0["_key"] }, ["e2", "e3"])
        XCTAssertEqual(try knows.verifyConsistency(), [])
    }

    func testTTLReaperRemovesExpiredDocuments() throws {
        let engine = try makeEngine()
        let sessions = try engine.fabric().createCollection("sessions")
        try sessions.createIndex(["type": "ttl", "fields": ["createdAt"], "expireAfter": 60])
        // One TTL index per collection, as in ArangoDB; asking for the same
        // one again finds it.
        XCTAssertThrowsError(try sessions.createIndex(["type": "ttl", "fields": ["seenAt"], "expireAfter": 5])) { error in
            XCTAssertEqual((error as? C8Error)?.errorNum, 10)
            XCTAssertEqual((error as? C8Error)?.code, 400)
        }
        XCTAssertFalse(try sessions.createIndex(["type": "ttl", "fields": ["createdAt"], "expireAfter": 60]).created)
        try sessions.insert(["_key": "old", "createdAt": 1000])
        try sessions.insert(["_key": "iso", "createdAt": "1970-01-01T00:16:40Z"])
        try sessions.insert(["_key": "new", "createdAt": 5000])
        try sessions.insert(["_key": "never"])
        let reaper = engine.makeTTLReaper()
        XCTAssertEqual(reaper.runOnce(now: 1059), 0)
        XCTAssertEqual(reaper.runOnce(now: 1061), 2)
        XCTAssertNil(try sessions.document("old"))
        XCTAssertNil(try sessions.document("iso"))
        XCTAssertNotNil(try sessions.document("new"))
        XCTAssertEqual(reaper.runOnce(now: 1e12), 1)
        XCTAssertNotNil(try sessions.document("never"))
        XCTAssertEqual(try sessions.verifyConsistency(), [])
    }
}

final class CollectionIndexRocksDBTests: CollectionIndexTests {
    override func makeEngine() throws -> Engine { try Engine.open(directory: temporaryDirectory().path) }

    func testIndexesSurviveReopen() throws {
        let dir = temporaryDirectory().path
        do {
            let engine = try Engine.open(directory: dir)
            let users = try engine.fabric().createCollection("users")
            try users.createIndex(["type": "persistent", "fields": ["email"], "unique": true, "name": "by_email"])
            try users.insert(["email": "a@x"])
            engine.close()
        }
        let engine = try Engine.open(directory: dir)
        defer { engine.close() }
        let users = try engine.fabric().collection("users")
        XCTAssertEqual(try users.index("by_email").fields.map(\.description), ["email"])
        assertError(.uniqueConstraintViolated) { try users.insert(["email": "a@x"]) }
        XCTAssertEqual(try users.verifyConsistency(), [])
    }
}
