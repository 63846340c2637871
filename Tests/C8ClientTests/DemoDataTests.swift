import C8Client
import C8Core
import XCTest

final class DemoDataTests: XCTestCase {
    func testSeedsEverythingOnceThroughTheConnection() async throws {
        let connection = try EmbeddedConnection.inMemory()
        defer { connection.close() }
        let seeded = try await DemoData.seedIfEmpty(connection)
        XCTAssertTrue(seeded)
        let collections = try await connection.collections(in: "_system").filter { !$0.isSystem }
        XCTAssertEqual(collections.map(\.name), ["cities", "knows", "sessions", "users"])
        XCTAssertEqual(collections.map(\.kind), [.document, .edge, .keyValue, .document])
        XCTAssertGreaterThanOrEqual(collections.first { $0.name == "users" }?.count ?? 0, 200)
        XCTAssertEqual(collections.first { $0.name == "knows" }?.count, DemoData.userCount * 3)
        let indexes = try await connection.indexes(of: "cities", in: "_system")
        XCTAssertTrue(indexes.contains { $0["type"] == "geo" })
        let graphs = try await connection.graphs(in: "_system")
        XCTAssertEqual(graphs.map { $0["name"] }, ["social"])
        let saved = try await connection.savedQueries(in: "_system")
        XCTAssertEqual(saved.map { $0["name"] }, ["friendsOf", "usersByCity"])
        let zurich = try await connection.runSavedQuery("usersByCity", bindVariables: [:], batchSize: 1000, in: "_system")
        XCTAssertFalse(zurich.results.isEmpty)
        XCTAssertTrue(zurich.results.allSatisfy { $0["address"]["city"] == "Zürich" })
        // No user carries the same tag twice.
        let repeated = try await connection.query(QueryRequest(query: "FOR u IN users FILTER LENGTH(UNIQUE(u.tags)) != LENGTH(u.tags) RETURN u._key"),
                                                  in: "_system")
        XCTAssertEqual(repeated.results, [])
        let friends = try await connection.runSavedQuery("friendsOf", bindVariables: [:], batchSize: 1000, in: "_system")
        XCTAssertGreaterThan(friends.results.count, 3)
        let near = try await connection.query(QueryRequest(query: "FOR c IN NEAR(cities, 47.0, 8.0, 2) RETURN c.name"), in: "_system")
        XCTAssertEqual(near.results.first, "Zürich")
        let streams = try await connection.streams(in: "_system")
        XCTAssertEqual(streams, [StreamSummary(topic: "c8globals.ticks", isLocal: false)], "the demo stream, global")
        XCTAssertEqual(DemoTraffic.topic, "c8globals.ticks")
        let again = try await DemoData.seedIfEmpty(connection)
        XCTAssertFalse(again, "a fabric with data is left alone")
    }
}
