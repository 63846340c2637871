import C8Client
import C8Core
import Foundation
import XCTest

/// The stream half of the connection contract: every implementation
/// (in-memory, RocksDB, remote over HTTP + WebSocket) runs these the same way.
extension ConnectionContractTests {
    /// A refusal with both the HTTP status and the errorNum the contract names.
    func expectRefusal(_ status: Int, _ errorNum: ErrorCode, file: StaticString = #filePath, line: UInt = #line,
                       _ body: () async throws -> Void) async {
        do {
            try await body()
            XCTFail("expected HTTP \(status) [\(errorNum.rawValue)]", file: file, line: line)
        } catch let error as C8Error {
            XCTAssertEqual(error.code, status, "\(error)", file: file, line: line)
            XCTAssertEqual(error.errorNum, errorNum.rawValue, "\(error)", file: file, line: line)
        } catch {
            XCTFail("\(error)", file: file, line: line)
        }
    }

    private func tail(_ topic: String, _ options: StreamTailOptions) async throws -> TailReader {
        TailReader(try await connection.tail(topic, in: "_system", options: options))
    }

    func testStreamsListCreateDelete() async throws {
        let none = try await connection.streams(in: "_system")
        XCTAssertEqual(none, [])
        let orders = try await connection.createStream("orders", local: false, in: "_system")
        XCTAssertEqual(orders, StreamSummary(topic: "c8globals.orders", isLocal: false, isPersistent: true))
        let audit = try await connection.createStream("audit", local: true, in: "_system")
        XCTAssertEqual(audit, StreamSummary(topic: "c8locals.audit", isLocal: true, isPersistent: true))
        let listed = try await connection.streams(in: "_system")
        XCTAssertEqual(listed, [orders, audit])
        XCTAssertEqual(listed.map(\.name), ["orders", "audit"])

        await expectRefusal(409, .duplicateName) { _ = try await self.connection.createStream("orders", local: false, in: "_system") }
        await expectRefusal(409, .duplicateName) { _ = try await self.connection.createStream("c8locals.audit", local: true, in: "_system") }
        await expectRefusal(400, .illegalName) { _ = try await self.connection.createStream("no spaces", local: false, in: "_system") }
        await expectRefusal(404, .databaseNotFound) { _ = try await self.connection.streams(in: "nope") }

        try await connection.deleteStream("c8locals.audit", force: false, in: "_system")
        let left = try await connection.streams(in: "_system")
        XCTAssertEqual(left, [orders])
        await expectRefusal(404, .httpNotFound) { try await self.connection.deleteStream("c8locals.audit", force: false, in: "_system") }
        await expectRefusal(404, .httpNotFound) { _ = try await self.connection.streamStats("c8globals.missing", in: "_system") }
        await expectRefusal(404, .httpNotFound) { _ = try await self.connection.openPublisher(on: "c8globals.missing", in: "_system") }
        await expectRefusal(404, .httpNotFound) { _ = try await self.connection.tail("c8globals.missing", in: "_system", options: StreamTailOptions()) }
    }

