import C8Core
import C8Streams
import XCTest

final class SubscriptionTypeTests: StreamTestCase {
    func testExclusiveDeliversInOrderWithMessageFields() throws {
        let name = global("orders")
        try service.createStream(name)
        let collector = Collector()
        let consumer = try service.subscribe(name, subscription: "s", type: .exclusive, deliver: collector.deliver)
        let producer = try service.producer(on: name, name: nil)
        XCTAssertTrue(producer.name.hasPrefix("orders-"), producer.name)
        for text in texts(1...200) {
            try producer.send(OutgoingMessage(text: text, key: "k", properties: ["p": text], eventTime: 42))
        }
        XCTAssertTrue(collector.wait(for: 200))
        let messages = collector.messages
        XCTAssertEqual(messages.map(\.text), texts(1...200))
        XCTAssertEqual(messages.map(\.id.entry), Array(1...200))
        XCTAssertEqual(messages.map(\.sequenceId), Array(0..<200))
        XCTAssertEqual(messages[0].producerName, producer.name)
        XCTAssertEqual(messages[0].key, "k")
        XCTAssertEqual(messages[0].properties, ["p": "m1"])
        XCTAssertEqual(messages[0].eventTime, 42)
        XCTAssertEqual(messages[0].publishTime, clock.milliseconds())
        XCTAssertEqual(messages[0].redeliveryCount, 0)
        XCTAssertFalse(collector.deliveredConcurrently)
        consumer.close()
    }

    func testANewSubscriptionStartsAtTheEndUnlessEarliest() throws {
        let name = global("s")
        try service.createStream(name)
        try publish(["old"], to: name)
        let latest = Collector()
        let earliest = Collector()
        _ = try service.subscribe(name, subscription: "latest", type: .exclusive, deliver: latest.deliver)
        _ = try service.subscribe(name, subscription: "earliest", type: .exclusive, initialPosition: .earliest,
                                  deliver: earliest.deliver)
        try publish(["new"], to: name)
        XCTAssertTrue(latest.wait(for: 1))
        XCTAssertTrue(earliest.wait(for: 2))
        XCTAssertEqual(latest.texts, ["new"])
        XCTAssertEqual(earliest.texts, ["old", "new"])
    }

    func testASecondExclusiveConsumerIsRefused() throws {
        let name = global("x")
        try service.createStream(name)
        let first = try service.subscribe(name, subscription: "s", type: .exclusive, deliver: Collector().deliver)
        XCTAssertThrowsError(try service.subscribe(name, subscription: "s", type: .exclusive, deliver: Collector().deliver)) { error in
            let error = error as? C8Error
            XCTAssertEqual(error?.code, 409)
            XCTAssertTrue(error?.message.contains("Exclusive consumer is already connected") ?? false, "\(String(describing: error))")
        }
        // Another type on a busy subscription is refused too; another subscription is fine.
        assertError(status: 409) { try service.subscribe(name, subscription: "s", type: .shared, deliver: Collector().deliver) }
        XCTAssertNoThrow(try service.subscribe(name, subscription: "other", type: .exclusive, deliver: Collector().deliver))
        first.close()
        XCTAssertNoThrow(try service.subscribe(name, subscription: "s", type: .exclusive, deliver: Collector().deliver))
    }

    func testSharedRoundRobinsAndRedeliversWhatALeavingConsumerHeld() throws {
        let name = global("work")
        try service.createStream(name)
        let a = Collector()
        let b = Collector()
        let consumerA = try service.subscribe(name, subscription: "q", type: .shared, consumerName: "a", deliver: a.deliver)
        let consumerB = try service.subscribe(name, subscription: "q", type: .shared, consumerName: "b", deliver: b.deliver)
        try publish(texts(1...10), to: name)
        XCTAssertTrue(a.wait(for: 5))
        XCTAssertTrue(b.wait(for: 5))
        XCTAssertEqual(a.texts, ["m1", "m3", "m5", "m7", "m9"])
        XCTAssertEqual(b.texts, ["m2", "m4", "m6", "m8", "m10"])
        // a acks two of its five and leaves: the other three go to b.
        consumerA.acknowledge(a.messages[0].id)
        consumerA.acknowledge(a.messages[1].id)
        consumerA.close()
        XCTAssertTrue(b.wait(for: 8))
        let redelivered = Array(b.messages.suffix(3))
        XCTAssertEqual(redelivered.map(\.text), ["m5", "m7", "m9"])
        XCTAssertEqual(redelivered.map(\.redeliveryCount), [1, 1, 1])
        XCTAssertTrue(b.staysAt(8, milliseconds: 50))
        for message in b.messages { consumerB.acknowledge(message.id) }
        XCTAssertEqual(try service.backlog(of: name), ["q": 0])
    }

