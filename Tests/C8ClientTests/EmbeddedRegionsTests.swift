import C8Client
import C8Core
import Foundation
import XCTest

/// The embedded connection over a three-region federation in real time:
/// region switching, the simulator, spot routing.
final class EmbeddedRegionsTests: XCTestCase {
    private var connection: EmbeddedConnection!

    override func setUpWithError() throws {
        connection = try EmbeddedConnection.inMemory()
    }

    override func tearDown() {
        connection.close()
    }

    /// Polls `condition` for up to two seconds (replication has real latency here).
    private func eventually(_ condition: () async throws -> Bool) async throws -> Bool {
        for _ in 0..<200 {
            if try await condition() { return true }
            try await Task.sleep(nanoseconds: 10_000_000)
        }
        return false
    }

    func testTheConnectionTalksToOneRegionAtATime() async throws {
        XCTAssertEqual(connection.region, "us-east")
        _ = try await connection.createCollection("cities", in: "_system", options: [:])
        _ = try await connection.insertDocument(["_key": "nyc"], into: "cities", fabric: "_system")
        try await connection.useRegion("ap-south")
        XCTAssertEqual(connection.region, "ap-south")
        let arrived = try await eventually { (try? await self.connection.document("nyc", in: "cities", fabric: "_system")) != nil }
        XCTAssertTrue(arrived, "the write replicated to ap-south")
        do {
            try await connection.useRegion("mars")
            XCTFail("an unknown region is refused")
        } catch {
            XCTAssertEqual(error.errorNum, 102024)
        }
        XCTAssertEqual(connection.region, "ap-south")
    }

    func testTheSimulatorIsDrivenThroughTheConnection() async throws {
        var status = try await connection.simulatorStatus()
        XCTAssertEqual(status.regions.map(\.name), ["us-east", "eu-west", "ap-south"])
        XCTAssertEqual(status.region("eu-west")?.nodes.count, 3)
        XCTAssertEqual(status.region("us-east")?.link(to: "ap-south")?.latencyMs, 200)
        try await connection.simulate(.partition("us-east", "eu-west"))
        try await connection.simulate(.latency("us-east", "ap-south", milliseconds: 5))
        try await connection.simulate(.nodeDown(region: "eu-west", node: "n2"))
        status = try await connection.simulatorStatus()
        XCTAssertEqual(status.region("eu-west")?.link(to: "us-east")?.partitioned, true)
        XCTAssertEqual(status.region("ap-south")?.link(to: "us-east")?.latencyMs, 5)
        XCTAssertEqual(status.region("eu-west")?.nodes.first { $0.id == "n2" }?.up, false)
        try await connection.simulate(.heal(nil))
        try await connection.simulate(.regionDown("ap-south"))
        status = try await connection.simulatorStatus()
        XCTAssertEqual(status.region("eu-west")?.link(to: "us-east")?.partitioned, false)
        XCTAssertEqual(status.region("ap-south")?.up, false)
        try await connection.useRegion("ap-south")
        do {
            _ = try await connection.fabrics()
            XCTFail("a region that is down serves no one")
        } catch {
            XCTAssertEqual(error.code, 503)
            XCTAssertEqual(error.message, "region ap-south is down")
        }
        try await connection.simulate(.regionUp("ap-south"))
        let fabrics = try await connection.fabrics()
        XCTAssertFalse(fabrics.isEmpty)
    }

    func testACursorIsPagedFromItsRegionAfterASwitch() async throws {
        _ = try await connection.createCollection("nums", in: "_system", options: [:])
        _ = try await connection.insertDocuments((0..<5).map { ["_key": .string("n\($0)")] }, into: "nums", fabric: "_system")
        let first = try await connection.query(QueryRequest(query: "FOR n IN nums RETURN n._key", batchSize: 2), in: "_system")
        let cursor = try XCTUnwrap(first.cursorId)
        XCTAssertTrue(cursor.hasPrefix("us-east/"), cursor)
        try await connection.useRegion("eu-west")
        let second = try await connection.nextPage(of: cursor, in: "_system")
        XCTAssertEqual(second.results.count, 2, "the cursor is still us-east's")
        try await connection.closeCursor(second.cursorId ?? cursor, in: "_system")
    }

    func testAQueryWritingASpotCollectionRunsInTheSpotRegion() async throws {
        _ = try await connection.createCollection("ledger", in: "_system", options: ["strongConsistency": true])
        try await connection.useRegion("ap-south")
        let page = try await connection.query(
            QueryRequest(query: "FOR i IN 1..3 INSERT {_key: TO_STRING(i)} INTO ledger RETURN NEW._key"), in: "_system")
        XCTAssertEqual(page.results, ["1", "2", "3"])
        try await connection.useRegion("us-east")
        let stored = try await connection.document("2", in: "ledger", fabric: "_system")
        XCTAssertNotNil(stored, "written by the spot region itself")
    }

    func testSpotWritesGoToTheSpotRegionFromAnywhere() async throws {
        try await connection.createFabric("bank", options: [:])
        let fabrics = try await connection.fabrics()
        XCTAssertEqual(fabrics.first { $0.name == "bank" }?.spotRegion, "us-east", "automatic picks the spot-capable region")
        _ = try await connection.createCollection("accounts", in: "bank", options: ["strongConsistency": true])
        try await connection.useRegion("eu-west")
        let created = try await eventually {
            (try? await self.connection.collections(in: "bank").contains { $0.name == "accounts" }) ?? false
        }
        XCTAssertTrue(created)
        _ = try await connection.insertDocument(["_key": "ann", "balance": 10], into: "accounts", fabric: "bank")
        try await connection.useRegion("us-east")
        let atSpot = try await connection.document("ann", in: "accounts", fabric: "bank")
        XCTAssertEqual(atSpot?["balance"], 10, "acknowledged by the spot region itself")

        try await connection.simulate(.partition("us-east", "eu-west"))
        try await connection.useRegion("eu-west")
        do {
            _ = try await connection.updateDocument("ann", with: ["balance": 0], in: "accounts", fabric: "bank")
            XCTFail("a cut-off spot region refuses rather than answering stale")
        } catch {
            XCTAssertEqual(error.code, 503)
            XCTAssertTrue(error.message.contains("unreachable"), error.message)
        }
    }
}