    func testPublishedMessagesTailFromEarliestInOrder() async throws {
        let topic = try await connection.createStream("orders", local: false, in: "_system").topic
        let publisher = try await connection.openPublisher(on: topic, in: "_system")
        let before = UInt64(Date().timeIntervalSince1970 * 1000)
        let sent: [OutgoingStreamMessage] = [
            OutgoingStreamMessage(text: #"{"n":1}"#, key: "k1", properties: ["region": "eu", "n": "1"]),
            OutgoingStreamMessage(text: "plain text, no key"),
            OutgoingStreamMessage(payload: [0, 0xFF, 0x10], key: "k1"),
        ]
        var ids: [String] = []
        for message in sent { ids.append(try await publisher.send(message)) }
        publisher.close()
        ids.append(try await connection.publish(OutgoingStreamMessage(text: "one-shot", properties: ["via": "publish"]),
                                                to: topic, in: "_system"))
        XCTAssertEqual(Set(ids).count, 4, "every message has its own id")

        let reader = try await tail(topic, StreamTailOptions(start: .earliest))
        defer { reader.close() }
        let received = await reader.next(4)
        guard received.count == 4 else { return }
        XCTAssertEqual(received.map(\.id), ids)
        XCTAssertEqual(received.map(\.payload), sent.map(\.payload) + [Array("one-shot".utf8)])
        XCTAssertEqual(received.map(\.key), ["k1", nil, "k1", nil])
        XCTAssertEqual(received.map(\.properties), [["region": "eu", "n": "1"], [:], [:], ["via": "publish"]])
        XCTAssertEqual(received.map(\.redeliveryCount), [0, 0, 0, 0])
        let after = UInt64(Date().timeIntervalSince1970 * 1000)
        XCTAssertEqual(received.map(\.publishTime), received.map(\.publishTime).sorted(), "publish times never decrease")
        // The wire carries milliseconds; allow a second of clock rounding.
        XCTAssertTrue(received.allSatisfy { $0.publishTime + 1000 >= before && $0.publishTime <= after + 1000 },
                      "\(received.map(\.publishTime)) not within \(before)...\(after)")
    }

    func testReaderFromLatestSeesOnlyNewMessages() async throws {
        let topic = try await connection.createStream("ticks", local: true, in: "_system").topic
        try await connection.publish(OutgoingStreamMessage(text: "old"), to: topic, in: "_system")
        let reader = try await tail(topic, StreamTailOptions(start: .latest))
        defer { reader.close() }
        for text in ["new-1", "new-2"] { try await connection.publish(OutgoingStreamMessage(text: text), to: topic, in: "_system") }
        let received = await reader.next(2)
        XCTAssertEqual(received.map(\.text), ["new-1", "new-2"])
    }

    func testSubscriptionAcknowledgementsSurviveANewTail() async throws {
        let topic = try await connection.createStream("jobs", local: false, in: "_system").topic
        let options = StreamTailOptions(start: .earliest, subscription: "workers", subscriptionType: "Exclusive")
        let first = try await tail(topic, options)
        var ids: [String] = []
        for n in 1...3 { ids.append(try await connection.publish(OutgoingStreamMessage(text: "job-\(n)"), to: topic, in: "_system")) }
        let delivered = await first.next(3)
        XCTAssertEqual(delivered.map(\.text), ["job-1", "job-2", "job-3"])
        first.tail.acknowledge(ids[0])
        first.tail.acknowledge(ids[1])
        first.close()
        try await connection.publish(OutgoingStreamMessage(text: "job-4"), to: topic, in: "_system")

        // A closed exclusive consumer frees its subscription at once.
        let second = try await tail(topic, options)
        defer { second.close() }
        let redelivered = await second.next(2)
        XCTAssertEqual(redelivered.map(\.text), ["job-3", "job-4"], "acknowledged jobs are not delivered again")
        XCTAssertEqual(redelivered.map(\.redeliveryCount), [1, 0])

        let subscriptions = try await connection.streamSubscriptions(topic, in: "_system")
        XCTAssertEqual(subscriptions, ["workers"])
        let stats = try await connection.streamStats(topic, in: "_system")
        XCTAssertEqual(stats["msgInCounter"], 4)
        let workers = stats["subscriptions"]["workers"]
        XCTAssertEqual(workers["type"], "Exclusive")
        XCTAssertEqual(workers["consumers"].arrayValue?.count, 1)
        XCTAssertEqual(workers["msgBacklog"], 2)
        for message in redelivered { second.tail.acknowledge(message.id) }
        let drained = try await eventually {
            try await self.connection.streamStats(topic, in: "_system")["subscriptions"]["workers"]["msgBacklog"] == 0
        }
        XCTAssertTrue(drained, "acknowledging the last two empties the backlog")
    }

    func testSecondExclusiveConsumerIsRefused() async throws {
        let topic = try await connection.createStream("solo", local: false, in: "_system").topic
        let exclusive = StreamTailOptions(subscription: "only", subscriptionType: "Exclusive")
        let holder = try await tail(topic, exclusive)
        await expectRefusal(409, .httpConflict) { _ = try await self.connection.tail(topic, in: "_system", options: exclusive) }
        await expectRefusal(409, .httpConflict) {
            _ = try await self.connection.tail(topic, in: "_system", options: StreamTailOptions(subscription: "only", subscriptionType: "Shared"))
        }
        await expectRefusal(400, .badParameter) {
            _ = try await self.connection.tail(topic, in: "_system", options: StreamTailOptions(subscription: "x", subscriptionType: "Broadcast"))
        }
        let stats = try await connection.streamStats(topic, in: "_system")
        XCTAssertEqual(stats["subscriptions"]["only"]["consumers"].arrayValue?.count, 1, "the refused consumers left no trace")

        // The holder still gets messages; once it leaves, another may take over.
        try await connection.publish(OutgoingStreamMessage(text: "for the holder"), to: topic, in: "_system")
        let held = await holder.next(1)
        XCTAssertEqual(held.map(\.text), ["for the holder"])
        holder.tail.acknowledge(held.first?.id ?? "")
        holder.close()
        let successor = try await tail(topic, exclusive)
        successor.close()
    }

    func testCollectionStreamCarriesInserts() async throws {
        _ = try await connection.createCollection("orders", in: "_system", options: ["stream": true])
        // Written before anything asked for a stream: the change is still published.
        _ = try await connection.insertDocument(["_key": "a", "n": 1], into: "orders", fabric: "_system")
        let listed = try await connection.streams(in: "_system")
        XCTAssertEqual(listed, [StreamSummary(topic: "orders", isLocal: true, isPersistent: true)])
        XCTAssertTrue(listed.first?.isCollectionStream == true)

        let reader = try await tail("orders", StreamTailOptions(start: .earliest))
        defer { reader.close() }
        _ = try await connection.insertDocument(["_key": "b", "n": 2], into: "orders", fabric: "_system")
        let changes = await reader.next(2)
        XCTAssertEqual(changes.map(\.key), ["a", "b"])
        XCTAssertEqual(changes.map { $0.properties["op"] }, ["insert", "insert"])
        XCTAssertEqual(changes.map { $0.properties["collection"] }, ["orders", "orders"])
        XCTAssertEqual(try changes.map { try JSON.parse($0.text)["n"] }, [1, 2])
    }
}

extension ConnectionContractTests {
    /// The console's `:filter`: one C8QL expression over `msg`, judged for a
    /// batch of payloads at once, with C8QL's truthiness; a bad expression
    /// is the parser's 1501.
    func testFilterMessagesJudgesABatchWithC8QL() async throws {
        let payloads: [JSON] = [["price": 5], ["price": 150, "tags": ["a"]], "text", .null, ["price": "999"]]
        let verdicts = try await connection.filterMessages("msg.price > 100", payloads: payloads, in: "_system")
        XCTAssertEqual(verdicts, [false, true, false, false, true], "\"999\" > 100: strings sort after numbers")
        let truthy = try await connection.filterMessages("msg.tags", payloads: payloads, in: "_system")
        XCTAssertEqual(truthy, [false, true, false, false, false])
        let none = try await connection.filterMessages("true", payloads: [], in: "_system")
        XCTAssertEqual(none, [])
        await expectRefusal(400, .queryParse) {
            _ = try await self.connection.filterMessages("msg.price >", payloads: payloads, in: "_system")
        }
        // A filter only reads, even in a subquery: nothing is inserted.
        _ = try await connection.createCollection("untouched", in: "_system", options: [:])
        await expectRefusal(400, .badParameter) {
            _ = try await self.connection.filterMessages(#"LENGTH(FOR i IN 1..1 INSERT {} INTO untouched RETURN 1) > 0"#,
                                                         payloads: payloads, in: "_system")
        }
        let count = try await connection.query(QueryRequest(query: #"RETURN COLLECTION_COUNT("untouched")"#), in: "_system")
        XCTAssertEqual(count.results, [0])

        // A read-only query request is refused the same way, before it runs.
        await expectRefusal(400, .badParameter) {
            _ = try await self.connection.query(QueryRequest(query: "RETURN (INSERT {} INTO untouched RETURN 1)", readOnly: true),
                                                in: "_system")
        }
        let read = try await connection.query(QueryRequest(query: #"RETURN COLLECTION_COUNT("untouched")"#, readOnly: true),
                                              in: "_system")
        XCTAssertEqual(read.results, [0])
    }
}
