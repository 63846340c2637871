import C8Core
import C8Engine
import XCTest

final class GraphTests: EngineTestCase {
    private func social() throws -> (Fabric, GraphStore) {
        let fabric = try makeEngine().fabric()
        let graphs = fabric.graphs
        try graphs.create(try GraphDefinition(json: [
            "name": "social",
            "edgeDefinitions": [["collection": "knows", "from": ["users"], "to": ["users"]]],
            "orphanCollections": ["cities"],
        ]))
        return (fabric, graphs)
    }

    func testCreateMakesCollectionsAndRejectsDuplicates() throws {
        let (fabric, graphs) = try social()
        XCTAssertEqual(try fabric.collection("knows").type, .edge)
        XCTAssertEqual(try fabric.collection("users").type, .document)
        XCTAssertTrue(fabric.hasCollection("cities"))
        let graph = try graphs.graph("social")
        XCTAssertEqual(graph.vertexCollections, ["cities", "users"])
        XCTAssertEqual(graph.json["_id"], "_graphs/social")
        XCTAssertFalse(graph.rev.isEmpty)
        assertError(.graphDuplicate) { try graphs.create(GraphDefinition(name: "social", edgeDefinitions: [])) }
        assertError(.graphNotFound) { try graphs.graph("nope") }
        assertError(.graphCreateMalformedEdgeDefinition) { try GraphDefinition(json: ["name": "x", "edgeDefinitions": [["collection": "e"]]]) }
        // The same edge collection with other vertex collections in another graph: 1921.
        assertError(.graphCollectionUseInMultiGraphs) {
            try graphs.create(GraphDefinition(name: "other", edgeDefinitions: [EdgeDefinition(collection: "knows", from: ["cities"], to: ["users"])]))
        }
        // A document collection cannot serve as an edge collection.
        assertError(.collectionTypeMismatch) {
            try graphs.create(GraphDefinition(name: "bad", edgeDefinitions: [EdgeDefinition(collection: "cities", from: ["users"], to: ["users"])]))
        }
    }

    func testEdgesMustFitTheDefinitionAndVertices() throws {
        let (_, graphs) = try social()
        try graphs.insertVertex("social", collection: "users", ["_key": "a"])
        try graphs.insertVertex("social", collection: "users", ["_key": "b"])
        try graphs.insertVertex("social", collection: "cities", ["_key": "zrh"])
        XCTAssertNoThrow(try graphs.insertEdge("social", collection: "knows", ["_from": "users/a", "_to": "users/b"]))
        assertError(.graphInvalidEdge) { try graphs.insertEdge("social", collection: "knows", ["_from": "users/a", "_to": "cities/zrh"]) }
        assertError(.documentNotFound) { try graphs.insertEdge("social", collection: "knows", ["_from": "users/a", "_to": "users/ghost"]) }
        assertError(.invalidEdgeAttribute) { try graphs.insertEdge("social", collection: "knows", ["_from": "a", "_to": "users/b"]) }
        assertError(.graphEdgeCollectionNotUsed) { try graphs.insertEdge("social", collection: "users", ["_from": "users/a", "_to": "users/b"]) }
        assertError(.graphVertexCollectionDoesNotExist) { try graphs.insertVertex("social", collection: "knows", ["x": 1]) }
    }

    func testRemovingAVertexRemovesItsEdges() throws {
        let (fabric, graphs) = try social()
        for k in ["a", "b", "c"] { try graphs.insertVertex("social", collection: "users", ["_key": .string(k)]) }
        try graphs.insertEdge("social", collection: "knows", ["_key": "ab", "_from": "users/a", "_to": "users/b"])
        try graphs.insertEdge("social", collection: "knows", ["_key": "ca", "_from": "users/c", "_to": "users/a"])
        try graphs.insertEdge("social", collection: "knows", ["_key": "bc", "_from": "users/b", "_to": "users/c"])
        try graphs.removeVertex("social", collection: "users", key: "a")
        let knows = try fabric.collection("knows")
        XCTAssertEqual(knows.count, 1)
        XCTAssertNotNil(try knows.document("bc"))
    }

