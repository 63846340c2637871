import C8Core
import C8Engine
import XCTest

class CatalogTests: EngineTestCase {
    func testSystemFabricExistsAndCannotBeDropped() throws {
        let engine = try makeEngine()
        XCTAssertEqual(engine.defaultTenant.fabrics().map(\.name), ["_system"])
        assertError(.forbidden) { try engine.defaultTenant.dropFabric("_system") }
    }

    func testFabricNamesAndDuplicates() throws {
        let tenant = try makeEngine().defaultTenant
        try tenant.createFabric("demo")
        try tenant.createFabric("a-b_c9")
        for bad in ["", "9abc", "_hidden", "has space", "dot.ted", String(repeating: "x", count: 65), "ümlaut"] {
            assertError(.databaseNameInvalid) { try tenant.createFabric(bad) }
        }
        assertError(.duplicateName) { try tenant.createFabric("demo") }
        XCTAssertEqual(tenant.fabrics().map(\.name), ["_system", "a-b_c9", "demo"])
        try tenant.dropFabric("demo")
        assertError(.databaseNotFound) { try tenant.fabric("demo") }
        assertError(.databaseNotFound) { try tenant.dropFabric("demo") }
    }

    func testCollectionNames() throws {
        let fabric = try makeEngine().fabric()
        try fabric.createCollection("users")
        try fabric.createCollection(String(repeating: "c", count: 64))
        for bad in ["_users", "1users", "", "us ers", "us/ers", String(repeating: "c", count: 65)] {
            assertError(.illegalName) { try fabric.createCollection(bad) }
        }
        var system = CollectionOptions()
        system.isSystem = true
        XCTAssertNoThrow(try fabric.createCollection("_graphs", options: system))
        assertError(.duplicateName) { try fabric.createCollection("users") }
        XCTAssertEqual(fabric.collections(excludeSystem: true).count, 2)
        XCTAssertEqual(fabric.collections().count, 3)
    }

    func testFabricsAreIsolated() throws {
        let engine = try makeEngine()
        let other = try engine.defaultTenant.createFabric("other")
        let a = try engine.fabric().createCollection("users")
        let b = try other.createCollection("users")
        try a.insert(["_key": "x", "in": "system"])
        try b.insert(["_key": "x", "in": "other"])
        XCTAssertEqual(try a.document("x")?["in"], "system")
        XCTAssertEqual(try b.document("x")?["in"], "other")
        try engine.defaultTenant.dropFabric("other")
        XCTAssertEqual(try a.document("x")?["in"], "system")
        XCTAssertEqual(a.count, 1)
    }

    func testTenantsAreIsolated() throws {
        let engine = try makeEngine()
        let acme = try engine.createTenant("acme")
        XCTAssertEqual(acme.fabrics().map(\.name), ["_system"])
        try acme.fabric("_system").createCollection("users")
        XCTAssertFalse(try engine.fabric().hasCollection("users"))
        assertError(.duplicateName) { try engine.createTenant("acme") }
        try engine.dropTenant("acme")
        XCTAssertThrowsError(try engine.tenant("acme"))
    }

    func testDropAndRenameCollection() throws {
        let fabric = try makeEngine().fabric()
        let users = try fabric.createCollection("users")
        try users.insert(["_key": "a"])
        try fabric.renameCollection("users", to: "people")
        XCTAssertEqual(try fabric.collection("people").document("a")?["_id"], "people/a")
        assertError(.collectionNotFound) { try fabric.collection("users") }
        try fabric.dropCollection("people")
        assertError(.collectionNotFound) { try fabric.collection("people") }
        assertError(.collectionNotFound) { try users.insert(["x": 1]) }
        // A new collection with the old name starts empty.
        XCTAssertEqual(try fabric.createCollection("people").count, 0)
    }

    func testCollectionOptionsFromRequestBodies() throws {
        let options = try CollectionOptions(json: [
            "type": 3, "waitForSync": true, "keyOptions": ["type": "autoincrement", "increment": 5, "offset": 10],
            "shardKeys": ["country"], "strongConsistency": true, "stream": "True",
        ])
        XCTAssertEqual(options.type, .edge)
        XCTAssertTrue(options.waitForSync && options.isSpot && options.hasStream)
        XCTAssertEqual(options.shardKeys, ["country"])
        assertError(.badParameter) { try CollectionOptions(json: ["isSpot": true, "isLocal": true]) }
        assertError(.collectionTypeInvalid) { try CollectionOptions(json: ["type": 7]) }
        assertError(.invalidKeyGenerator) { try CollectionOptions(json: ["keyOptions": ["type": "nope"]]) }
        assertError(.badParameter) { try CollectionOptions(json: ["shardKeys": []]) }
    }
}

final class CatalogRocksDBTests: CatalogTests {
    override func makeEngine() throws -> Engine { try Engine.open(directory: temporaryDirectory().path) }

    func testCatalogAndDataSurviveReopen() throws {
        let dir = temporaryDirectory().path
        do {
            let engine = try Engine.open(directory: dir)
            let demo = try engine.defaultTenant.createFabric("demo", options: FabricOptions(dcList: ["us-east", "eu-west"], spotDc: "us-east"))
            let people = try demo.createCollection("people", options: try CollectionOptions(json: ["keyOptions": ["type": "autoincrement"]]))
            for i in 0..<10 { try people.insert(["n": .int(Int64(i))]) }
            try people.remove(DocumentSelector(key: "3"))
            try demo.createCollection("knows", options: CollectionOptions(type: .edge))
            try engine.createTenant("acme")
            engine.close()
        }
        let engine = try Engine.open(directory: dir)
        defer { engine.close() }
        let demo = try engine.defaultTenant.fabric("demo")
        XCTAssertEqual(demo.options.spotDc, "us-east")
        XCTAssertEqual(demo.options.dcList, ["us-east", "eu-west"])
        let people = try demo.collection("people")
        XCTAssertEqual(people.count, 9)
        XCTAssertNil(try people.document("3"))
        XCTAssertEqual(try people.insert(["n": 10]).key, "11", "autoincrement continues after a restart")
        XCTAssertEqual(try demo.collection("knows").type, .edge)
        XCTAssertNoThrow(try engine.tenant("acme").fabric("_system"))
        XCTAssertEqual(engine.tenants().map(\.name), ["acme", "c8"])
    }
}
