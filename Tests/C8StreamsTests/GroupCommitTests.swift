import C8Core
import C8Engine
import C8Storage
import C8Streams
import Dispatch
import Synchronization
import XCTest

/// Group commit of publishes and batched acks (Topic+GroupCommit.swift,
/// Topic+AckBatch.swift): many publishers at once still get distinct,
/// ordered ids and every message is delivered once, in order; a failed
/// group write fails all of its publishes and shows nothing of them.
final class GroupCommitTests: StreamTestCase {
    func testConcurrentPublishersGetDistinctOrderedIdsAndEveryMessageIsDeliveredOnceInOrder() throws {
        let name = global("many")
        try service.createStream(name)
        let collector = Collector()
        let consumer = try service.subscribe(name, subscription: "s", type: .exclusive, receiverQueueSize: 100_000,
                                             deliver: collector.deliver)
        let publishers = 8
        let perPublisher = 400
        let producers = try (0..<publishers).map { try service.producer(on: name, name: "p\($0)") }
        let ids = Mutex<[String: MessageID]>([:])
        let orderedReceipts = Atomic<Bool>(true)
        DispatchQueue.concurrentPerform(iterations: publishers) { p in
            if p % 2 == 0 {
                // Blocking sends: each returns its id once written.
                var last: UInt64 = 0
                for i in 0..<perPublisher {
                    let text = "p\(p)-\(i)"
                    guard let id = try? producers[p].send(OutgoingMessage(text: text)) else { continue }
                    if id.entry <= last { orderedReceipts.store(false, ordering: .relaxed) }
                    last = id.entry
                    ids.withLock { $0[text] = id }
                }
            } else {
                // Sends that do not wait, as the WebSocket layer's: receipts
                // must come back in the order the messages were sent.
                let done = DispatchSemaphore(value: 0)
                let last = Mutex<(index: Int, entry: UInt64)>((-1, 0))
                for i in 0..<perPublisher {
                    let text = "p\(p)-\(i)"
                    producers[p].send(OutgoingMessage(text: text)) { result in
                        if case .success(let id) = result {
                            ids.withLock { $0[text] = id }
                            last.withLock { last in
                                if last.index != i - 1 || id.entry <= last.entry {
                                    orderedReceipts.store(false, ordering: .relaxed)
                                }
                                last = (i, id.entry)
                            }
                        }
                        if i == perPublisher - 1 { done.signal() }
                    }
                }
                done.wait()
            }
        }
        let total = publishers * perPublisher
        let assigned = ids.withLock { $0 }
        XCTAssertEqual(assigned.count, total, "every publish succeeded")
        XCTAssertEqual(Set(assigned.values.map(\.entry)), Set(1...UInt64(total)), "distinct ids, no gap")
        XCTAssertTrue(orderedReceipts.load(ordering: .relaxed), "each publisher's ids ascend, receipts in order")

        XCTAssertTrue(collector.wait(for: total, timeout: 10))
        XCTAssertTrue(collector.staysAt(total, milliseconds: 50), "nothing delivered twice")
        let delivered = collector.messages
        XCTAssertEqual(delivered.map(\.id.entry), Array(1...UInt64(total)), "delivered once each, in log order")
        for message in delivered { XCTAssertEqual(assigned[message.text], message.id, "the receipt names the message") }
        XCTAssertFalse(collector.deliveredConcurrently)
        consumer.close()
        for producer in producers { producer.close() }
    }

