import C8Core
import C8Streams
import XCTest

final class RetentionTests: StreamTestCase {
    /// What a reader from the earliest retained message sees now.
    func retained(_ name: StreamName, expected: Int) throws -> [String] {
        let collector = Collector()
        let reader = try service.reader(on: name, start: .earliest, deliver: collector.deliver)
        collector.wait(for: expected, timeout: 1)
        _ = collector.staysAt(collector.count, milliseconds: 20)
        reader.close()
        return collector.texts
    }

    func testRetentionDeletesWhatEverySubscriptionAcknowledged() throws {
        let name = global("ret")
        try service.createStream(name)
        let fast = Collector()
        let slow = Collector()
        let fastConsumer = try service.subscribe(name, subscription: "fast", type: .exclusive, deliver: fast.deliver)
        let slowConsumer = try service.subscribe(name, subscription: "slow", type: .exclusive, deliver: slow.deliver)
        try publish(texts(1...6), to: name)
        XCTAssertTrue(fast.wait(for: 6))
        XCTAssertTrue(slow.wait(for: 6))
        let sizeBefore = try service.stats(of: name).storageSize
        XCTAssertGreaterThan(sizeBefore, 0)
        try fastConsumer.acknowledgeCumulative(fast.messages[5].id)
        try slowConsumer.acknowledgeCumulative(slow.messages[1].id)
        slowConsumer.acknowledge(slow.messages[3].id)  // above the mark-delete: m3 still holds m4 back
        service.runMaintenance()
        XCTAssertEqual(try retained(name, expected: 4), ["m3", "m4", "m5", "m6"])
        XCTAssertLessThan(try service.stats(of: name).storageSize, sizeBefore)
        XCTAssertEqual(try service.backlog(of: name), ["fast": 0, "slow": 3])
    }

    func testWithoutSubscriptionsMessagesStayForReadersUntilTheTTL() throws {
        let name = global("nosub")
        try service.createStream(name)
        try service.setMessageTTL(60, tenant: engine.defaultTenantName, fabric: "_system")
        try publish(["old1", "old2"], to: name)
        clock.advance(by: 30_000)
        try publish(["young"], to: name)
        service.runMaintenance()
        XCTAssertEqual(try retained(name, expected: 3), ["old1", "old2", "young"])
        clock.advance(by: 31_000)   // old ones are 61 s old, young 31 s
        service.runMaintenance()
        XCTAssertEqual(try retained(name, expected: 1), ["young"])
    }

    func testTTLExpiresUnacknowledgedMessagesForEverySubscription() throws {
        let name = global("ttl")
        try service.createStream(name)
        try service.setMessageTTL(10, tenant: engine.defaultTenantName, fabric: "_system")
        let collector = Collector()
        let consumer = try service.subscribe(name, subscription: "s", type: .shared, receiverQueueSize: 0,
                                             deliver: collector.deliver)
        _ = try service.subscribe(name, subscription: "idle", type: .exclusive, receiverQueueSize: 0,
                                  deliver: Collector().deliver)
        try publish(["stale1", "stale2"], to: name)
        clock.advance(by: 11_000)
        try publish(["fresh"], to: name)
        XCTAssertEqual(try service.backlog(of: name), ["s": 3, "idle": 3])
        service.runMaintenance()
        XCTAssertEqual(try service.backlog(of: name), ["s": 1, "idle": 1])
        consumer.grantPermits(10)
        XCTAssertTrue(collector.wait(for: 1))
        XCTAssertEqual(collector.texts, ["fresh"])
        XCTAssertTrue(collector.staysAt(1, milliseconds: 30))
        XCTAssertEqual(try retained(name, expected: 1), ["fresh"])
    }

    func testAZeroTTLNeverExpires() throws {
        let name = global("forever")
        try service.createStream(name)
        try service.setMessageTTL(0, tenant: engine.defaultTenantName, fabric: "_system")
        XCTAssertEqual(service.messageTTL(tenant: engine.defaultTenantName, fabric: "_system"), 0)
        try publish(["a"], to: name)
        clock.advance(by: 400 * 86_400_000)
        service.runMaintenance()
        XCTAssertEqual(try retained(name, expected: 1), ["a"])
        assertError(status: 400) { try service.setMessageTTL(-1, tenant: engine.defaultTenantName, fabric: "_system") }
        assertError(status: 404, errorNum: ErrorCode.databaseNotFound.errorNum) {
            try service.setMessageTTL(5, tenant: engine.defaultTenantName, fabric: "nope")
        }
    }

    func testExpireMessagesOlderThanSeconds() throws {
        let name = global("exp")
        try service.createStream(name)
        _ = try service.subscribe(name, subscription: "a", type: .exclusive, receiverQueueSize: 0, deliver: Collector().deliver)
        _ = try service.subscribe(name, subscription: "b", type: .shared, receiverQueueSize: 0, deliver: Collector().deliver)
        try publish(["1", "2"], to: name)
        clock.advance(by: 5_000)
        try publish(["3"], to: name)
        try service.expireMessages(of: name, olderThanSeconds: 4)
        XCTAssertEqual(try service.backlog(of: name), ["a": 1, "b": 1])
        clock.advance(by: 1)   // older than 0 s: published before now (Pulsar: now > publishTime + age)
        try service.expireMessages(of: name, olderThanSeconds: 0)
        XCTAssertEqual(try service.backlog(of: name), ["a": 0, "b": 0])
    }

    func testClearBacklogForOneOrAllSubscriptions() throws {
        let tenant = engine.defaultTenantName
        let one = global("one")
        let two = local("two")
        try service.createStream(one)
        try service.createStream(two)
        for name in [one, two] {
            for subscription in ["x", "y"] {
                _ = try service.subscribe(name, subscription: subscription, type: .shared, receiverQueueSize: 0,
                                          deliver: Collector().deliver)
            }
            try publish(["a", "b"], to: name)
        }
        try service.clearBacklog(tenant: tenant, fabric: "_system", subscription: "x")
        XCTAssertEqual(try service.backlog(of: one), ["x": 0, "y": 2])
        XCTAssertEqual(try service.backlog(of: two), ["x": 0, "y": 2])
        try service.clearBacklog(tenant: tenant, fabric: "_system", subscription: nil)
        XCTAssertEqual(try service.backlog(of: two), ["x": 0, "y": 0])
    }

    func testNonPersistentStreamsDropMessagesNobodyCanTake() throws {
        let name = global("np")
        try service.createStream(name, persistent: false)
        try publish(["before anyone"], to: name)
        let collector = Collector()
        let consumer = try service.subscribe(name, subscription: "s", type: .exclusive, initialPosition: .earliest,
                                             receiverQueueSize: 1, deliver: collector.deliver)
        try publish(["taken", "no permit"], to: name)
        XCTAssertTrue(collector.wait(for: 1))
        consumer.grantPermits(5)
        try publish(["taken too"], to: name)
        XCTAssertTrue(collector.wait(for: 2))
        XCTAssertEqual(collector.texts, ["taken", "taken too"])
        XCTAssertEqual(try service.stats(of: name).subscriptions.first?.msgDropped, 1)
        XCTAssertEqual(try service.stats(of: name).storageSize, 0)
        let reader = Collector()
        _ = try service.reader(on: name, start: .earliest, deliver: reader.deliver)
        XCTAssertTrue(reader.staysAt(0, milliseconds: 30), "nothing is kept for readers either")
    }
}
