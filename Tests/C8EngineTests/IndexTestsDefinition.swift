import C8Core
import C8Engine
import XCTest

final class IndexDefinitionRequestTests: IndexTestCase {
    private func parse(_ body: JSON, type: IndexType? = nil) throws -> IndexDefinition {
        try IndexDefinition(request: body, type: type, objectId: 99, localId: 3, defaultName: "idx_99")
    }

    private func expectBadParameter(_ body: JSON, type: IndexType? = nil, _ message: String, line: UInt = #line) {
        expectError(.badParameter, message, line: line) { try parse(body, type: type) }
        do {
            _ = try parse(body, type: type)
        } catch let error as C8Error {
            XCTAssertEqual(error.code, 400, line: line)
        } catch {
            XCTFail("unexpected \(error)", line: line)
        }
    }

    func testPersistentDefaults() throws {
        let d = try parse(["type": "persistent", "fields": ["a", "b.c", "tags[*]"]])
        XCTAssertEqual(d.type, .persistent)
        XCTAssertEqual(d.fields.map(\.description), ["a", "b.c", "tags[*]"])
        XCTAssertEqual(d.objectId, 99)
        XCTAssertEqual(d.localId, 3)
        XCTAssertEqual(d.name, "idx_99")
        XCTAssertFalse(d.unique)
        XCTAssertFalse(d.sparse)
        XCTAssertTrue(d.deduplicate)
        XCTAssertNil(d.expireAfter)
        XCTAssertNil(d.minLength)
        XCTAssertFalse(d.geoJson)
    }

    func testPersistentFamilyOptions() throws {
        let d = try parse(["type": "hash", "fields": ["a"], "unique": true, "sparse": true, "deduplicate": false, "name": "byA"])
        XCTAssertEqual(d.type, .hash)
        XCTAssertTrue(d.unique)
        XCTAssertTrue(d.sparse)
        XCTAssertFalse(d.deduplicate)
        XCTAssertEqual(d.name, "byA")
        XCTAssertEqual(try parse(["type": "skiplist", "fields": ["a"]]).type, .skiplist)
    }

    func testTypeFromRoute() throws {
        XCTAssertEqual(try parse(["fields": ["a"]], type: .persistent).type, .persistent)
        XCTAssertEqual(try parse(["type": "geo", "fields": ["loc"]], type: .geo).type, .geo)
        expectBadParameter(["type": "hash", "fields": ["a"]], type: .geo, "does not match")
        expectBadParameter(["fields": ["a"]], "index type missing")
        expectBadParameter(["type": 1, "fields": ["a"]], "must be a string")
        expectBadParameter(["type": "btree", "fields": ["a"]], "invalid index type 'btree'")
        expectBadParameter(["type": "primary", "fields": ["_key"]], "cannot create additional primary index")
        expectBadParameter(["type": "edge", "fields": ["_from"]], "cannot create additional edge index")
        expectBadParameter(["persistent"], "must be an object")
    }

    func testFieldErrors() {
        expectBadParameter(["type": "persistent"], "fields must be an array")
        expectBadParameter(["type": "persistent", "fields": "a"], "fields must be an array")
        expectBadParameter(["type": "persistent", "fields": []], "invalid number of index attributes")
        expectBadParameter(["type": "persistent", "fields": ["a", 1]], "index field names must be strings")
        expectBadParameter(["type": "persistent", "fields": ["a", "b", "a"]], "duplicate attribute name")
        expectBadParameter(["type": "persistent", "fields": ["_id"]], "_id attribute cannot be indexed")
        expectBadParameter(["type": "persistent", "fields": [""]], "invalid index attribute")
        expectBadParameter(["type": "persistent", "fields": ["a[*].b[*]"]], "at most one [*]")
    }

    func testOptionErrors() {
        expectBadParameter(["type": "persistent", "fields": ["a"], "unique": "yes"], "unique must be a boolean")
        expectBadParameter(["type": "persistent", "fields": ["a"], "sparse": 1], "sparse must be a boolean")
        expectBadParameter(["type": "persistent", "fields": ["a"], "name": 5], "index name must be a string")
        expectBadParameter(["type": "persistent", "fields": ["a"], "name": "9lives"], "illegal index name")
        expectBadParameter(["type": "persistent", "fields": ["a"], "name": "has space"], "illegal index name")
        expectBadParameter(["type": "persistent", "fields": ["a"], "name": ""], "illegal index name")
    }

    func testTTL() throws {
        let d = try parse(["type": "ttl", "fields": ["expiresAt"], "expireAfter": 3600])
        XCTAssertEqual(d.expireAfter, 3600)
        XCTAssertTrue(d.sparse)
        XCTAssertFalse(d.unique)
        XCTAssertEqual(try parse(["type": "ttl", "fields": ["t"], "expireAfter": 0]).expireAfter, 0)
        XCTAssertEqual(try parse(["type": "ttl", "fields": ["t"], "expireAfter": 1.5]).expireAfter, 1.5)
        expectBadParameter(["type": "ttl", "fields": ["t"]], "expireAfter attribute must be a number")
        expectBadParameter(["type": "ttl", "fields": ["t"], "expireAfter": "60"], "expireAfter attribute must be a number")
        expectBadParameter(["type": "ttl", "fields": ["t"], "expireAfter": -1], "greater than or equal to zero")
        expectBadParameter(["type": "ttl", "fields": ["t", "u"], "expireAfter": 1], "invalid number of index attributes")
        expectBadParameter(["type": "ttl", "fields": ["t"], "expireAfter": 1, "unique": true], "ttl index cannot be unique")
        expectBadParameter(["type": "ttl", "fields": ["t[*]"], "expireAfter": 1], "cannot use [*] expansion")
    }

