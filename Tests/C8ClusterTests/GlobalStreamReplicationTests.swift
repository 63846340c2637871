import C8Cluster
import C8Core
import C8Engine
import C8Streams
import Foundation
import Synchronization
import XCTest

/// Global streams across regions, in real time (stream delivery runs on
/// its own queues): created in one region, they appear in the others;
/// their messages arrive after the link latency, once, and are never sent
/// back; local streams stay home.
final class GlobalStreamReplicationTests: XCTestCase {
    private var federation: Federation!

    override func setUpWithError() throws {
        federation = try Federation.inMemory(limits: SimulatedFederation.fastLimits)
    }

    override func tearDown() {
        federation.close()
    }

    private func streams(_ region: String) throws -> StreamService {
        try XCTUnwrap(federation.streams(of: try federation.region(region)))
    }

    private func name(_ stream: String, kind: StreamName.Kind = .global) -> StreamName {
        StreamName(tenant: "c8", fabric: "_system", kind: kind, name: stream)
    }

    /// Polls for up to five seconds.
    private func eventually(_ condition: () throws -> Bool) rethrows -> Bool {
        for _ in 0..<500 {
            if try condition() { return true }
            usleep(10_000)
        }
        return false
    }

    func testAGlobalStreamAndItsMessagesReachTheOtherRegions() throws {
        try streams("us-east").createStream(name("orders"))
        XCTAssertTrue(try eventually { (try? streams("ap-south").stream(name("orders"))) != nil }, "the stream was created in ap-south")

        let received = Mutex<[StreamMessage]>([])
        let reader = try streams("ap-south").reader(on: name("orders"), start: .earliest) { message in
            received.withLock { $0.append(message) }
        }
        defer { reader.close() }
        let sent = Date()
        try streams("us-east").publish(OutgoingMessage(text: "first", key: "k1", properties: ["a": "b"]), to: name("orders"),
                                       producerName: "shop")
        XCTAssertTrue(eventually { received.withLock { $0.count } == 1 })
        XCTAssertGreaterThanOrEqual(Date().timeIntervalSince(sent), 0.2, "no sooner than us-east → ap-south's 200 ms")
        let message = try XCTUnwrap(received.withLock { $0.first })
        XCTAssertEqual(message.text, "first")
        XCTAssertEqual(message.key, "k1")
        XCTAssertEqual(message.producerName, "shop")
        XCTAssertEqual(message.properties["a"], "b")
        XCTAssertEqual(message.properties[StreamChangeMessage.originProperty], "us-east")

        // ap-south's copy is not sent back: us-east keeps one message.
        usleep(600_000)
        XCTAssertEqual(try streams("us-east").stats(of: name("orders")).msgInCounter, 1)
        XCTAssertEqual(try streams("eu-west").stats(of: name("orders")).msgInCounter, 1)
    }

    func testLocalStreamsStayInTheirRegion() throws {
        try streams("us-east").createStream(name("scratch", kind: .local))
        try streams("us-east").publish(OutgoingMessage(text: "x"), to: name("scratch", kind: .local))
        usleep(700_000)
        XCTAssertThrowsError(try streams("eu-west").stream(name("scratch", kind: .local)))
    }

    func testDeletingAGlobalStreamDeletesItEverywhere() throws {
        try streams("eu-west").createStream(name("temp"))
        XCTAssertTrue(try eventually { (try? streams("us-east").stream(name("temp"))) != nil })
        try streams("eu-west").deleteStream(name("temp"), force: true)
        XCTAssertTrue(try eventually { (try? streams("us-east").stream(name("temp"))) == nil })
        XCTAssertTrue(try eventually { (try? streams("ap-south").stream(name("temp"))) == nil })
    }
}