    func testChangingDefinitions() throws {
        let (fabric, graphs) = try social()
        var graph = try graphs.addEdgeDefinition("social", EdgeDefinition(collection: "livesIn", from: ["users"], to: ["cities"]))
        XCTAssertEqual(graph.edgeCollections, ["knows", "livesIn"])
        XCTAssertEqual(graph.orphanCollections, [], "cities is now used by an edge definition")
        assertError(.graphCollectionMultiUse) { try graphs.addEdgeDefinition("social", EdgeDefinition(collection: "knows", from: ["users"], to: ["users"])) }
        graph = try graphs.removeEdgeDefinition("social", "livesIn", dropCollection: true)
        XCTAssertEqual(graph.orphanCollections, ["cities"])
        XCTAssertFalse(fabric.hasCollection("livesIn"))
        graph = try graphs.addVertexCollection("social", "places")
        XCTAssertTrue(graph.orphanCollections.contains("places"))
        assertError(.graphCollectionUsedInEdgeDefinition) { try graphs.addVertexCollection("social", "users") }
        assertError(.graphNotInOrphanCollection) { try graphs.removeVertexCollection("social", "users") }
        graph = try graphs.removeVertexCollection("social", "places", dropCollection: true)
        XCTAssertFalse(fabric.hasCollection("places"))
        graph = try graphs.replaceEdgeDefinition("social", EdgeDefinition(collection: "knows", from: ["users"], to: ["users", "cities"]))
        XCTAssertEqual(graph.edgeDefinition("knows")?.to, ["cities", "users"])
        XCTAssertEqual(graph.orphanCollections, [], "cities is used again")
        // Replacing it with one that no longer reaches cities keeps cities
        // in the graph, as an orphan (ArangoDB's replaceEdgeDefinition).
        graph = try graphs.replaceEdgeDefinition("social", EdgeDefinition(collection: "knows", from: ["users"], to: ["users"]))
        XCTAssertEqual(graph.orphanCollections, ["cities"])
        XCTAssertEqual(graph.vertexCollections, ["cities", "users"])
        graph = try graphs.removeVertexCollection("social", "cities")
        XCTAssertEqual(graph.vertexCollections, ["users"])
        try graphs.drop("social", dropCollections: true)
        XCTAssertFalse(fabric.hasCollection("knows"))
        XCTAssertFalse(fabric.hasCollection("users"))
        XCTAssertEqual(try graphs.graphs().count, 0)
    }
}

final class KeyValueTests: EngineTestCase {
    func testSetGetKeysValuesCountAndRemove() throws {
        let fabric = try makeEngine().fabric()
        let store = try fabric.createKeyValueCollection("sessions")
        let results = try store.set([KeyValuePair(key: "b", value: 2), KeyValuePair(key: "a", value: ["x": 1]), KeyValuePair(key: "c", value: "three")])
        XCTAssertTrue(results.allSatisfy { (try? $0.get()) != nil })
        let replaced = try store.set([KeyValuePair(key: "a", value: 10)])
        XCTAssertNotNil(try replaced[0].get().oldRev)
        XCTAssertEqual(try store.get("a")?.value, 10)
        XCTAssertEqual(try store.get("a")?.json, ["_key": "a", "value": 10, "expireAt": -1])
        XCTAssertEqual(try store.keys(), ["a", "b", "c"])
        XCTAssertEqual(try store.keys(offset: 1, limit: 1), ["b"])
        XCTAssertEqual(try store.keys(descending: true), ["c", "b", "a"])
        XCTAssertEqual(try store.values(keys: ["c", "missing"]).map(\.key), ["c"])
        XCTAssertEqual(try store.count(), 3)
        XCTAssertEqual(try store.remove(["a", "zzz"]), 1)
        assertError(.documentNotFound) { try store.remove("a") }
        XCTAssertEqual(fabric.keyValueCollections().map(\.name), ["sessions"])
        try store.truncate()
        XCTAssertEqual(try store.count(), 0)
        assertError(.collectionTypeMismatch) { try KeyValueStore(try fabric.createCollection("plain")) }
        assertError(.documentKeyMissing) { try KeyValuePair(json: ["value": 1]) }
    }

    func testExpiredPairsVanishAndAreReaped() throws {
        let engine = try makeEngine()
        let fabric = try engine.fabric()
        _ = try fabric.createKeyValueCollection("cache", expiration: true)
        let store = try KeyValueStore(try fabric.collection("cache"), now: { 2000 })
        _ = try store.set([KeyValuePair(key: "gone", value: 1, expireAt: 1500), KeyValuePair(key: "later", value: 2, expireAt: 3000), KeyValuePair(key: "forever", value: 3)])
        XCTAssertNil(try store.get("gone"), "expired pairs are invisible before the reaper runs")
        XCTAssertEqual(try store.count(), 2)
        XCTAssertEqual(try store.keys(), ["forever", "later"])
        XCTAssertEqual(engine.makeTTLReaper().runOnce(now: 2000), 1)
        XCTAssertEqual(try fabric.collection("cache").count, 2)
        XCTAssertEqual(engine.makeTTLReaper().runOnce(now: 4000), 1)
        XCTAssertNotNil(try store.get("forever"))
    }
}
