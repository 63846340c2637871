import C8Core
import C8Engine
@testable import C8Server
import XCTest

final class KeyValueRoutesTests: XCTestCase {
    private let base = "/_fabric/_system/_api/kv"

    func testCollectionsLifecycleAsPyC8DrivesIt() throws {
        let api = try APIHarness()
        let created = api.send(.post, base + "/cache?expiration=False", body: "")
        assertSuccess(created, status: 200)
        XCTAssertEqual(created.json["name"], "cache", "pyC8 checks that name equals the requested one")
        api.send(.post, base + "/expiring?expiration=True")
        let list = api.send(.get, base)
        assertSuccess(list, status: 200)
        XCTAssertEqual(list.json["result"], [["name": "cache", "expiration": false], ["name": "expiring", "expiration": true]])
        assertError(api.send(.post, base + "/cache"), status: 409, errorNum: 1207)

        let dropped = api.send(.delete, base + "/cache")
        assertSuccess(dropped, status: 200)
        XCTAssertEqual(dropped.json["name"], "cache")
        assertError(api.send(.delete, base + "/cache"), status: 404, errorNum: 101000)
        try api.fabric.createCollection("docs")
        assertError(api.send(.get, base + "/docs/count"), status: 404, errorNum: 101000)
    }

    func testPairs() throws {
        let api = try APIHarness()
        api.send(.post, base + "/kv1")
        let set = api.send(.put, base + "/kv1/value", body: #"[{"_key": "1", "value": "foo"}, {"_key": "2", "value": "bar"}, {"_key": "3", "value": {"n": 3}}, {"value": "no key"}]"#)
        XCTAssertEqual(set.status, 202)
        let items = try XCTUnwrap(set.json.arrayValue)
        XCTAssertEqual(items.map { $0["_id"] }, ["kv1/1", "kv1/2", "kv1/3", .null])
        XCTAssertEqual(items[3]["errorNum"], 1226)

        let one = api.send(.get, base + "/kv1/value/1")
        XCTAssertEqual(one.status, 200)
        XCTAssertEqual(one.json["_key"], "1")
        XCTAssertEqual(one.json["value"], "foo")
        XCTAssertNotNil(one.json["_rev"].stringValue)
        XCTAssertNil(one.json.objectValue?["expireAt"], "no expireAt for pairs that never expire")
        assertError(api.send(.get, base + "/kv1/value/none"), status: 404, errorNum: 1202)

        let count = api.send(.get, base + "/kv1/count")
        assertSuccess(count, status: 200)
        XCTAssertEqual(count.json["count"], 3)
        XCTAssertEqual(count.json["name"], "kv1")

        XCTAssertEqual(api.send(.get, base + "/kv1/keys").json["result"], ["1", "2", "3"])
        XCTAssertEqual(api.send(.get, base + "/kv1/keys?offset=1&limit=1&order=desc").json["result"], ["2"])
        assertError(api.send(.get, base + "/kv1/keys?order=sideways"), status: 400, errorNum: 10)

        let values = api.send(.post, base + "/kv1/values?offset=1&limit=1", body: "")
        assertSuccess(values, status: 200)
        XCTAssertEqual(values.json["result"], [["_key": "2", "value": "bar", "expireAt": .null]])
        XCTAssertEqual(api.send(.post, base + "/kv1/values", body: #"["3", "none"]"#).json["result"][0]["value"]["n"], 3)

        let removed = api.send(.delete, base + "/kv1/value/3")
        XCTAssertEqual(removed.status, 202)
        XCTAssertEqual(removed.json["_key"], "3", "pyC8 checks _key == key")
        assertError(api.send(.delete, base + "/kv1/value/3"), status: 404, errorNum: 1202)

        let many = api.send(.delete, base + "/kv1/values", body: #"[{"_key": "1"}, "2", "none"]"#)
        XCTAssertEqual(many.status, 202)
        XCTAssertEqual(many.json[0]["_key"], "1")
        XCTAssertEqual(many.json[1]["_key"], "2")
        XCTAssertEqual(many.json[2]["errorNum"], 1202)
        XCTAssertEqual(api.send(.get, base + "/kv1/count").json["count"], 0)

        api.send(.put, base + "/kv1/value", json: [["_key": "a", "value": 1]])
        assertSuccess(api.send(.put, base + "/kv1/truncate"), status: 200)
        XCTAssertEqual(api.send(.get, base + "/kv1/count").json["count"], 0)
    }

    func testExpiredPairsAreGone() throws {
        let api = try APIHarness()
        api.send(.post, base + "/ttl?expiration=true")
        api.send(.put, base + "/ttl/value", json: [["_key": "old", "value": 1, "expireAt": 1], ["_key": "new", "value": 2, "expireAt": 4_000_000_000]])
        assertError(api.send(.get, base + "/ttl/value/old"), status: 404, errorNum: 1202)
        XCTAssertEqual(api.send(.get, base + "/ttl/value/new").json["expireAt"], 4_000_000_000)
        XCTAssertEqual(api.send(.get, base + "/ttl/count").json["count"], 1)
    }
}
