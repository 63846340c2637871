import C8Core
import C8Net
@testable import C8Server
import Foundation
import XCTest

/// Flow control over a stream socket, as Pulsar's WebSocket proxy does it:
/// a consumer holds at most `receiverQueueSize` messages unacknowledged,
/// and each ack gives a permit back.
///
/// A consumer that subscribes to a stream with a backlog gets deliveries
/// at once, before its socket is attached to the consumer; permits must
/// still reach it. They were dropped once, and a consumer that connected
/// to a backlog larger than its receiver queue stalled for good (found by
/// the crash campaign's drain, ServeStreamCrashTests).
final class StreamSocketPermitTests: XCTestCase {
    /// A server on a free port with the global stream `stream`: its
    /// WebSocket base URL, the admin's headers and the stream's path.
    private func serve(_ stream: String) throws -> (server: HTTPServer, base: String, headers: HTTPHeaders, namespace: String) {
        let api = try AuthAPIHarness()
        var configuration = HTTPServerConfiguration(listeners: [HTTPListenerConfiguration(host: "127.0.0.1", port: 0)])
        configuration.log = .disabled
        let server = HTTPServer(configuration: configuration, handler: api.handler)
        try server.start()
        XCTAssertEqual(api.admin(.post, "/_fabric/_system/_api/streams/\(stream)?global=true").status, 200)
        var headers = HTTPHeaders()
        headers.add("Authorization", "apikey " + AuthAPIHarness.adminKey)
        return (server, "ws://127.0.0.1:\(server.port ?? 0)/_ws/ws/v2/", headers, "c8/c8global._system/c8globals.\(stream)")
    }

    func testAConsumerOfABacklogGetsAllOfItWhateverItsQueueSize() throws {
        let (server, base, headers, namespace) = try serve("backlog")
        defer { server.stop() }

        let producer = try WebSocketClient.connect(to: base + "producer/persistent/\(namespace)", headers: headers)
        let count = 400
        for index in 0..<count {
            try producer.send(text: #"{"payload":"\#(Data("m\(index)".utf8).base64EncodedString())"}"#)
        }
        for _ in 0..<count {
            guard case .text(let receipt)? = try producer.receive(timeout: .seconds(10)) else { return XCTFail("no receipt") }
            XCTAssertTrue(receipt.contains("\"ok\""), receipt)
        }
        try producer.close()

        // Each round a new subscription reads the whole backlog through a small queue.
        for round in 0..<24 {
            let queueSize = [2, 4, 10, 20][round % 4]
            let consumer = try WebSocketClient.connect(
                to: base + "consumer/persistent/\(namespace)/s\(round)?subscriptionInitialPosition=Earliest&receiverQueueSize=\(queueSize)",
                headers: headers)
            var received = 0
            while received < count, case .text(let frame)? = try consumer.receive(timeout: .seconds(5)) {
                received += 1
                let id = try XCTUnwrap(JSON.parse(frame)["messageId"].stringValue)
                try consumer.send(text: #"{"messageId":"\#(id)"}"#)
            }
            XCTAssertEqual(received, count, "round \(round), receiverQueueSize \(queueSize): the consumer stalled")
            try consumer.close()
        }

        // Without acks a consumer gets its queue's worth and no more; acks
        // let the rest flow (half the queue's permits at a time).
        let holder = try WebSocketClient.connect(
            to: base + "consumer/persistent/\(namespace)/holder?subscriptionInitialPosition=Earliest&receiverQueueSize=4",
            headers: headers)
        var held: [String] = []
        while let frame = try Self.frame(holder) {
            held.append(try XCTUnwrap(JSON.parse(frame)["messageId"].stringValue))
        }
        XCTAssertEqual(held.count, 4, "receiverQueueSize bounds what is held unacknowledged")
        for id in held.prefix(2) { try holder.send(text: #"{"messageId":"\#(id)"}"#) }
        var more = 0
        while try Self.frame(holder) != nil { more += 1 }
        XCTAssertEqual(more, 2, "two acks, two more messages")
        try holder.close()

        // A reader's acks are its flow control too.
        let reader = try WebSocketClient.connect(to: base + "reader/persistent/\(namespace)?messageId=earliest&receiverQueueSize=3",
                                                 headers: headers)
        var read = 0
        while try Self.frame(reader) != nil { read += 1 }
        XCTAssertEqual(read, 3)
        try reader.close()
    }

    /// The next text frame, or nil when none comes within 0.7 s.
    private static func frame(_ client: WebSocketClient) throws -> String? {
        do {
            guard case .text(let text)? = try client.receive(timeout: .milliseconds(700)) else { return nil }
            return text
        } catch let error as NetworkClientError where error.kind == .timedOut {
            return nil
        }
    }

    /// `pullMode=true`: nothing arrives before the client's permit frame.
    func testPullModeWaitsForTheFirstPermit() throws {
        let (server, base, headers, namespace) = try serve("pull")
        defer { server.stop() }
        let producer = try WebSocketClient.connect(to: base + "producer/persistent/\(namespace)", headers: headers)
        for index in 0..<6 {
            try producer.send(text: #"{"payload":"\#(Data("p\(index)".utf8).base64EncodedString())"}"#)
            guard case .text? = try producer.receive(timeout: .seconds(10)) else { return XCTFail("no receipt") }
        }
        try producer.close()
        let consumer = try WebSocketClient.connect(
            to: base + "consumer/persistent/\(namespace)/p?subscriptionInitialPosition=Earliest&pullMode=true&receiverQueueSize=5",
            headers: headers)
        XCTAssertNil(try Self.frame(consumer), "delivered before any permit")
        try consumer.send(text: #"{"type":"permit","permitMessages":2}"#)
        var received = 0
        while try Self.frame(consumer) != nil { received += 1 }
        XCTAssertEqual(received, 2)
        try consumer.close()
    }
}
