import C8Core
import C8Engine
@testable import C8Server
import XCTest

final class GraphRoutesTests: XCTestCase {
    private let create = #"{"name": "social", "edgeDefinitions": [{"collection": "knows", "from": ["persons"], "to": ["persons"]}], "orphanCollections": ["places"]}"#

    func testGraphLifecycle() throws {
        let api = try APIHarness()
        let created = api.send(.post, "/_fabric/_system/_api/graph", body: create)
        assertSuccess(created, status: 202)
        let graph = created.json["graph"]
        XCTAssertEqual(graph["_id"], "_graphs/social")
        XCTAssertEqual(graph["_key"], "social")
        XCTAssertEqual(graph["name"], "social")
        XCTAssertNotNil(graph["_rev"].stringValue)
        XCTAssertEqual(graph["edgeDefinitions"][0]["collection"], "knows")
        XCTAssertEqual(graph["edgeDefinitions"][0]["from"], ["persons"])
        XCTAssertEqual(graph["orphanCollections"], ["places"])
        XCTAssertEqual(graph["numberOfShards"], 1)
        XCTAssertEqual(graph["replicationFactor"], 1)
        XCTAssertTrue(try api.fabric.hasCollection("knows"))

        let list = api.send(.get, "/_api/graph")
        assertSuccess(list, status: 200)
        XCTAssertEqual(list.json["graphs"].arrayValue?.map { $0["_key"] }, ["social"])
        XCTAssertEqual(api.send(.get, "/_api/graph/social").json["graph"]["name"], "social")

        XCTAssertEqual(api.send(.get, "/_api/graph/social/vertex").json["collections"], ["persons", "places"])
        XCTAssertEqual(api.send(.get, "/_api/graph/social/edge").json["collections"], ["knows"])

        assertError(api.send(.post, "/_api/graph", body: create), status: 409, errorNum: 1925)
        let dropped = api.send(.delete, "/_api/graph/social?dropCollections=True")
        assertSuccess(dropped, status: 202)
        XCTAssertEqual(dropped.json["removed"], true)
        XCTAssertFalse(try api.fabric.hasCollection("knows"))
        assertError(api.send(.get, "/_api/graph/social"), status: 404, errorNum: 1924)
        assertError(api.send(.delete, "/_api/graph/social"), status: 404, errorNum: 1924)
    }

    func testVertexCollectionsAndEdgeDefinitions() throws {
        let api = try APIHarness()
        api.send(.post, "/_api/graph", body: create)
        let added = api.send(.post, "/_api/graph/social/vertex", json: ["collection": "things"])
        assertSuccess(added, status: 202)
        XCTAssertEqual(added.json["graph"]["orphanCollections"], ["places", "things"])
        let removed = api.send(.delete, "/_api/graph/social/vertex/things?dropCollection=1")
        XCTAssertEqual(removed.json["graph"]["orphanCollections"], ["places"])
        XCTAssertFalse(try api.fabric.hasCollection("things"))

        let edge = api.send(.post, "/_api/graph/social/edge", json: ["collection": "visited", "from": ["persons"], "to": ["places"]])
        assertSuccess(edge, status: 202)
        XCTAssertEqual(edge.json["graph"]["edgeDefinitions"].arrayValue?.count, 2)
        XCTAssertEqual(edge.json["graph"]["orphanCollections"], [], "places became part of an edge definition")
        let replaced = api.send(.put, "/_api/graph/social/edge/visited", json: ["collection": "visited", "from": ["places"], "to": ["persons"]])
        XCTAssertEqual(replaced.json["graph"]["edgeDefinitions"][1]["from"], ["places"])
        assertError(api.send(.put, "/_api/graph/social/edge/visited", json: ["collection": "other", "from": ["a"], "to": ["b"]]),
                    status: 400, errorNum: 1923)
        let without = api.send(.delete, "/_api/graph/social/edge/visited?dropCollection=0")
        XCTAssertEqual(without.json["graph"]["edgeDefinitions"].arrayValue?.count, 1)
        XCTAssertTrue(try api.fabric.hasCollection("visited"))
        assertError(api.send(.post, "/_api/graph/social/edge", json: ["collection": "bad"]), status: 400, errorNum: 1923)
    }

    func testVerticesAndEdgesThroughTheGraph() throws {
        let api = try APIHarness()
        api.send(.post, "/_api/graph", body: create)
        let alice = api.send(.post, "/_api/graph/social/vertex/persons?silent=0", json: ["_key": "alice", "age": 30])
        assertSuccess(alice, status: 202)
        XCTAssertEqual(alice.json["vertex"]["_id"], "persons/alice")
        api.send(.post, "/_api/graph/social/vertex/persons", json: ["_key": "bob"])

        let read = api.send(.get, "/_api/graph/social/vertex/persons/alice")
        assertSuccess(read, status: 200)
        XCTAssertEqual(read.json["vertex"]["age"], 30)
        XCTAssertNotNil(read.header("ETag"))

        let updated = api.send(.patch, "/_api/graph/social/vertex/persons/alice?keepNull=1&overwrite=0&silent=0&returnNew=true", json: ["age": 31])
        assertSuccess(updated, status: 202)
        XCTAssertEqual(updated.json["vertex"]["_oldRev"], alice.json["vertex"]["_rev"])
        XCTAssertEqual(updated.json["new"]["age"], 31)
        XCTAssertTrue(updated.json["vertex"]["new"].isNull, "new sits beside vertex")

        let edge = api.send(.post, "/_api/graph/social/edge/knows", json: ["_from": "persons/alice", "_to": "persons/bob"])
        assertSuccess(edge, status: 202)
        let edgeKey = try XCTUnwrap(edge.json["edge"]["_key"].stringValue)
        XCTAssertEqual(api.send(.get, "/_api/graph/social/edge/knows/\(edgeKey)").json["edge"]["_from"], "persons/alice")
        assertError(api.send(.post, "/_api/graph/social/edge/knows", json: ["_from": "persons/alice", "_to": "places/x"]),
                    status: 400, errorNum: 1906)

        let edges = api.send(.get, "/_api/edges/knows?vertex=persons%2Falice&direction=out")
        assertSuccess(edges, status: 200)
        XCTAssertEqual(edges.json["edges"].arrayValue?.count, 1)
        XCTAssertEqual(edges.json["stats"]["scannedIndex"], 1)
        XCTAssertEqual(edges.json["stats"]["filtered"], 0)
        XCTAssertEqual(api.send(.get, "/_api/edges/knows?vertex=persons/alice&direction=in").json["edges"], [])
        assertError(api.send(.get, "/_api/edges/knows"), status: 400, errorNum: 10)

        assertError(api.send(.put, "/_api/graph/social/vertex/persons/bob", json: ["x": 1], headers: [("If-Match", "stale")]),
                    status: 412, errorNum: 1200)
        let removed = api.send(.delete, "/_api/graph/social/vertex/persons/alice?returnOld=true")
        assertSuccess(removed, status: 202)
        XCTAssertEqual(removed.json["removed"], true)
        XCTAssertEqual(removed.json["old"]["age"], 31)
        XCTAssertEqual(try api.fabric.collection("knows").count, 0, "removing a vertex removes its edges")
        assertError(api.send(.get, "/_api/graph/social/vertex/persons/alice"), status: 404, errorNum: 1202)
        assertError(api.send(.get, "/_api/graph/nograph/vertex/persons/bob"), status: 404, errorNum: 1924)
    }
}
