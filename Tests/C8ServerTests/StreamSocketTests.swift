import C8Core
import C8Net
@testable import C8Server
import Foundation
import XCTest

/// The Pulsar WebSocket API v2 under `/_ws/ws/v2/` over a real loopback
/// socket, with authentication and permissions: frames, receipts, acks,
/// readers, refusals before the handshake, one-time passwords.
final class StreamSocketTests: XCTestCase {
    private var api: AuthAPIHarness!
    private var server: HTTPServer!
    private var port = 0

    override func setUpWithError() throws {
        api = try AuthAPIHarness()
        var configuration = HTTPServerConfiguration(listeners: [HTTPListenerConfiguration(host: "127.0.0.1", port: 0)])
        configuration.log = .disabled
        server = HTTPServer(configuration: configuration, handler: api.handler)
        try server.start()
        port = server.port ?? 0
        XCTAssertEqual(api.admin(.post, "/_fabric/_system/_api/streams/s1?global=true").status, 200)
    }

    override func tearDown() {
        server.stop()
    }

    private let namespace = "c8/c8global._system/c8globals.s1"

    private func connect(_ path: String, authorization: String? = "apikey " + AuthAPIHarness.adminKey) throws -> WebSocketClient {
        var headers = HTTPHeaders()
        if let authorization { headers.add("Authorization", authorization) }
        return try WebSocketClient.connect(to: "ws://127.0.0.1:\(port)/_ws/ws/v2/\(path)", headers: headers)
    }

    private func refusal(_ path: String, authorization: String? = "apikey " + AuthAPIHarness.adminKey) -> Int? {
        do {
            let socket = try connect(path, authorization: authorization)
            _ = try? socket.close()
            return nil
        } catch let error as NetworkClientError {
            return error.response?.status
        } catch {
            return -1
        }
    }

    private func frame(_ socket: WebSocketClient) throws -> JSON {
        guard case .text(let text)? = try socket.receive(timeout: .seconds(5)) else {
            XCTFail("no text frame")
            return .null
        }
        return try JSON.parse(text)
    }

    private func publish(_ producer: WebSocketClient, _ text: String, key: String? = nil) throws -> String {
        var frame: JSONObject = ["payload": .string(Data(text.utf8).base64EncodedString()), "context": "c1",
                                 "properties": ["p": "v"]]
        if let key { frame["key"] = .string(key) }
        try producer.send(text: JSON.object(frame).jsonString())
        let receipt = try self.frame(producer)
        XCTAssertEqual(receipt["result"], "ok", receipt.jsonString())
        XCTAssertEqual(receipt["context"], "c1")
        return try XCTUnwrap(receipt["messageId"].stringValue)
    }

    private func text(_ message: JSON) -> String? {
        message["payload"].stringValue.flatMap { Data(base64Encoded: $0) }.map { String(decoding: $0, as: UTF8.self) }
    }

