import C8Core
import C8Engine
@testable import C8Server
import XCTest

final class ImportExportRoutesTests: XCTestCase {
    func testImportAsPyC8SendsIt() throws {
        let api = try APIHarness()
        try api.fabric.createCollection("c")
        let body = #"{"data": [{"_key": "1", "val": 1}, {"_key": "2", "val": 2}, {"_key": "1", "val": 3}], "details": true, "replace": false}"#
        let reply = api.send(.post, "/_fabric/_system/_api/import/c", body: body)
        assertSuccess(reply, status: 200)
        let result = reply.json["result"]
        XCTAssertEqual(result["created"], 2)
        XCTAssertEqual(result["errors"], 1)
        XCTAssertEqual(result["unprocessed"], 0)
        XCTAssertEqual(result["details"]["errors"].arrayValue?.count, 1)
        XCTAssertEqual(result["details"]["unprocessed"], [])

        let replaced = api.send(.post, "/_api/import/c", body: #"{"data": [{"_key": "1", "val": 9}], "details": false, "replace": true}"#).json["result"]
        XCTAssertEqual(replaced["updated"], 1)
        XCTAssertEqual(replaced["errors"], 0)
        XCTAssertTrue(replaced["details"].isNull)
        XCTAssertEqual(try api.fabric.collection("c").document("1")?["val"], 9)

        let keyed = api.send(.post, "/_api/import/c", json: ["data": [["id": 7, "x": 1]], "primaryKey": "id"]).json["result"]
        XCTAssertEqual(keyed["created"], 1)
        XCTAssertNotNil(try api.fabric.collection("c").document("7"))
        assertError(api.send(.post, "/_api/import/none", json: ["data": []]), status: 404, errorNum: 1203)
    }

    func testExportACollection() throws {
        let api = try APIHarness()
        let collection = try api.fabric.createCollection("c")
        for n in 1...6 { try collection.insert(["_key": .string(String(n)), "val": .int(Int64(n))]) }
        let all = api.send(.get, "/_fabric/_system/_api/export/c")
        assertSuccess(all, status: 200)
        XCTAssertEqual(all.json["result"].arrayValue?.count, 6)
        XCTAssertEqual(all.json["result"][0].objectValue?.keys, ["_key", "val"], "no _id or _rev in exports")
        XCTAssertEqual(api.send(.get, "/_api/export/c?limit=0").json["result"].arrayValue?.count, 6)
        XCTAssertEqual(api.send(.get, "/_api/export/c?limit=3").json["result"].arrayValue?.map { $0["_key"] }, ["1", "2", "3"])
        XCTAssertEqual(api.send(.get, "/_api/export/c?offset=3").json["result"].arrayValue?.map { $0["_key"] }, ["4", "5", "6"])
        XCTAssertEqual(api.send(.get, "/_api/export/c?offset=4&order=desc").json["result"].arrayValue?.map { $0["_key"] }, ["2", "1"])
    }

    func testExportAQueryButNeverAWrite() throws {
        let api = try APIHarness()
        let collection = try api.fabric.createCollection("c")
        try collection.insert(["_key": "1", "val": 1])
        let reply = api.send(.post, "/_api/export", body: #"{"query": "FOR d IN @@c RETURN d.val", "bindVars": {"@c": "c"}}"#)
        assertSuccess(reply, status: 200)
        XCTAssertEqual(reply.json["result"], [1])
        for (query, keyword) in [("REMOVE \"1\" IN c", "remove"), ("INSERT {} INTO c", "insert"), ("FOR d IN c UPDATE d WITH {a: 1} IN c", "update")] {
            let refused = api.send(.post, "/_api/export", json: ["query": .string(query)])
            assertError(refused, status: 400, errorNum: 10)
            XCTAssertEqual(refused.json["errorMessage"], .string("Export \"query\" cannot contain \"\(keyword)\" keyword."))
        }
        // Nor in a subquery, nor into a collection given as @@ parameter.
        for body in [#"{"query": "RETURN (FOR d IN c REMOVE d IN c RETURN 1)"}"#,
                     #"{"query": "LET x = (INSERT {} INTO @@t) RETURN 1", "bindVars": {"@t": "c"}}"#] {
            assertError(api.send(.post, "/_api/export", body: body), status: 400, errorNum: 10)
        }
        XCTAssertEqual(try api.fabric.collection("c").count, 1)
    }
}
