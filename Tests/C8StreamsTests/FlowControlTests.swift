import C8Core
import C8Streams
import Foundation
import Synchronization
import XCTest

final class FlowControlTests: StreamTestCase {
    func testPermitsBoundDeliveries() throws {
        let name = global("p")
        try service.createStream(name)
        let collector = Collector()
        let consumer = try service.subscribe(name, subscription: "s", type: .exclusive, receiverQueueSize: 3,
                                             deliver: collector.deliver)
        try publish(texts(1...10), to: name)
        XCTAssertTrue(collector.wait(for: 3))
        XCTAssertTrue(collector.staysAt(3, milliseconds: 50))
        consumer.grantPermits(2)
        XCTAssertTrue(collector.wait(for: 5))
        XCTAssertTrue(collector.staysAt(5, milliseconds: 50))
        consumer.grantPermits(100)
        XCTAssertTrue(collector.wait(for: 10))
        XCTAssertEqual(collector.texts, texts(1...10))
        XCTAssertEqual(try service.stats(of: name).subscriptions.first?.consumers.first?.availablePermits, 95)
    }

    func testNegativeAckRedeliversAfterTheDelayWithACount() throws {
        let name = global("n")
        try service.createStream(name)
        let collector = Collector()
        let consumer = try service.subscribe(name, subscription: "s", type: .shared, deliver: collector.deliver)
        try publish(["a", "b"], to: name)
        XCTAssertTrue(collector.wait(for: 2))
        consumer.acknowledge(collector.messages[1].id)
        consumer.negativeAcknowledge(collector.messages[0].id)
        XCTAssertTrue(collector.wait(for: 3))
        XCTAssertEqual(collector.messages[2].text, "a")
        XCTAssertEqual(collector.messages[2].redeliveryCount, 1)
        consumer.negativeAcknowledge(collector.messages[2].id)
        XCTAssertTrue(collector.wait(for: 4))
        XCTAssertEqual(collector.messages[3].redeliveryCount, 2)
        consumer.acknowledge(collector.messages[3].id)
        XCTAssertTrue(collector.staysAt(4, milliseconds: 80))
        XCTAssertEqual(try service.backlog(of: name), ["s": 0])
    }

    func testAckTimeoutRedeliversUnacknowledgedMessages() throws {
        let name = global("t")
        try service.createStream(name)
        let collector = Collector()
        let consumer = try service.subscribe(name, subscription: "s", type: .exclusive, ackTimeout: .milliseconds(40),
                                             deliver: collector.deliver)
        try publish(["acked", "forgotten"], to: name)
        XCTAssertTrue(collector.wait(for: 2))
        consumer.acknowledge(collector.messages[0].id)
        XCTAssertTrue(collector.wait(for: 3))
        XCTAssertEqual(collector.messages[2].text, "forgotten")
        XCTAssertEqual(collector.messages[2].redeliveryCount, 1)
        consumer.acknowledge(collector.messages[2].id)
        XCTAssertTrue(collector.staysAt(3, milliseconds: 100))
    }

    func testDeliveryIsOffThePublishersThreadAndSerial() throws {
        let name = global("threads")
        try service.createStream(name)
        let publisherThread = ObjectIdentifier(Thread.current)
        let offThread = Collector()
        let sawPublisherThread = Mutex(false)
        _ = try service.subscribe(name, subscription: "s", type: .exclusive) { message in
            if ObjectIdentifier(Thread.current) == publisherThread { sawPublisherThread.withLock { $0 = true } }
            offThread.deliver(message)
        }
        try publish(texts(1...50), to: name)
        XCTAssertTrue(offThread.wait(for: 50))
        XCTAssertFalse(sawPublisherThread.withLock { $0 })
        XCTAssertFalse(offThread.deliveredConcurrently)
    }

    func testReadersStartEarliestLatestOrAfterAMessage() throws {
        let name = global("r")
        try service.createStream(name)
        let ids = try publish(texts(1...5), to: name)
        let earliest = Collector()
        let latest = Collector()
        let after = Collector()
        _ = try service.reader(on: name, start: .earliest, deliver: earliest.deliver)
        _ = try service.reader(on: name, start: .latest, deliver: latest.deliver)
        let limited = try service.reader(on: name, start: .message(ids[1]), receiverQueueSize: 2, deliver: after.deliver)
        try publish(["m6"], to: name)
        XCTAssertTrue(earliest.wait(for: 6))
        XCTAssertEqual(earliest.texts, texts(1...6))
        XCTAssertTrue(latest.wait(for: 1))
        XCTAssertEqual(latest.texts, ["m6"])
        XCTAssertTrue(after.wait(for: 2))
        XCTAssertEqual(after.texts, ["m3", "m4"], "a message id start is exclusive")
        limited.grantPermits(10)
        XCTAssertTrue(after.wait(for: 4))
        XCTAssertEqual(after.texts, ["m3", "m4", "m5", "m6"])
        XCTAssertEqual(try service.subscriptions(of: name), [], "readers make no subscription")
    }

    func testConsumerCloseStopsDeliveryAndRunsCloseHandlers() throws {
        let name = global("close")
        try service.createStream(name)
        let collector = Collector()
        let consumer = try service.subscribe(name, subscription: "s", type: .exclusive, deliver: collector.deliver)
        let closed = Collector()
        consumer.onClose { closed.deliver(StreamMessage(id: MessageID(entry: 0), payload: [], key: nil, properties: [:],
                                                        producerName: "", sequenceId: 0, publishTime: 0, eventTime: 0)) }
        consumer.close()
        XCTAssertTrue(closed.wait(for: 1))
        XCTAssertTrue(consumer.isClosed)
        try publish(["after"], to: name)
        XCTAssertTrue(collector.staysAt(0, milliseconds: 30))
    }
}
