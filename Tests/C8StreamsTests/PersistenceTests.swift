import C8Core
import C8Engine
import C8Storage
import C8Streams
import Foundation
import XCTest

/// After a restart no acknowledged message is delivered again to its
/// subscription and no unacknowledged one is lost — on the in-memory
/// engine (reopened over the same storage) and on RocksDB.
class PersistenceTests: StreamTestCase {
    /// Reopens engine and service over the same storage.
    func reopen() throws { try restart() }

    /// A new consumer of subscription `s` gets exactly `expected`, and
    /// nothing after them.
    func assertDelivered(_ expected: [String], from name: StreamName, type: SubscriptionType = .shared,
                         file: StaticString = #filePath, line: UInt = #line) throws {
        let collector = Collector()
        let consumer = try service.subscribe(name, subscription: "s", type: type, deliver: collector.deliver)
        defer { consumer.close() }
        XCTAssertTrue(collector.wait(for: expected.count), file: file, line: line)
        XCTAssertTrue(collector.staysAt(expected.count, milliseconds: 50), file: file, line: line)
        XCTAssertEqual(collector.texts, expected, file: file, line: line)
    }

    func testAckedMessagesAreNotRedeliveredAfterARestartAndUnackedOnesAre() throws {
        let name = global("durable")
        try service.createStream(name)
        var collector = Collector()
        var consumer = try service.subscribe(name, subscription: "s", type: .shared, deliver: collector.deliver)
        try publish(texts(1...6), to: name)
        XCTAssertTrue(collector.wait(for: 6))
        // Acked: m1, m2 (mark-delete moves) and m4, m6 (individually, above it).
        for index in [0, 1, 3, 5] { consumer.acknowledge(collector.messages[index].id) }
        consumer.close()

        try reopen()
        XCTAssertEqual(try service.backlog(of: name), ["s": 2])
        collector = Collector()
        consumer = try service.subscribe(name, subscription: "s", type: .shared, deliver: collector.deliver)
        try publish(["m7"], to: name)
        XCTAssertTrue(collector.wait(for: 3))
        XCTAssertEqual(collector.texts, ["m3", "m5", "m7"])
        XCTAssertEqual(collector.messages.map(\.id.entry), [3, 5, 7], "entry numbers continue after the restart")
        XCTAssertTrue(collector.staysAt(3, milliseconds: 50))
        consumer.close()
    }

    /// Acks are written in batches (Topic+AckBatch.swift); closing the
    /// service writes the pending batch, so a burst of acks — in order and
    /// out of order, from several consumers — all survive the restart.
    func testAcksOfABurstSurviveARestart() throws {
        let name = global("burst")
        try service.createStream(name)
        let collectors = [Collector(), Collector()]
        let consumers = try collectors.map {
            try service.subscribe(name, subscription: "s", type: .shared, deliver: $0.deliver)
        }
        try publish(texts(1...300), to: name)
        XCTAssertTrue(collectors[0].wait(for: 150) && collectors[1].wait(for: 150))
        // Everything but m3 and m200, odd entries first, from both consumers at once.
        let ids = (collectors[0].messages + collectors[1].messages).map(\.id).sorted { $0.entry < $1.entry }
        let acked = ids.filter { $0.entry != 3 && $0.entry != 200 }
        DispatchQueue.concurrentPerform(iterations: 2) { half in
            for id in acked where id.entry % 2 == UInt64(half) { consumers[Int(id.entry) % 2 == 0 ? 0 : 1].acknowledge(id) }
        }
        for consumer in consumers { consumer.close() }

        try reopen()
        XCTAssertEqual(try service.backlog(of: name), ["s": 2])
        try assertDelivered(["m3", "m200"], from: name)
    }