    func testProducerToConsumerInOrderWithReceiptsAndAcks() throws {
        let consumer = try connect("consumer/persistent/\(namespace)/sub1?subscriptionType=Exclusive&receiverQueueSize=10")
        let producer = try connect("producer/persistent/\(namespace)?producerName=p1")
        let ids = try (0..<3).map { try publish(producer, "m\($0)", key: "k") }
        for (index, id) in ids.enumerated() {
            let message = try frame(consumer)
            XCTAssertEqual(text(message), "m\(index)")
            XCTAssertEqual(message["messageId"].stringValue, id)
            XCTAssertEqual(message["properties"], ["p": "v"])
            XCTAssertEqual(message["key"], "k")
            XCTAssertEqual(message["redeliveryCount"], 0)
            XCTAssertNotNil(message["publishTime"].stringValue?.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$"#, options: .regularExpression))
            try consumer.send(text: #"{"messageId": "\#(id)"}"#)
        }
        try producer.send(text: #"{"payload": "not base64!"}"#)
        XCTAssertEqual(try frame(producer)["result"].stringValue?.hasPrefix("send-error:"), true)
        try consumer.close()
        try producer.close()
    }

    /// Non-ASCII payloads, keys and properties (escapes included) reach the
    /// consumer as they were sent, pipelined or not: frames are read as
    /// bytes where they arrived, never re-encoded on the way.
    func testNonASCIIMessagesArriveIntact() throws {
        let consumer = try connect("consumer/persistent/\(namespace)/sub1?subscriptionType=Exclusive&receiverQueueSize=50")
        let producer = try connect("producer/persistent/\(namespace)?producerName=p1")
        let texts = (0..<20).map { "é\($0) 東京 🎉 \"q\" \\ \u{1}" }
        for (index, text) in texts.enumerated() {
            let frame: JSONObject = ["payload": .string(Data(text.utf8).base64EncodedString()), "key": .string("ключ\(index)"),
                                     "properties": ["ñ": .string("値\"\n\(index)"), "plain": "v"]]
            try producer.send(text: JSON.object(frame).jsonString())
        }
        for _ in texts { XCTAssertEqual(try frame(producer)["result"], "ok") }
        for (index, text) in texts.enumerated() {
            let message = try frame(consumer)
            XCTAssertEqual(self.text(message), text)
            XCTAssertEqual(message["key"].stringValue, "ключ\(index)")
            XCTAssertEqual(message["properties"], ["ñ": .string("値\"\n\(index)"), "plain": "v"])
            try consumer.send(text: JSON.object(["messageId": message["messageId"]]).jsonString())
        }
        try consumer.close()
        try producer.close()
    }

    /// Frames sent without waiting reach the stream in groups; their
    /// receipts (sent a group at a time) and the deliveries (framed a batch
    /// at a time on the consumer's loop) still come one per message, in
    /// order, and a consumer with a small queue gets everything through its
    /// permits.
    func testPipelinedPublishesAreAnsweredAndDeliveredInOrder() throws {
        let consumer = try connect("consumer/persistent/\(namespace)/sub1?subscriptionType=Exclusive&receiverQueueSize=7")
        let producer = try connect("producer/persistent/\(namespace)?producerName=p1")
        let count = 500
        for index in 0..<count {
            let payload = Data("m\(index)".utf8).base64EncodedString()
            try producer.send(text: index % 100 == 50 ? #"{"payload":"\#(payload)","context":"c\#(index)"}"# : #"{"payload":"\#(payload)"}"#)
        }
        var ids: [String] = []
        for index in 0..<count {
            let receipt = try frame(producer)
            XCTAssertEqual(receipt["result"], "ok", receipt.jsonString())
            if index % 100 == 50 { XCTAssertEqual(receipt["context"].stringValue, "c\(index)") }
            ids.append(try XCTUnwrap(receipt["messageId"].stringValue))
        }
        XCTAssertEqual(Set(ids).count, count)
        for index in 0..<count {
            let message = try frame(consumer)
            XCTAssertEqual(text(message), "m\(index)")
            XCTAssertEqual(message["messageId"].stringValue, ids[index])
            try consumer.send(text: #"{"messageId": "\#(ids[index])"}"#)
        }
        try consumer.close()
        try producer.close()
    }

    func testReaderFromEarliestAndExclusiveRefusal() throws {
        let producer = try connect("producer/persistent/\(namespace)")
        _ = try publish(producer, "first")
        _ = try publish(producer, "second")
        let reader = try connect("reader/persistent/\(namespace)?messageId=earliest")
        XCTAssertEqual(text(try frame(reader)), "first")
        XCTAssertEqual(text(try frame(reader)), "second")

        let holder = try connect("consumer/persistent/\(namespace)/only")
        XCTAssertEqual(refusal("consumer/persistent/\(namespace)/only"), 409)
        try holder.close()
        try reader.close()
        try producer.close()
    }

    func testRefusalsHappenBeforeTheHandshake() throws {
        XCTAssertEqual(refusal("producer/persistent/\(namespace)", authorization: nil), 401)
        XCTAssertEqual(refusal("producer/persistent/c8/c8global._system/c8globals.missing"), 404)
        XCTAssertEqual(refusal("producer/persistent/c8/c8local._system/c8globals.s1"), 400, "topic outside its namespace")
        XCTAssertEqual(refusal("producer/non-persistent/\(namespace)"), 404, "s1 is persistent")
        XCTAssertEqual(refusal("consumer/persistent/\(namespace)/s?subscriptionType=Sometimes"), 400)

        let secret = api.createKey("streamro")
        XCTAssertEqual(api.admin(.put, "/_api/key/streamro/database/_system", body: #"{"grant": "ro"}"#).status, 200)
        XCTAssertEqual(refusal("producer/persistent/\(namespace)", authorization: "apikey " + secret), 403)
        let consumer = try connect("consumer/persistent/\(namespace)/ro", authorization: "apikey " + secret)
        try consumer.close()
    }

    func testDeletingTheStreamWithForceClosesItsSockets() throws {
        let consumer = try connect("consumer/persistent/\(namespace)/held")
        XCTAssertEqual(api.admin(.delete, "/_fabric/_system/_api/streams/c8globals.s1").status, 412, "a consumer is connected")
        XCTAssertEqual(api.admin(.delete, "/_fabric/_system/_api/streams/c8globals.s1?force=true").status, 200)
        XCTAssertNil(try consumer.receive(timeout: .seconds(5)))
        XCTAssertEqual(consumer.closeStatus?.code, .goingAway)
    }

    func testOneTimePasswordOpensOneSocket() throws {
        let issued = api.admin(.post, "/apid/otp")
        let password = try XCTUnwrap(issued.json["otp"].stringValue)
        let path = "reader/persistent/\(namespace)?otp=\(password)"
        let reader = try connect(path, authorization: nil)
        try reader.close()
        XCTAssertEqual(refusal(path, authorization: nil), 401, "a one-time password works once")
    }
}