    func testFailoverHasOneActiveConsumerAndTheNextTakesOverInConnectOrder() throws {
        let name = global("fo")
        try service.createStream(name)
        let first = Collector()
        let second = Collector()
        let third = Collector()
        let c1 = try service.subscribe(name, subscription: "f", type: .failover, consumerName: "z-first", deliver: first.deliver)
        let c2 = try service.subscribe(name, subscription: "f", type: .failover, consumerName: "a-second", deliver: second.deliver)
        _ = try service.subscribe(name, subscription: "f", type: .failover, consumerName: "m-third", deliver: third.deliver)
        try publish(texts(1...4), to: name)
        XCTAssertTrue(first.wait(for: 4))
        XCTAssertEqual(first.texts, texts(1...4))
        XCTAssertEqual(second.count + third.count, 0)
        try c1.acknowledgeCumulative(first.messages[1].id)   // m1, m2 done
        c1.close()
        XCTAssertTrue(second.wait(for: 2))
        XCTAssertEqual(second.texts, ["m3", "m4"])
        XCTAssertEqual(second.messages.map(\.redeliveryCount), [1, 1])
        XCTAssertEqual(third.count, 0)
        try c2.acknowledgeCumulative(second.messages[1].id)
        c2.close()
        try publish(["m5"], to: name)
        XCTAssertTrue(third.wait(for: 1))
        XCTAssertEqual(third.texts, ["m5"], "acknowledged messages never come back")
    }

    func testKeySharedKeepsAKeyOnOneConsumer() throws {
        let name = global("ks")
        try service.createStream(name)
        let collectors = [Collector(), Collector(), Collector()]
        for (i, collector) in collectors.enumerated() {
            _ = try service.subscribe(name, subscription: "k", type: .keyShared, consumerName: "c\(i)", deliver: collector.deliver)
        }
        let keys = (0..<12).map { "key-\($0)" }
        for round in 0..<5 {
            for key in keys { try service.publish(OutgoingMessage(text: "\(key)/\(round)", key: key), to: name) }
        }
        for collector in collectors { _ = collector.wait(for: 1) }
        let deadline = Date().addingTimeInterval(3)
        while collectors.map(\.count).reduce(0, +) < 60, Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        XCTAssertEqual(collectors.map(\.count).reduce(0, +), 60)
        var owner: [String: Int] = [:]
        for (i, collector) in collectors.enumerated() {
            for message in collector.messages {
                let key = message.key ?? ""
                XCTAssertEqual(owner[key, default: i], i, "key \(key) went to two consumers")
                owner[key] = i
            }
            // Per key, in publish order.
            let byKey = Dictionary(grouping: collector.messages, by: { $0.key ?? "" })
            for (key, messages) in byKey { XCTAssertEqual(messages.map(\.text), (0..<5).map { "\(key)/\($0)" }) }
        }
        XCTAssertGreaterThan(Set(owner.values).count, 1, "12 keys over 3 consumers should use more than one")
    }

    func testKeySharedServesOtherKeysWhileOneConsumerHasNoPermits() throws {
        let name = global("ks2")
        try service.createStream(name)
        let full = Collector()
        let free = Collector()
        let blocked = try service.subscribe(name, subscription: "k", type: .keyShared, consumerName: "full", receiverQueueSize: 0,
                                            deliver: full.deliver)
        _ = try service.subscribe(name, subscription: "k", type: .keyShared, consumerName: "free", deliver: free.deliver)
        // Find a key for each consumer.
        var keys: [String] = []
        var i = 0
        while keys.count < 2 {
            let key = "k\(i)"
            i += 1
            let index = Self.owner(key)
            if index == keys.count { keys.append(key) }
        }
        try service.publish(OutgoingMessage(text: "to-full", key: keys[0]), to: name)
        try service.publish(OutgoingMessage(text: "to-free", key: keys[1]), to: name)
        XCTAssertTrue(free.wait(for: 1))
        XCTAssertEqual(free.texts, ["to-free"])
        XCTAssertEqual(full.count, 0)
        blocked.grantPermits(1)
        XCTAssertTrue(full.wait(for: 1))
        XCTAssertEqual(full.texts, ["to-full"])
    }

    /// The consumer index (of two) a key maps to: FNV-1a modulo 2.
    static func owner(_ key: String) -> Int {
        var hash: UInt32 = 2_166_136_261
        for byte in key.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 16_777_619
        }
        return Int(hash % 2)
    }

    func testCumulativeAckIsRefusedOnSharedSubscriptions() throws {
        let name = global("c")
        try service.createStream(name)
        let collector = Collector()
        let shared = try service.subscribe(name, subscription: "s", type: .shared, deliver: collector.deliver)
        let keyShared = try service.subscribe(name, subscription: "k", type: .keyShared, deliver: Collector().deliver)
        try publish(["a"], to: name)
        XCTAssertTrue(collector.wait(for: 1))
        assertError(status: 400) { try shared.acknowledgeCumulative(collector.messages[0].id) }
        assertError(status: 400) { try keyShared.acknowledgeCumulative(collector.messages[0].id) }
    }
}