    /// Data dirs from before ack records kept a key per entry acked out of
    /// order (`0x06 0x04` subscription entry): they are read, folded into
    /// one ack record and deleted when the stream loads.
    func testAckKeysOfOlderDataDirsAreFoldedIntoAnAckRecord() throws {
        let name = global("legacy")
        try service.createStream(name)
        let collector = Collector()
        let consumer = try service.subscribe(name, subscription: "s", type: .shared, deliver: collector.deliver)
        try publish(texts(1...6), to: name)
        XCTAssertTrue(collector.wait(for: 6))
        for index in [0, 1] { consumer.acknowledge(collector.messages[index].id) }
        consumer.close()
        try reopen()

        // What an older build wrote for m4 and m6 acked above the mark-delete position.
        let storage = engine.storage
        // The iterator must be gone before the engine closes (RocksDB).
        let subscriptionId: Int64 = try {
            let cursors = storage.makeIterator(KeyRange(prefix: [KeySpace.streams, 0x03]), reverse: false)
            XCTAssertTrue(cursors.next())
            return try XCTUnwrap(BinaryJSON.decode(buffer: cursors.value)["id"].intValue)
        }()
        var batch = WriteBatch()
        for entry: UInt64 in [4, 6] {
            var key: [UInt8] = [KeySpace.streams, 0x04]
            for value in [UInt64(subscriptionId), entry] {
                for shift in stride(from: 56, through: 0, by: -8) { key.append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
            }
            batch.put(key, [])
        }
        try storage.write(batch, sync: false)

        for _ in 0..<2 {
            try reopen()
            XCTAssertEqual(try service.backlog(of: name), ["s": 2])
            XCTAssertFalse(engine.storage.makeIterator(KeyRange(prefix: [KeySpace.streams, 0x04]), reverse: false).next(),
                           "the ack keys were folded into a record")
        }
        try assertDelivered(["m3", "m5"], from: name)
    }

    /// Ack records go once the mark-delete position passes their entries:
    /// a subscription acked out of order and then in full keeps none.
    func testAckRecordsAreDeletedOnceTheMarkDeletePositionPassesThem() throws {
        let name = global("records")
        try service.createStream(name)
        let collector = Collector()
        let consumer = try service.subscribe(name, subscription: "s", type: .shared, deliver: collector.deliver)
        try publish(texts(1...10), to: name)
        XCTAssertTrue(collector.wait(for: 10))
        for index in [9, 7, 5, 3, 1] { consumer.acknowledge(collector.messages[index].id) }
        try reopen()
        XCTAssertTrue(engine.storage.makeIterator(KeyRange(prefix: [KeySpace.streams, 0x07]), reverse: false).next())
        XCTAssertEqual(try service.backlog(of: name), ["s": 5])
        let again = Collector()
        let second = try service.subscribe(name, subscription: "s", type: .shared, deliver: again.deliver)
        XCTAssertTrue(again.wait(for: 5))
        for message in again.messages { second.acknowledge(message.id) }
        second.close()
        try reopen()
        XCTAssertEqual(try service.backlog(of: name), ["s": 0])
        XCTAssertFalse(engine.storage.makeIterator(KeyRange(prefix: [KeySpace.streams, 0x07]), reverse: false).next(),
                       "no ack record is left")
    }

    func testCumulativeAcksAndSubscriptionsSurviveARestart() throws {
        let name = local("cum")
        try service.createStream(name)
        let collector = Collector()
        let consumer = try service.subscribe(name, subscription: "s", type: .exclusive, deliver: collector.deliver)
        try publish(texts(1...4), to: name)
        XCTAssertTrue(collector.wait(for: 4))
        try consumer.acknowledgeCumulative(collector.messages[2].id)
        consumer.close()
        try reopen()
        XCTAssertEqual(service.streams(tenant: engine.defaultTenantName, fabric: "_system").map(\.topic), ["c8locals.cum"])
        XCTAssertEqual(try service.subscriptions(of: name), ["s"])
        try assertDelivered(["m4"], from: name, type: .exclusive)
    }

    func testAnEmptiedLogKeepsItsEntryNumbersAcrossARestart() throws {
        let name = global("trimmed")
        try service.createStream(name)
        let collector = Collector()
        let consumer = try service.subscribe(name, subscription: "s", type: .exclusive, deliver: collector.deliver)
        try publish(texts(1...3), to: name)
        XCTAssertTrue(collector.wait(for: 3))
        try consumer.acknowledgeCumulative(collector.messages[2].id)
        service.runMaintenance()  // retention deletes all three
        consumer.close()
        try reopen()
        let id = try service.publish(OutgoingMessage(text: "m4"), to: name)
        XCTAssertEqual(id.entry, 4)
    }

    func testTheMessageTTLIsKeptPerFabric() throws {
        try service.setMessageTTL(90, tenant: engine.defaultTenantName, fabric: "_system")
        try reopen()
        XCTAssertEqual(service.messageTTL(tenant: engine.defaultTenantName, fabric: "_system"), 90)
    }

    func testNonPersistentStreamsAreGoneAfterARestart() throws {
        let name = global("volatile")
        try service.createStream(name, persistent: false)
        XCTAssertEqual(try service.stream(name).persistent, false)
        try reopen()
        assertError(status: 404) { try service.stream(name) }
    }
}

final class RocksDBPersistenceTests: PersistenceTests {
    var directory: URL!

    override func setUpWithError() throws {
        directory = temporaryDirectory()
        engine = try Engine.open(directory: directory.path)
        service = try StreamService(engine: engine, options: options)
    }

    override func reopen() throws {
        service.close()
        engine.close()
        engine = try Engine.open(directory: directory.path)
        service = try StreamService(engine: engine, options: options)
    }

    override func tearDown() {
        service?.close()
        engine?.close()
        super.tearDown()
    }

    func testALongLogIsReadBackInOrderAfterReopen() throws {
        let name = global("long")
        try service.createStream(name)
        let producer = try service.producer(on: name, name: "p")
        for i in 0..<3000 { try producer.send(OutgoingMessage(text: "m\(i)", key: "k\(i % 7)", properties: ["i": "\(i)"])) }
        producer.close()
        try reopen()
        let collector = Collector()
        _ = try service.reader(on: name, start: .earliest, receiverQueueSize: 5000, deliver: collector.deliver)
        XCTAssertTrue(collector.wait(for: 3000, timeout: 10))
        XCTAssertEqual(collector.texts, (0..<3000).map { "m\($0)" })
        XCTAssertEqual(collector.messages[2999].properties, ["i": "2999"])
        XCTAssertEqual(collector.messages[2999].producerName, "p")
        XCTAssertGreaterThan(try service.stats(of: name).storageSize, 0)
    }
}