    func testFulltext() throws {
        let d = try parse(["type": "fulltext", "fields": ["text"]])
        XCTAssertEqual(d.minLength, 2)
        XCTAssertTrue(d.sparse)
        XCTAssertEqual(try parse(["type": "fulltext", "fields": ["text"], "minLength": 4]).minLength, 4)
        expectBadParameter(["type": "fulltext", "fields": ["text"], "minLength": 0], "minLength must be an integer")
        expectBadParameter(["type": "fulltext", "fields": ["text"], "minLength": 2.5], "minLength must be an integer")
        expectBadParameter(["type": "fulltext", "fields": ["a", "b"]], "invalid number of index attributes")
        expectBadParameter(["type": "fulltext", "fields": ["text"], "unique": true], "fulltext index cannot be unique")
    }

    func testGeo() throws {
        let one = try parse(["type": "geo", "fields": ["loc"], "geoJson": true, "sparse": false])
        XCTAssertTrue(one.geoJson)
        XCTAssertTrue(one.sparse, "geo indexes are always sparse")
        let two = try parse(["type": "geo", "fields": ["lat", "lon"], "geoJson": true])
        XCTAssertEqual(two.fields.count, 2)
        XCTAssertFalse(two.geoJson, "geoJson only applies to one field")
        expectBadParameter(["type": "geo", "fields": ["a", "b", "c"]], "invalid number of index attributes")
        expectBadParameter(["type": "geo", "fields": ["loc"], "unique": true], "geo index cannot be unique")
        expectBadParameter(["type": "geo", "fields": ["loc"], "geoJson": "true"], "geoJson must be a boolean")
    }

    func testShardKeyRuleForUniqueIndexes() throws {
        let abc = try parse(["type": "persistent", "fields": ["a", "b", "c"], "unique": true])
        XCTAssertNoThrow(try abc.validateUnique(shardKeys: ["a", "b"]))
        XCTAssertNoThrow(try abc.validateUnique(shardKeys: ["_key"]))
        let a = try parse(["type": "persistent", "fields": ["a"], "unique": true])
        XCTAssertNoThrow(try a.validateUnique(shardKeys: ["_key"]), "default shard keys allow any unique index")
        expectError(.badParameter, "unique index must contain all shard keys (a, b)") {
            try a.validateUnique(shardKeys: ["a", "b"])
        }
        let nonUnique = try parse(["type": "persistent", "fields": ["a"]])
        XCTAssertNoThrow(try nonUnique.validateUnique(shardKeys: ["a", "b"]))
    }

    func testEquivalence() throws {
        let persistent = try parse(["type": "persistent", "fields": ["a", "b"], "name": "one"])
        let hash = try parse(["type": "hash", "fields": ["a", "b"], "name": "two", "deduplicate": false])
        XCTAssertTrue(persistent.isEquivalent(to: hash), "same family, fields and flags; names and deduplicate ignored")
        XCTAssertFalse(persistent.isEquivalent(to: try parse(["type": "persistent", "fields": ["b", "a"]])))
        XCTAssertFalse(persistent.isEquivalent(to: try parse(["type": "persistent", "fields": ["a", "b"], "unique": true])))
        XCTAssertFalse(persistent.isEquivalent(to: try parse(["type": "persistent", "fields": ["a", "b"], "sparse": true])))
        XCTAssertFalse(persistent.isEquivalent(to: try parse(["type": "persistent", "fields": ["a"]])))
        let geo = try parse(["type": "geo", "fields": ["a"]])
        XCTAssertFalse(geo.isEquivalent(to: try parse(["type": "geo", "fields": ["a"], "geoJson": true])))
        XCTAssertTrue(geo.isEquivalent(to: try parse(["type": "geo", "fields": ["a"]])))
        XCTAssertFalse(geo.isEquivalent(to: try parse(["type": "fulltext", "fields": ["a"]])))
        let text = try parse(["type": "fulltext", "fields": ["a"]])
        XCTAssertFalse(text.isEquivalent(to: try parse(["type": "fulltext", "fields": ["a"], "minLength": 3])))
    }

    func testDefinitionJSONShowsParsedValues() throws {
        let d = try parse(["type": "ttl", "fields": ["t"], "expireAfter": 60, "name": "expiry"])
        let json = d.json(collection: "sessions")
        XCTAssertEqual(json["id"], "sessions/3")
        XCTAssertEqual(json["name"], "expiry")
        XCTAssertEqual(json["expireAfter"], 60)
        XCTAssertEqual(json["sparse"], true)
    }
}
