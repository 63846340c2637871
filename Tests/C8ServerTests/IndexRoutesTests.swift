import C8Core
import C8Engine
@testable import C8Server
import XCTest

final class IndexRoutesTests: XCTestCase {
    private func harness() throws -> APIHarness {
        let api = try APIHarness()
        try api.fabric.createCollection("c")
        return api
    }

    func testEveryTypeAsPyC8CreatesIt() throws {
        let api = try harness()
        let bodies = [
            #"{"type": "hash", "fields": ["a"], "unique": true, "sparse": false, "deduplicate": true}"#,
            #"{"type": "skiplist", "fields": ["b"]}"#,
            #"{"type": "persistent", "fields": ["c", "d"], "deduplicate": false}"#,
            #"{"type": "fulltext", "fields": ["text"], "minLength": 3}"#,
            #"{"type": "geo", "fields": ["loc"], "geoJson": true}"#,
            #"{"type": "ttl", "fields": ["at"], "expireAfter": 60, "inBackground": false}"#,
        ]
        var ids = Set<String>()
        for body in bodies {
            let reply = api.send(.post, "/_fabric/_system/_api/index?collection=c", body: body)
            assertSuccess(reply, status: 201)
            XCTAssertEqual(reply.json["isNewlyCreated"], true)
            let id = try XCTUnwrap(reply.json["id"].stringValue)
            XCTAssertTrue(id.hasPrefix("c/"), "pyC8 splits the id on '/': \(id)")
            XCTAssertNotNil(Int(id.dropFirst(2)))
            ids.insert(id)
        }
        XCTAssertEqual(ids.count, bodies.count)
        let fulltext = api.send(.post, "/_api/index?collection=c", body: bodies[3])
        assertSuccess(fulltext, status: 200)
        XCTAssertEqual(fulltext.json["isNewlyCreated"], false)
        XCTAssertEqual(fulltext.json["minLength"], 3)

        let typed = api.send(.post, "/_api/index/persistent?collection=c", json: ["fields": ["e"], "name": "by_e"])
        assertSuccess(typed, status: 201)
        XCTAssertEqual(typed.json["type"], "persistent")
        XCTAssertEqual(typed.json["name"], "by_e")
        assertError(api.send(.post, "/_api/index/geo?collection=c", json: ["type": "hash", "fields": ["x"]]), status: 400, errorNum: 10)
        assertError(api.send(.post, "/_api/index/banana?collection=c", json: ["fields": ["x"]]), status: 400, errorNum: 10)
    }

    func testListIncludesThePrimaryIndex() throws {
        let api = try harness()
        api.send(.post, "/_api/index?collection=c", json: ["type": "persistent", "fields": ["a"]])
        let reply = api.send(.get, "/_api/index?collection=c")
        assertSuccess(reply, status: 200)
        let indexes = try XCTUnwrap(reply.json["indexes"].arrayValue)
        XCTAssertEqual(indexes.count, 2)
        XCTAssertEqual(indexes[0]["id"], "c/0")
        XCTAssertEqual(indexes[0]["type"], "primary")
        let id = try XCTUnwrap(indexes[1]["id"].stringValue)
        XCTAssertEqual(reply.json["identifiers"][id]["type"], "persistent")
    }

    func testGetAndDeleteByNameOrID() throws {
        let api = try harness()
        let created = api.send(.post, "/_api/index?collection=c", json: ["type": "persistent", "fields": ["a"], "name": "by_a"]).json
        let id = try XCTUnwrap(created["id"].stringValue)
        let number = String(id.split(separator: "/")[1])
        XCTAssertEqual(api.send(.get, "/_api/index/c/by_a").json["id"], .string(id))
        XCTAssertEqual(api.send(.get, "/_api/index/c/\(number)").json["name"], "by_a")
        let dropped = api.send(.delete, "/_api/index/c/by_a")
        assertSuccess(dropped, status: 200)
        XCTAssertEqual(dropped.json["id"], .string(id))
        assertError(api.send(.delete, "/_api/index/c/by_a"), status: 404, errorNum: 1212)
        assertError(api.send(.get, "/_api/index/c/\(number)"), status: 404, errorNum: 1212)
        assertError(api.send(.delete, "/_api/index/c/0"), status: 403, errorNum: 11)
    }

    func testCollectionErrors() throws {
        let api = try harness()
        assertError(api.send(.get, "/_api/index"), status: 400, errorNum: 1204)
        assertError(api.send(.get, "/_api/index?collection=none"), status: 404, errorNum: 1203)
        assertError(api.send(.post, "/_api/index?collection=none", json: ["type": "hash", "fields": ["a"]]), status: 404, errorNum: 1203)
    }

    func testUniqueViolationsAre1210() throws {
        let api = try harness()
        api.send(.post, "/_api/index?collection=c", json: ["type": "hash", "fields": ["email"], "unique": true])
        api.send(.post, "/_api/document/c", json: ["email": "a@b"])
        assertError(api.send(.post, "/_api/document/c", json: ["email": "a@b"]), status: 409, errorNum: 1210)
    }
}
