import C8Core
import C8Engine
@testable import C8Server
import XCTest

final class CollectionRoutesTests: XCTestCase {
    /// The body pyC8's `create_collection` sends (C8-PROTOCOL.md §5).
    static let pyC8Create = #"{"name": "users", "waitForSync": false, "keyOptions": {"type": "autoincrement", "allowUserKeys": true, "increment": 5, "offset": 10}, "type": 2, "isSpot": false, "strongConsistency": false, "isLocal": true, "isSystem": false, "stream": true}"#

    func testCreateWithPyC8sBodyThenList() throws {
        let api = try APIHarness()
        let created = api.send(.post, "/_fabric/_system/_api/collection?waitForSyncReplication=1&enforceReplicationFactor=0", body: Self.pyC8Create)
        assertSuccess(created, status: 200)
        let body = created.json
        XCTAssertEqual(body["name"], "users")
        XCTAssertEqual(body["type"], 2)
        XCTAssertEqual(body["status"], 3)
        XCTAssertEqual(body["isLocal"], true)
        XCTAssertEqual(body["hasStream"], true)
        XCTAssertEqual(body["isSpot"], false)
        XCTAssertEqual(body["strongConsistency"], false)
        XCTAssertEqual(body["collectionModel"], "DOC")
        XCTAssertEqual(body["keyOptions"]["type"], "autoincrement")
        XCTAssertEqual(body["keyOptions"]["increment"], 5)
        XCTAssertNotNil(body["id"].stringValue)

        let list = api.send(.get, "/_fabric/_system/_api/collection")
        assertSuccess(list, status: 200)
        let entry = try XCTUnwrap(list.json["result"].arrayValue?.first { $0["name"] == "users" })
        for field in ["id", "name", "isSystem", "type", "status", "collectionModel", "isSpot", "strongConsistency"] {
            XCTAssertFalse(entry[field].isNull, "list entries carry \(field)")
        }
    }

    func testEdgeSpotAndSystemCollections() throws {
        let api = try APIHarness()
        XCTAssertEqual(api.send(.post, "/_api/collection", json: ["name": "knows", "type": 3]).json["type"], 3)
        XCTAssertEqual(api.send(.post, "/_api/collection", json: ["name": "spot", "isSpot": true]).json["strongConsistency"], true)
        XCTAssertEqual(api.send(.post, "/_api/collection", json: ["name": "_sys", "isSystem": true]).json["isSystem"], true)
        let names = api.send(.get, "/_api/collection?excludeSystem=True").json["result"].arrayValue?.compactMap { $0["name"].stringValue }
        XCTAssertEqual(names, ["knows", "spot"])
    }

    func testCreateErrors() throws {
        let api = try APIHarness()
        api.send(.post, "/_api/collection", json: ["name": "c"])
        assertError(api.send(.post, "/_api/collection", json: ["name": "c"]), status: 409, errorNum: 1207)
        assertError(api.send(.post, "/_api/collection", json: ["name": "9c"]), status: 400, errorNum: 1208)
        assertError(api.send(.post, "/_api/collection", json: ["name": "t", "type": 7]), status: 400, errorNum: 1218)
        assertError(api.send(.post, "/_api/collection", json: ["type": 2]), status: 400, errorNum: 10)
        assertError(api.send(.post, "/_api/collection", json: ["name": "sl", "isSpot": true, "isLocal": true]), status: 400, errorNum: 10)
        assertError(api.send(.post, "/_api/collection", body: "[1]"), status: 400, errorNum: 10)
    }

    func testDescribeCountFiguresPropertiesTruncate() throws {
        let api = try APIHarness()
        let collection = try api.fabric.createCollection("c")
        try collection.insert(["a": 1])
        try collection.insert(["a": 2])
        XCTAssertEqual(api.send(.get, "/_api/collection/c").json["name"], "c")
        let count = api.send(.get, "/_api/collection/c/count")
        assertSuccess(count, status: 200)
        XCTAssertEqual(count.json["count"], 2)
        let figures = api.send(.get, "/_api/collection/c/figures").json
        XCTAssertEqual(figures["figures"]["alive"]["count"], 2)
        let properties = api.send(.put, "/_api/collection/c/properties", body: #"{"hasStream": true, "waitForSync": "True"}"#)
        assertSuccess(properties, status: 200)
        XCTAssertEqual(properties.json["hasStream"], true)
        XCTAssertEqual(properties.json["waitForSync"], true)
        XCTAssertEqual(api.send(.get, "/_api/collection/c/properties").json["waitForSync"], true)
        assertSuccess(api.send(.put, "/_api/collection/c/truncate"), status: 200)
        XCTAssertEqual(api.send(.get, "/_api/collection/c/count").json["count"], 0)
        for path in ["/_api/collection/x", "/_api/collection/x/count", "/_api/collection/x/figures", "/_api/collection/x/properties"] {
            assertError(api.send(.get, path), status: 404, errorNum: 1203)
        }
    }

    func testRenameAndDrop() throws {
        let api = try APIHarness()
        try api.fabric.createCollection("old")
        let renamed = api.send(.put, "/_api/collection/old/rename", json: ["name": "new"])
        assertSuccess(renamed, status: 200)
        XCTAssertEqual(renamed.json["name"], "new")
        assertError(api.send(.get, "/_api/collection/old"), status: 404, errorNum: 1203)
        let id = api.send(.get, "/_api/collection/new").json["id"]
        let dropped = api.send(.delete, "/_api/collection/new")
        assertSuccess(dropped, status: 200)
        XCTAssertEqual(dropped.json["id"], id)
        assertError(api.send(.delete, "/_api/collection/new"), status: 404, errorNum: 1203)
    }

    func testSystemCollectionsDropOnlyWhenAsked() throws {
        let api = try APIHarness()
        api.send(.post, "/_api/collection", json: ["name": "_sys", "isSystem": true])
        assertError(api.send(.delete, "/_api/collection/_sys"), status: 403, errorNum: 11)
        assertSuccess(api.send(.delete, "/_api/collection/_sys?isSystem=1"), status: 200)
    }
}
