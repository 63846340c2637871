import C8Core
import C8Engine
@testable import C8Server
import XCTest

final class CursorRoutesTests: XCTestCase {
    private func harness(slowQueryThreshold: Double = 10) throws -> APIHarness {
        let api = try APIHarness(slowQueryThreshold: slowQueryThreshold)
        let collection = try api.fabric.createCollection("c")
        for n in 1...5 { try collection.insert(["n": .int(Int64(n))]) }
        return api
    }

    /// What pyC8's `c8ql.execute(query, count=True, batch_size=2, full_count=True)` sends.
    private let pyC8Body = #"{"query": "FOR d IN c SORT d.n RETURN d.n", "count": true, "batchSize": 2, "options": {"fullCount": true}, "fullCount": true}"#

    func testBatchesUntilExhausted() throws {
        let api = try harness()
        let first = api.send(.post, "/_fabric/_system/_api/cursor", body: pyC8Body)
        assertSuccess(first, status: 201)
        XCTAssertEqual(first.json["result"], [1, 2])
        XCTAssertEqual(first.json["hasMore"], true)
        XCTAssertEqual(first.json["count"], 5)
        XCTAssertEqual(first.json["cached"], false)
        XCTAssertFalse(first.json["extra"]["stats"].isNull)
        XCTAssertEqual(first.json["extra"]["warnings"], [])
        let id = try XCTUnwrap(first.json["id"].stringValue)

        let second = api.send(.put, "/_fabric/_system/_api/cursor/\(id)", body: "")
        assertSuccess(second, status: 200)
        XCTAssertEqual(second.json["result"], [3, 4])
        XCTAssertEqual(second.json["id"], .string(id))
        XCTAssertNil(second.header("x-c8-request-forwarded-to"))

        let last = api.send(.put, "/_fabric/_system/_api/cursor/\(id)")
        XCTAssertEqual(last.json["result"], [5])
        XCTAssertEqual(last.json["hasMore"], false)
        XCTAssertTrue(last.json["id"].isNull)
        assertError(api.send(.put, "/_fabric/_system/_api/cursor/\(id)"), status: 404, errorNum: 1600)
        assertError(api.send(.delete, "/_fabric/_system/_api/cursor/\(id)"), status: 404, errorNum: 1600)
    }

    func testAContinuationAtAnotherRegionIsMarkedForwarded() throws {
        let api = try harness()
        let id = try XCTUnwrap(api.send(.post, "/_api/cursor", json: ["query": "FOR d IN c RETURN d", "batchSize": 1]).json["id"].stringValue)
        let next = api.send(.put, "/_api/cursor/\(id)", host: "api-eu-west.c8.test")
        XCTAssertEqual(next.status, 200)
        XCTAssertEqual(next.header("x-c8-request-forwarded-to"), "us-east")
        XCTAssertEqual(next.header("x-gdn-region"), "eu-west.c8.test")
    }

    func testDeleteFreesTheCursorAndOtherTenantsCannotReadIt() throws {
        let api = try harness()
        try api.engine.createTenant("other")
        let id = try XCTUnwrap(api.send(.post, "/_api/cursor", json: ["query": "FOR d IN c RETURN d", "batchSize": 1]).json["id"].stringValue)
        assertError(api.send(.put, "/_tenant/other/_fabric/_system/_api/cursor/\(id)"), status: 404, errorNum: 1600)
        let deleted = api.send(.delete, "/_api/cursor/\(id)")
        assertSuccess(deleted, status: 202)
        XCTAssertEqual(deleted.json["id"], .string(id))
        assertError(api.send(.put, "/_api/cursor/\(id)"), status: 404, errorNum: 1600)
    }

