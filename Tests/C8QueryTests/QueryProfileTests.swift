import C8Core
import C8Engine
import C8Query
import XCTest

/// `options.profile` adds `extra.profile`: measured phase timings.
final class QueryProfileTests: QueryTestCase {
    private func firstBatch(_ text: String, profile: Int) throws -> JSON {
        var options = QueryOptions()
        options.profile = profile
        let run = try queries.execute(text, fabric: fabric, options: options)
        return try queries.cursors.open(run, batchSize: 2).body
    }

    func testProfiledCursorsReportEveryPhase() throws {
        let body = try firstBatch("FOR u IN users SORT u.age RETURN u.name", profile: 1)
        let profile = body["extra"]["profile"]
        for phase in ["parsing", "optimizing plan", "instantiating plan", "executing", "finalizing"] {
            let seconds = try XCTUnwrap(profile[phase].doubleValue, "phase \(phase) in \(profile.jsonString())")
            XCTAssertGreaterThanOrEqual(seconds, 0, phase)
            XCTAssertLessThan(seconds, 10, phase)
        }
        XCTAssertGreaterThan(profile["parsing"].doubleValue ?? 0, 0, "parsing took some time")
        XCTAssertGreaterThan(profile["executing"].doubleValue ?? 0, 0, "rows were produced")
    }

    func testModifyingQueriesCountTheirRunAsExecution() throws {
        try fabric.createCollection("copies")
        let body = try firstBatch("FOR u IN users INSERT u INTO copies", profile: 2)
        XCTAssertGreaterThan(body["extra"]["profile"]["executing"].doubleValue ?? 0, 0)
    }

    func testUnprofiledCursorsHaveNoProfile() throws {
        let body = try firstBatch("FOR u IN users RETURN u", profile: 0)
        XCTAssertTrue(body["extra"]["profile"].isNull)
        XCTAssertFalse(body["extra"]["stats"].isNull)
    }
}
