import C8Core
import C8Engine
import C8Streams
import XCTest

final class StreamAdminTests: StreamTestCase {
    func testCreateListAndFindStreams() throws {
        let tenant = engine.defaultTenantName
        try engine.defaultTenant.createFabric("other")
        try service.createStream(global("b"))
        try service.createStream(local("a"), persistent: false)
        try service.createStream(global("c", fabric: "other"))
        let listed = service.streams(tenant: tenant, fabric: "_system")
        XCTAssertEqual(listed.map(\.topic), ["c8globals.b", "c8locals.a"])
        XCTAssertEqual(listed.map(\.persistent), [true, false])
        XCTAssertEqual(try service.stream(global("b")).name, global("b"))
        assertError(status: 409, errorNum: ErrorCode.duplicateName.errorNum) { try service.createStream(global("b")) }
        assertError(status: 404) { try service.stream(global("missing")) }
        assertError(status: 404, errorNum: ErrorCode.databaseNotFound.errorNum) {
            try service.createStream(global("x", fabric: "nope"))
        }
        assertError(status: 400, errorNum: ErrorCode.illegalName.errorNum) { try service.createStream(global("a/b")) }
        assertError(status: 404) { try service.publish(OutgoingMessage(text: "x"), to: global("missing")) }
    }

    func testDeleteStreamIsRefusedWhileClientsAreConnectedUnlessForced() throws {
        let name = global("busy")
        try service.createStream(name)
        let consumer = try service.subscribe(name, subscription: "s", type: .shared, deliver: Collector().deliver)
        let producer = try service.producer(on: name, name: "p")
        let producerClosed = Collector()
        producer.onClose { producerClosed.deliver(StreamMessage(id: MessageID(entry: 0), payload: [], key: nil, properties: [:],
                                                                producerName: "", sequenceId: 0, publishTime: 0, eventTime: 0)) }
        assertError(status: 412) { try service.deleteStream(name, force: false) }
        XCTAssertNoThrow(try service.stream(name))
        try service.deleteStream(name, force: true)
        XCTAssertTrue(consumer.isClosed)
        XCTAssertTrue(producer.isClosed)
        XCTAssertTrue(producerClosed.wait(for: 1))
        assertError(status: 404) { try producer.send(OutgoingMessage(text: "late")) }
        assertError(status: 404) { try service.stream(name) }
        // A new stream of the same name starts empty.
        try service.createStream(name)
        let collector = Collector()
        let reader = try service.reader(on: name, start: .earliest, deliver: collector.deliver)
        XCTAssertTrue(collector.staysAt(0, milliseconds: 20))
        assertError(status: 412) { try service.deleteStream(name, force: false) }
        reader.close()
        try service.deleteStream(name, force: false)
    }

    func testSubscriptionsCanBeDeletedWhenIdleAndUnsubscribedEverywhere() throws {
        let tenant = engine.defaultTenantName
        let g1 = global("g1")
        let g2 = global("g2")
        let l1 = local("l1")
        for name in [g1, g2, l1] { try service.createStream(name) }
        for name in [g1, g2, l1] {
            _ = try service.subscribe(name, subscription: "sub", type: .shared, deliver: Collector().deliver).close()
        }
        let busy = try service.subscribe(g1, subscription: "other", type: .shared, deliver: Collector().deliver)
        XCTAssertEqual(try service.subscriptions(of: g1), ["other", "sub"])
        assertError(status: 412) { try service.deleteSubscription("other", of: g1) }
        assertError(status: 404) { try service.deleteSubscription("none", of: g1) }
        try service.unsubscribe("sub", tenant: tenant, fabric: "_system", local: false)
        XCTAssertEqual(try service.subscriptions(of: g1), ["other"])
        XCTAssertEqual(try service.subscriptions(of: g2), [])
        XCTAssertEqual(try service.subscriptions(of: l1), ["sub"], "local streams are another scope")
        assertError(status: 412) { try service.unsubscribe("other", tenant: tenant, fabric: "_system", local: false) }
        busy.close()
        try service.deleteSubscription("other", of: g1)
        XCTAssertEqual(try service.subscriptions(of: g1), [])
    }

    func testStatsInPulsarsShape() throws {
        let name = global("stats")
        try service.createStream(name)
        let producer = try service.producer(on: name, name: "prod", initialSequenceId: 99)
        let collector = Collector()
        _ = try service.subscribe(name, subscription: "s", type: .failover, consumerName: "c", deliver: collector.deliver)
        for _ in 0..<4 { try producer.send(OutgoingMessage(payload: [UInt8](repeating: 7, count: 100))) }
        XCTAssertTrue(collector.wait(for: 4))
        XCTAssertEqual(collector.messages.map(\.sequenceId), [100, 101, 102, 103])
        XCTAssertEqual(collector.messages.map(\.producerName), ["prod", "prod", "prod", "prod"])
        let stats = try service.stats(of: name)
        XCTAssertEqual(stats.msgInCounter, 4)
        XCTAssertEqual(stats.averageMsgSize, 100)
        XCTAssertGreaterThan(stats.msgRateIn, 0)
        XCTAssertGreaterThan(stats.msgThroughputOut, 0)
        XCTAssertEqual(stats.publishers.map(\.producerName), ["prod"])
        XCTAssertEqual(stats.backlog, ["s": 4])
        let json = stats.json
        XCTAssertEqual(json["subscriptions"]["s"]["type"], "Failover")
        XCTAssertEqual(json["subscriptions"]["s"]["msgBacklog"], 4)
        XCTAssertEqual(json["subscriptions"]["s"]["consumers"][0]["consumerName"], "c")
        XCTAssertEqual(json["subscriptions"]["s"]["consumers"][0]["unackedMessages"], 4)
        XCTAssertEqual(json["publishers"][0]["producerName"], "prod")
        XCTAssertNotNil(json["storageSize"].intValue)
        XCTAssertEqual(json["msgInCounter"], 4)
        assertError(status: 409) { try service.producer(on: name, name: "prod") }
    }

    func testDropFabricDeletesItsStreams() throws {
        let tenant = engine.defaultTenantName
        try engine.defaultTenant.createFabric("gone")
        let name = global("s", fabric: "gone")
        try service.createStream(name)
        try publish(["a"], to: name)
        let consumer = try service.subscribe(name, subscription: "s", type: .shared, deliver: Collector().deliver)
        service.dropFabric(tenant: tenant, fabric: "gone")
        XCTAssertTrue(consumer.isClosed)
        XCTAssertEqual(service.streams(tenant: tenant, fabric: "gone").count, 0)
        try restart()
        assertError(status: 404) { try service.stream(name) }
    }

    func testAClosedServiceRefusesWork() throws {
        let name = global("s")
        try service.createStream(name)
        service.close()
        assertError(status: 503) { try service.publish(OutgoingMessage(text: "x"), to: name) }
    }
}
