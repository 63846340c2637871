import C8Core
import C8Engine
import C8Streams
import XCTest

final class CollectionStreamTests: StreamTestCase {
    func testEveryChangeOfAHasStreamCollectionReachesAConsumer() throws {
        var collectionOptions = CollectionOptions()
        collectionOptions.hasStream = true
        let fabric = try engine.fabric()
        let users = try fabric.createCollection("users", options: collectionOptions)
        _ = try fabric.createCollection("quiet")
        let name = StreamName(tenant: engine.defaultTenantName, fabric: "_system", kind: .collection, name: "users")
        XCTAssertEqual(service.streams(tenant: engine.defaultTenantName, fabric: "_system").map(\.topic), ["users"])
        XCTAssertEqual(name.namespace, "c8local._system")

        let collector = Collector()
        let consumer = try service.subscribe(name, subscription: "changes", type: .exclusive, deliver: collector.deliver)
        try users.insert(["_key": "ann", "age": 30])
        try users.update(DocumentSelector(key: "ann"), with: ["age": 31])
        try users.replace(DocumentSelector(key: "ann"), with: ["name": "Ann"])
        try users.remove(DocumentSelector(key: "ann"))
        _ = try users.insert(many: [["_key": "bob"], ["_key": "cy"]])
        XCTAssertTrue(collector.wait(for: 6))
        let messages = collector.messages
        XCTAssertEqual(messages.map { $0.properties["op"] }, ["insert", "update", "replace", "remove", "insert", "insert"])
        XCTAssertEqual(messages.map(\.key), ["ann", "ann", "ann", "ann", "bob", "cy"])
        let inserted = try JSON.parse(messages[0].payload)
        XCTAssertEqual(inserted["_id"], "users/ann")
        XCTAssertEqual(inserted["age"], 30)
        XCTAssertEqual(try JSON.parse(messages[1].payload)["age"], 31)
        let replaced = try JSON.parse(messages[2].payload)
        XCTAssertEqual(replaced["name"], "Ann")
        XCTAssertTrue(replaced["age"].isNull, "a replace drops the old attributes")
        XCTAssertEqual(try JSON.parse(messages[3].payload)["name"], "Ann", "a remove carries the old document")
        consumer.close()
    }

    func testBulkInsertIntoAHasStreamCollectionIsPublished() throws {
        var collectionOptions = CollectionOptions()
        collectionOptions.hasStream = true
        let events = try engine.fabric().createCollection("events", options: collectionOptions)
        let name = StreamName(tenant: engine.defaultTenantName, fabric: "_system", kind: .collection, name: "events")
        let collector = Collector()
        _ = try service.subscribe(name, subscription: "s", type: .exclusive, deliver: collector.deliver)
        let result = try events.bulkInsert((0..<5).map { ["_key": .string("e\($0)")] })
        XCTAssertFalse(result.ingested, "a hasStream collection takes the transactional path")
        XCTAssertTrue(collector.wait(for: 5))
        XCTAssertEqual(collector.messages.map(\.key), ["e0", "e1", "e2", "e3", "e4"])
    }

    func testChangesArePublishedWithoutConsumersAndAbortedWritesAreNot() throws {
        var collectionOptions = CollectionOptions()
        collectionOptions.hasStream = true
        let fabric = try engine.fabric()
        let orders = try fabric.createCollection("orders", options: collectionOptions)
        try orders.insert(["_key": "1"])
        let transaction = try WriteTransaction([orders])
        _ = try transaction.insert(["_key": "2"], into: orders)
        transaction.abort()
        XCTAssertThrowsError(try orders.insert(["_key": "1"]), "duplicate key: nothing committed")
        let name = StreamName(tenant: engine.defaultTenantName, fabric: "_system", kind: .collection, name: "orders")
        let collector = Collector()
        _ = try service.reader(on: name, start: .earliest, deliver: collector.deliver)
        XCTAssertTrue(collector.wait(for: 1))
        XCTAssertTrue(collector.staysAt(1, milliseconds: 30))
        XCTAssertEqual(collector.messages.map(\.key), ["1"])
    }

    func testCollectionsWithoutAStreamHaveNone() throws {
        let plain = try engine.fabric().createCollection("plain")
        try plain.insert(["_key": "a"])
        let name = StreamName(tenant: engine.defaultTenantName, fabric: "_system", kind: .collection, name: "plain")
        assertError(status: 404) { try service.stream(name) }
        assertError(status: 404) { try service.subscribe(name, subscription: "s", type: .shared, deliver: Collector().deliver) }
        assertError(status: 400) { try service.createStream(name) }
    }
}
