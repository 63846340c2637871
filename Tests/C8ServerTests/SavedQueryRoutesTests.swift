import C8Core
import C8Engine
@testable import C8Server
import XCTest

final class SavedQueryRoutesTests: XCTestCase {
    private func harness() throws -> APIHarness {
        let api = try APIHarness()
        let collection = try api.fabric.createCollection("c")
        for n in 1...3 { try collection.insert(["n": .int(Int64(n))]) }
        return api
    }

    func testCreateListExecuteFetchUpdateDelete() throws {
        let api = try harness()
        let created = api.send(.post, "/_fabric/_system/_api/restql",
                               body: #"{"query": {"name": "q1", "value": "FOR d IN c FILTER d.n >= @min SORT d.n RETURN d.n", "parameter": {"min": 1}}}"#)
        assertSuccess(created, status: 201)
        XCTAssertEqual(created.json["result"]["name"], "q1")
        XCTAssertEqual(created.json["result"]["type"], "c8ql")
        XCTAssertEqual(created.json["result"]["fabric"], "_system")
        XCTAssertEqual(created.json["result"]["tenant"], "c8")
        XCTAssertEqual(created.json["result"]["userid"], "root")
        XCTAssertEqual(created.json["result"]["_key"], "root._system.q1")

        let list = api.send(.get, "/_fabric/_system/_api/restql/user")
        assertSuccess(list, status: 200)
        XCTAssertEqual(list.json["result"].arrayValue?.map { $0["name"] }, ["q1"])
        XCTAssertEqual(list.json["result"][0]["value"], "FOR d IN c FILTER d.n >= @min SORT d.n RETURN d.n")

        let executed = api.send(.post, "/_fabric/_system/_api/restql/execute/q1", json: ["bindVars": ["min": 2], "batchSize": 1])
        assertSuccess(executed, status: 201)
        XCTAssertEqual(executed.json["result"], [2])
        XCTAssertEqual(executed.json["hasMore"], true)
        let id = try XCTUnwrap(executed.json["id"].stringValue)
        let fetched = api.send(.put, "/_fabric/_system/_api/restql/fetch/\(id)")
        assertSuccess(fetched, status: 200)
        XCTAssertEqual(fetched.json["result"], [3])
        XCTAssertEqual(fetched.json["hasMore"], false)
        XCTAssertEqual(api.send(.post, "/_api/restql/execute/q1", body: "{}").json["result"], [1, 2, 3], "saved defaults apply")

        let updated = api.send(.put, "/_api/restql/q1", json: ["query": ["value": "RETURN 42"]])
        assertSuccess(updated, status: 200)
        XCTAssertEqual(updated.json["result"]["value"], "RETURN 42")
        XCTAssertEqual(api.send(.post, "/_api/restql/execute/q1", body: "").json["result"], [42])

        let deleted = api.send(.delete, "/_api/restql/q1")
        assertSuccess(deleted, status: 200)
        assertError(api.send(.post, "/_api/restql/execute/q1", body: "{}"), status: 404, errorNum: 404)
        assertError(api.send(.delete, "/_api/restql/q1"), status: 404, errorNum: 404)
    }

    func testImportAndErrors() throws {
        let api = try harness()
        let imported = api.send(.post, "/_api/restql/import",
                                body: #"{"queries": [{"name": "a", "value": "RETURN 1"}, {"name": "b", "value": "RETURN 2"}, {"name": "bad name", "value": "RETURN 3"}], "details": false}"#)
        assertSuccess(imported, status: 201)
        XCTAssertEqual(imported.json["result"]["created"], 2)
        XCTAssertEqual(imported.json["result"]["errors"], 1)
        assertError(api.send(.post, "/_api/restql", json: ["query": ["name": "a", "value": "RETURN 1"]]), status: 409, errorNum: 1207)
        assertError(api.send(.post, "/_api/restql", json: ["query": ["name": "x", "value": "RETURN ("]]), status: 400, errorNum: 1501)
        assertError(api.send(.post, "/_api/restql/import", json: ["queries": "none"]), status: 400, errorNum: 10)
        assertError(api.send(.put, "/_api/restql/fetch/999"), status: 404, errorNum: 1600)
    }

    func testASavedQueryNamedUserCanBeUpdated() throws {
        let api = try harness()
        api.send(.post, "/_api/restql", json: ["query": ["name": "user", "value": "RETURN 1"]])
        assertSuccess(api.send(.put, "/_api/restql/user", json: ["query": ["value": "RETURN 2"]]), status: 200)
    }
}
