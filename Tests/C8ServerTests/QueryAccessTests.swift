import C8Core
import C8Engine
@testable import C8Server
import XCTest

/// Queries run with the caller's collection rights, on every route that
/// runs C8QL: what the collection routes refuse, a query refuses the same
/// way (404 1203 for `none`, 403 errorNum 11 for writing `ro`).
final class QueryAccessTests: XCTestCase {
    private var api: AuthAPIHarness!
    private var auth = ""

    /// Collections `open` (ro by the fabric default), `writable` (rw) and
    /// `hidden` (none, with a document); key k1 with `ro` on `_system`.
    override func setUpWithError() throws {
        api = try AuthAPIHarness()
        for name in ["open", "writable", "hidden"] {
            XCTAssertLessThan(api.admin(.post, "/_api/collection", body: #"{"name": "\#(name)"}"#).status, 300)
        }
        XCTAssertLessThan(api.admin(.post, "/_api/document/hidden", body: #"{"_key": "secret"}"#).status, 300)
        auth = "apikey " + api.createKey("k1")
        for (path, grant) in [("", "ro"), ("/collection/writable", "rw"), ("/collection/hidden", "none")] {
            assertSuccess(api.admin(.put, "/_api/key/k1/database/_system" + path, body: #"{"grant": "\#(grant)"}"#), status: 200)
        }
    }

    private func cursor(_ query: String, bind: String = "{}") -> APIReply {
        api.send(.post, "/_fabric/_system/_api/cursor", body: #"{"query": "\#(query)", "bindVars": \#(bind)}"#, authorization: auth)
    }

    func testCursorsReadWhatTheCallerMayRead() {
        XCTAssertEqual(cursor("FOR d IN open RETURN d").status, 201)
        assertError(cursor("FOR d IN hidden RETURN d"), status: 404, errorNum: 1203)
        assertError(cursor("FOR d IN @@c RETURN d", bind: #"{"@c": "hidden"}"#), status: 404, errorNum: 1203)
        assertError(cursor("WITH hidden RETURN 1"), status: 404, errorNum: 1203)
        let found = cursor("RETURN [DOCUMENT('hidden/secret'), 'hidden' IN COLLECTIONS()[*].name]")
        XCTAssertEqual(found.json["result"], [[.null, false]], "a hidden collection's documents do not exist for the caller")
        XCTAssertEqual(api.admin(.post, "/_api/cursor", body: #"{"query": "RETURN DOCUMENT('hidden/secret')._key"}"#).json["result"], ["secret"])
    }

    func testCursorsWriteOnlyWhereTheCallerMayWrite() throws {
        assertError(cursor("INSERT {_key: 'q'} INTO open"), status: 403, errorNum: 11)
        assertError(cursor("FOR d IN open REMOVE d IN open"), status: 403, errorNum: 11)
        assertError(cursor("INSERT {_key: 'q'} INTO hidden"), status: 404, errorNum: 1203)
        XCTAssertEqual(cursor("FOR d IN open INSERT d INTO writable").status, 201)
        XCTAssertEqual(cursor("INSERT {_key: 'q'} INTO writable RETURN NEW._key").json["result"], ["q"])
        XCTAssertEqual(try api.engine.fabric().collection("hidden").count, 1)
    }

    func testNamedGraphsNeedEveryCollectionOfTheirs() {
        let graph = #"{"name": "g", "edgeDefinitions": [{"collection": "links", "from": ["open"], "to": ["hidden"]}]}"#
        XCTAssertLessThan(api.admin(.post, "/_api/graph", body: graph).status, 300)
        assertError(cursor("FOR v IN 1 OUTBOUND 'open/a' GRAPH 'g' RETURN v"), status: 404, errorNum: 1203)
    }

    func testExportExplainAndSavedQueriesApplyTheSameRights() {
        let export = api.send(.post, "/_api/export", body: #"{"query": "FOR d IN hidden RETURN d"}"#, authorization: auth)
        assertError(export, status: 404, errorNum: 1203)
        let explain = api.send(.post, "/_api/query/explain", body: #"{"query": "FOR d IN hidden RETURN d"}"#, authorization: auth)
        assertError(explain, status: 404, errorNum: 1203)

        for (name, value) in [("reader", "FOR d IN open RETURN d"), ("writer", "INSERT {x: 1} INTO open")] {
            let body = #"{"query": {"name": "\#(name)", "value": "\#(value)"}}"#
            XCTAssertEqual(api.admin(.post, "/_api/restql", body: body).status, 201)
        }
        XCTAssertEqual(api.send(.post, "/_api/restql/execute/reader", body: "{}", authorization: auth).status, 201)
        assertError(api.send(.post, "/_api/restql/execute/writer", body: "{}", authorization: auth), status: 403, errorNum: 11)
    }

    func testListingsHideWhatTheCallerHasNoAccessTo() {
        let names = (api.send(.get, "/_api/collection", authorization: auth).json["result"].arrayValue ?? []).compactMap { $0["name"].stringValue }
        XCTAssertTrue(names.contains("open") && names.contains("writable"), "\(names)")
        XCTAssertFalse(names.contains("hidden"), "\(names)")
        let all = (api.admin(.get, "/_api/collection").json["result"].arrayValue ?? []).compactMap { $0["name"].stringValue }
        XCTAssertTrue(all.contains("hidden"), "admins list everything")

        XCTAssertLessThan(api.admin(.post, "/_api/database", body: #"{"name": "other"}"#).status, 300)
        XCTAssertEqual(api.send(.get, "/_api/database", authorization: auth).json["result"], ["_system"], "only fabrics the key may read")
        let described = api.send(.get, "/_api/database/user", authorization: auth).json["result"].arrayValue ?? []
        XCTAssertEqual(described.compactMap { $0["name"].stringValue }, ["_system"])
    }
}