    func testBindVariablesWritesAndErrors() throws {
        let api = try harness()
        let bound = api.send(.post, "/_api/cursor", body: #"{"query": "FOR d IN @@coll FILTER d.n > @min SORT d.n RETURN d.n", "bindVars": {"@coll": "c", "min": 3}}"#)
        XCTAssertEqual(bound.json["result"], [4, 5])
        XCTAssertEqual(bound.json["hasMore"], false)
        XCTAssertTrue(bound.json["count"].isNull, "count only when asked")

        let write = api.send(.post, "/_api/cursor", json: ["query": "INSERT {n: 6} INTO c RETURN NEW.n"])
        XCTAssertEqual(write.json["result"], [6])
        XCTAssertEqual(write.json["extra"]["stats"]["writesExecuted"], 1)

        assertError(api.send(.post, "/_api/cursor", json: ["query": "FOR d IN"]), status: 400, errorNum: 1501)
        assertError(api.send(.post, "/_api/cursor", json: ["query": "  "]), status: 400, errorNum: 1502)
        assertError(api.send(.post, "/_api/cursor", json: ["query": "FOR d IN nowhere RETURN d"]), status: 404, errorNum: 1203)
        assertError(api.send(.post, "/_api/cursor", json: ["query": "RETURN @x"]), status: 400, errorNum: 1551)
        assertError(api.send(.post, "/_api/cursor", json: ["query": "RETURN 1", "batchSize": 0]), status: 400, errorNum: 10)
        assertError(api.send(.post, "/_api/cursor", json: ["query": "RETURN 1", "bindVars": [1]]), status: 400, errorNum: 1550)
        assertError(api.send(.post, "/_api/cursor/sql", json: ["query": "SELECT 1"]), status: 501, errorNum: 501)
    }

    func testValidateAndExplain() throws {
        let api = try harness()
        assertError(api.send(.post, "/_fabric/_system/_api/query", body: #"{"query": "INVALID QUERY"}"#), status: 400, errorNum: 1501)
        let valid = api.send(.post, "/_fabric/_system/_api/query", body: #"{"query": "FOR d IN c FILTER d.n == @n RETURN d"}"#)
        assertSuccess(valid, status: 200)
        XCTAssertEqual(valid.json["parsed"], true)
        XCTAssertEqual(valid.json["collections"], ["c"])
        XCTAssertEqual(valid.json["bindVars"], ["n"])

        let explained = api.send(.post, "/_api/query/explain", json: ["query": "FOR d IN c RETURN d"])
        assertSuccess(explained, status: 200)
        XCTAssertNotNil(explained.json["plan"]["nodes"].arrayValue)
        let all = api.send(.post, "/_api/query/explain", json: ["query": "FOR d IN c RETURN d", "options": ["allPlans": true]])
        XCTAssertEqual(all.json["plans"].arrayValue?.count, 1)
        XCTAssertTrue(all.json["plan"].isNull)
    }

    func testRunningSlowAndKill() throws {
        let api = try harness(slowQueryThreshold: 0)
        XCTAssertEqual(api.send(.get, "/_api/query/current").json, [])
        api.send(.post, "/_api/cursor", json: ["query": "FOR d IN c RETURN d"])
        let slow = api.send(.get, "/_api/query/slow")
        XCTAssertEqual(slow.status, 200)
        XCTAssertEqual(slow.json[0]["query"], "FOR d IN c RETURN d")
        XCTAssertEqual(slow.json[0]["state"], "finished")
        XCTAssertEqual(slow.json.arrayValue?.count, 1)

        let cursor = api.send(.post, "/_api/cursor", json: ["query": "FOR d IN c RETURN d", "batchSize": 2]).json
        XCTAssertEqual(api.send(.get, "/_api/query/slow").json.arrayValue?.count, 1, "a query counts once it finished")
        var id = cursor["id"].stringValue
        while let next = id { id = api.send(.put, "/_api/cursor/\(next)").json["id"].stringValue }
        XCTAssertEqual(api.send(.get, "/_api/query/slow").json.arrayValue?.count, 2)

        try api.engine.defaultTenant.createFabric("f1")
        XCTAssertEqual(api.send(.get, "/_fabric/f1/_api/query/slow").json, [], "slow queries are per fabric")
        assertSuccess(api.send(.delete, "/_api/query/slow"), status: 200)
        XCTAssertEqual(api.send(.get, "/_api/query/slow").json, [])

        let properties = api.send(.put, "/_api/query/properties", json: ["slowQueryThreshold": 5, "maxSlowQueries": 3])
        XCTAssertEqual(properties.json["slowQueryThreshold"], 5)
        XCTAssertEqual(properties.json["maxSlowQueries"], 3)
        api.send(.post, "/_api/cursor", json: ["query": "FOR d IN c RETURN d"])
        XCTAssertEqual(api.send(.get, "/_api/query/slow").json, [], "below the new threshold")

        assertError(api.send(.delete, "/_api/query/12345"), status: 404, errorNum: 1591)
    }
}
