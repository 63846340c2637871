import C8Core
@testable import C8Query
import XCTest

/// A full scan collected straight away (``ScanCollectSource``) must give
/// what the general scan-then-COLLECT path gives; a `LET` between the two
/// keeps a query on the general path, so each query is run both ways.
final class ScanCollectTests: QueryTestCase {
    /// Whether the plan of `text` starts with the fused scan and COLLECT.
    private func isFused(_ text: String, _ bind: JSONObject = JSONObject()) throws -> Bool {
        let prepared = try PreparedQuery(text: text, fabric: fabric, bindVariables: bind, options: QueryOptions())
        guard prepared.steps.count >= 2, case .enumerateCollection(let enumerate) = prepared.steps[0],
              case .collect(let collect) = prepared.steps[1] else { return false }
        return ScanCollectSource.Fusion(enumerate, collect) != nil
    }

    /// Runs `FOR u IN users <collect> RETURN …` fused and unfused, and
    /// checks that both agree (and that the first is fused).
    private func assertSameBothWays(_ collect: String, returning result: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let fused = "FOR u IN users \(collect) RETURN \(result)"
        let general = "FOR u IN users LET unused = 1 \(collect) RETURN \(result)"
        XCTAssertTrue(try isFused(fused), "fused: \(fused)", file: file, line: line)
        XCTAssertFalse(try isFused(general), file: file, line: line)
        let expected = try run(general)
        XCTAssertFalse(expected.isEmpty, file: file, line: line)
        XCTAssertEqual(try run(fused), expected, collect, file: file, line: line)
    }

    func testFusedCollectMatchesTheGeneralPath() throws {
        try assertSameBothWays("COLLECT city = u.city AGGREGATE n = COUNT(1), s = SUM(u.age)", returning: "{city, n, s}")
        try assertSameBothWays("COLLECT city = u.city, active = u.active AGGREGATE lo = MIN(u.age), hi = MAX(u.age), avg = AVERAGE(u.age)",
                               returning: "[city, active, lo, hi, avg]")
        try assertSameBothWays("COLLECT active = u.active AGGREGATE names = UNIQUE(u.name), keys = SORTED_UNIQUE(u._key)",
                               returning: "[active, names, keys]")
        try assertSameBothWays("COLLECT AGGREGATE n = COUNT(1), total = SUM(u.age), missing = SUM(u.nothing)", returning: "[n, total, missing]")
        try assertSameBothWays("COLLECT tags = u.tags WITH COUNT INTO n", returning: "[tags, n]")
        try assertSameBothWays("COLLECT missing = u.nothing, one = 1 AGGREGATE n = LENGTH(u.nothing)", returning: "[missing, one, n]")
    }

    func testFusedCollectResultsAndStatistics() throws {
        let run = try queries.execute(
            "FOR u IN users COLLECT city = u.city AGGREGATE n = COUNT(1), s = SUM(u.age) RETURN [city, n, s]", fabric: fabric)
        XCTAssertEqual(try run.all(), [["Austin", 1, 72], ["Boston", 1, 80], ["London", 2, 77], ["New York", 1, 85]])
        XCTAssertEqual(run.statistics.scannedFull, 5)
    }

    func testOuterVariablesSurviveAFusedCollectInASubquery() throws {
        assertQuery("FOR x IN [10, 20] LET c = (FOR u IN users COLLECT AGGREGATE n = COUNT(1) RETURN n + x) RETURN c[0]", "[15,25]")
    }

    func testEmptyCollectionGivesOneRowOnlyWithoutGroups() throws {
        _ = try fabric.createCollection("empty")
        assertQuery("FOR e IN empty COLLECT AGGREGATE n = COUNT(1), s = SUM(e.x) RETURN [n, s]", "[[0,0]]")
        assertQuery("FOR e IN empty COLLECT g = e.x WITH COUNT INTO n RETURN [g, n]", "[]")
    }

    func testWhatTheFusionDoesNotTake() throws {
        XCTAssertFalse(try isFused("FOR u IN users COLLECT id = u._id WITH COUNT INTO n RETURN [id, n]"), "_id is not stored")
        XCTAssertFalse(try isFused("FOR u IN users COLLECT city = u.city INTO g RETURN [city, g]"), "INTO needs the rows")
        XCTAssertFalse(try isFused("FOR u IN users COLLECT y = u.age + 1 WITH COUNT INTO n RETURN [y, n]"), "expressions need rows")
        XCTAssertFalse(try isFused("FOR u IN users COLLECT c = u.address.city WITH COUNT INTO n RETURN [c, n]"), "nested paths")
        XCTAssertFalse(try isFused("FOR u IN users FILTER u.age > 40 COLLECT c = u.city WITH COUNT INTO n RETURN [c, n]"))
        assertQuery("FOR u IN users COLLECT id = u._id WITH COUNT INTO n SORT id LIMIT 1 RETURN [id, n]", #"[["users/ada",1]]"#)
    }
}
