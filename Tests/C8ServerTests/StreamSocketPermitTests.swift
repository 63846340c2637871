import C8Core
import C8Net
@testable import C8Server
import Foundation
import XCTest

/// A consumer that subscribes to a stream with a backlog gets deliveries
/// at once, before its socket is attached to the consumer; the permits of
/// those first frames must still reach it. They were dropped, and a
/// consumer that connected to a backlog larger than its receiver queue
/// stalled after `receiverQueueSize` messages for good (found by the crash
/// campaign's drain, ServeStreamCrashTests).
final class StreamSocketPermitTests: XCTestCase {
    func testAConsumerOfABacklogGetsAllOfItWhateverItsQueueSize() throws {
        let api = try AuthAPIHarness()
        var configuration = HTTPServerConfiguration(listeners: [HTTPListenerConfiguration(host: "127.0.0.1", port: 0)])
        configuration.log = .disabled
        let server = HTTPServer(configuration: configuration, handler: api.handler)
        try server.start()
        defer { server.stop() }
        let port = server.port ?? 0
        XCTAssertEqual(api.admin(.post, "/_fabric/_system/_api/streams/backlog?global=true").status, 200)
        var headers = HTTPHeaders()
        headers.add("Authorization", "apikey " + AuthAPIHarness.adminKey)
        let base = "ws://127.0.0.1:\(port)/_ws/ws/v2/"
        let namespace = "c8/c8global._system/c8globals.backlog"

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
            while received < count, case .text? = try consumer.receive(timeout: .seconds(5)) {
                received += 1
            }
            XCTAssertEqual(received, count, "round \(round), receiverQueueSize \(queueSize): the consumer stalled")
            try consumer.close()
        }
    }
}
