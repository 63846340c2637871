import C8Client
import C8Core
import XCTest

final class DemoTrafficTests: XCTestCase {
    private var connection: EmbeddedConnection!

    override func setUpWithError() throws {
        connection = try EmbeddedConnection.inMemory()
    }

    override func tearDown() {
        connection.close()
        super.tearDown()
    }

    private func publishedCount() async throws -> Int64? {
        try await connection.streamStats(DemoTraffic.topic, in: "_system")["msgInCounter"].intValue
    }

    func testPublishesTicksUntilStoppedAndNothingAfter() async throws {
        _ = try await connection.createStream(DemoData.tickStream, local: false, in: "_system")
        let reader = TailReader(try await connection.tail(DemoTraffic.topic, in: "_system", options: StreamTailOptions()))
        defer { reader.close() }
        let traffic = DemoTraffic(connection: connection, interval: .milliseconds(20))
        traffic.start()
        traffic.start()  // a second start is ignored: one publisher, one sequence

        let ticks = await reader.next(5)
        await traffic.stop()
        XCTAssertNil(traffic.failure)
        let payloads = try ticks.map { try JSON.parse($0.text) }
        XCTAssertEqual(payloads.map { $0["seq"] }, [1, 2, 3, 4, 5], "one sequence, from 1")
        XCTAssertEqual(payloads.map { $0["symbol"] }, ["ACME", "GLOBEX", "INITECH", "UMBRELLA", "ACME"])
        XCTAssertEqual(ticks.map(\.key), payloads.map { $0["symbol"].stringValue })
        XCTAssertTrue(payloads.allSatisfy { ($0["price"].doubleValue ?? 0) > 0 }, "\(payloads)")
        XCTAssertEqual(ticks.first?.properties, ["source": "demo"])

        let afterStop = try await publishedCount()
        XCTAssertEqual(afterStop, Int64(traffic.published), "the stream got exactly what the publisher counted")
        XCTAssertGreaterThanOrEqual(traffic.published, 5)
        // Ten intervals later: still nothing new.
        try await Task.sleep(for: .milliseconds(200))
        let later = try await publishedCount()
        XCTAssertEqual(later, afterStop, "nothing is published after stop() returns")
        await traffic.stop()  // stopping twice is harmless
    }

    func testWithoutTheStreamItPublishesNothingAndSaysWhy() async throws {
        let traffic = DemoTraffic(connection: connection, interval: .milliseconds(10))
        traffic.start()
        let ended = await eventually { traffic.failure != nil }
        XCTAssertTrue(ended)
        XCTAssertEqual(traffic.failure?.code, 404, "\(String(describing: traffic.failure))")
        await traffic.stop()
        XCTAssertEqual(traffic.published, 0)
        let streams = try await connection.streams(in: "_system")
        XCTAssertEqual(streams, [], "the demo traffic does not create its stream")
    }

    func testStopBeforeStartReturns() async {
        let traffic = DemoTraffic(connection: connection)
        await traffic.stop()
        XCTAssertEqual(traffic.published, 0)
    }
}