    /// A written group's messages move into the tail cache, each taking the
    /// slot of the one `capacity` entries older: consumers a little behind
    /// (served from the cache) and from the start (served from storage)
    /// see every message once, in order, with its own payload.
    func testTheTailCacheHoldsTheNewestMessagesOfEachGroup() throws {
        var small = options
        small.tailCacheSize = 8
        service.close()
        service = try StreamService(engine: engine, options: small)
        let name = global("tail")
        try service.createStream(name)
        let live = Collector()
        let liveConsumer = try service.subscribe(name, subscription: "live", type: .exclusive, receiverQueueSize: 1000,
                                                 deliver: live.deliver)
        let producer = try service.producer(on: name, name: "p")
        let count = 50
        let answered = DispatchSemaphore(value: 0)
        for group in stride(from: 0, to: count, by: 5) {
            let messages = (group..<(group + 5)).map { index -> (OutgoingMessage, @Sendable (Result<MessageID, C8Error>) -> Void) in
                (OutgoingMessage(text: "m\(index)"), { _ in })
            }
            producer.send(messages) { answered.signal() }
        }
        for _ in stride(from: 0, to: count, by: 5) { XCTAssertEqual(answered.wait(timeout: .now() + 5), .success) }
        XCTAssertTrue(live.wait(for: count))
        XCTAssertEqual(live.texts, (0..<count).map { "m\($0)" })
        let late = Collector()
        let lateConsumer = try service.subscribe(name, subscription: "late", type: .exclusive, initialPosition: .earliest,
                                                 receiverQueueSize: 1000, deliver: late.deliver)
        XCTAssertTrue(late.wait(for: count))
        XCTAssertEqual(late.texts, (0..<count).map { "m\($0)" })
        liveConsumer.close()
        lateConsumer.close()
        producer.close()
    }

    func testAFailedGroupWriteFailsEveryPublishOfItAndLeavesNothingVisible() throws {
        let storage = GatedStorage(MemoryEngine())
        service.close()
        engine = try Engine(storage: storage)
        service = try StreamService(engine: engine, options: options)
        let name = global("failing")
        try service.createStream(name)
        let collector = Collector()
        let consumer = try service.subscribe(name, subscription: "s", type: .exclusive, deliver: collector.deliver)
        let producer = try service.producer(on: name, name: "p", initialSequenceId: 99)

        // m1's write is held; m2…m5 queue behind it and form one group,
        // whose write fails.
        let results = Mutex<[String: Result<MessageID, C8Error>]>([:])
        let answered = DispatchSemaphore(value: 0)
        @Sendable func send(_ text: String) {
            producer.send(OutgoingMessage(text: text)) { result in
                results.withLock { $0[text] = result }
                answered.signal()
            }
        }
        storage.holdNextWrite()
        // A lone message is written on the sender's thread: send it from
        // another one, so this thread can queue more behind its write.
        DispatchQueue.global().async { send("m1") }
        storage.waitUntilHeld()
        for text in ["m2", "m3", "m4", "m5"] { send(text) }
        storage.holdNextWrite()  // holds the group write of m2…m5
        storage.releaseHeld()     // m1 is written
        storage.waitUntilHeld()
        storage.setFailing(true)
        storage.releaseHeld()     // the group of four fails
        for _ in 0..<5 { XCTAssertEqual(answered.wait(timeout: .now() + 3), .success) }

        let outcome = results.withLock { $0 }
        XCTAssertEqual(try outcome["m1"]?.get().entry, 1)
        for text in ["m2", "m3", "m4", "m5"] {
            guard case .failure(let error)? = outcome[text] else { return XCTFail("\(text) should have failed") }
            XCTAssertEqual(error.message, "injected storage failure")
        }
        XCTAssertEqual(storage.failedBatches, [4], "one write for the group of four")

        // Nothing of the failed group is visible: not delivered, not in the
        // backlog, and its entry numbers and sequence ids are handed out again.
        XCTAssertTrue(collector.wait(for: 1))
        XCTAssertTrue(collector.staysAt(1, milliseconds: 50))
        XCTAssertEqual(collector.texts, ["m1"])
        XCTAssertEqual(try service.backlog(of: name), ["s": 1])
        storage.setFailing(false)
        let next = try producer.send(OutgoingMessage(text: "m6"))
        XCTAssertEqual(next.entry, 2, "no gap in the log")
        XCTAssertTrue(collector.wait(for: 2))
        XCTAssertEqual(collector.texts, ["m1", "m6"])
        XCTAssertEqual(collector.messages.map(\.sequenceId), [100, 101], "the failed sequence ids are reused")
        consumer.close()
        producer.close()

        service.close()
        engine = try Engine(storage: storage)
        service = try StreamService(engine: engine, options: options)
        let reader = Collector()
        let readerHandle = try service.reader(on: name, start: .earliest, deliver: reader.deliver)
        XCTAssertTrue(reader.wait(for: 2))
        XCTAssertTrue(reader.staysAt(2, milliseconds: 30))
        XCTAssertEqual(reader.texts, ["m1", "m6"], "storage holds nothing of the failed group")
        readerHandle.close()
    }
}
