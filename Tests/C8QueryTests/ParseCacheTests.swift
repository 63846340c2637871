import C8Core
@testable import C8Query
import XCTest

/// The query engine's cache of parsed texts: a text sent again is not
/// parsed again, while everything that depends on more than the text
/// (bind values, collections, indexes) is still decided per run.
final class ParseCacheTests: QueryTestCase {
    func testSameTextIsParsedOnceAndKeptOnce() throws {
        let cache = ParseCache()
        let first = try cache.parse("FOR u IN users FILTER u.age > @min RETURN u")
        let again = try cache.parse("FOR u IN users FILTER u.age > @min RETURN u")
        XCTAssertEqual(cache.count, 1)
        XCTAssertEqual(first.bindParameters, ["min"])
        XCTAssertEqual(again.bindParameters, ["min"])
        XCTAssertEqual(again.collections, ["users"])
        _ = try cache.parse("FOR u IN users RETURN u")
        XCTAssertEqual(cache.count, 2, "another text is another entry")
    }

    func testFailuresAreNotKeptAndFailAgain() {
        let cache = ParseCache()
        for _ in 0..<2 {
            XCTAssertThrowsError(try cache.parse("FOR u IN users RETURN")) { error in
                XCTAssertEqual((error as? C8Error)?.errorNum, ErrorCode.queryParse.rawValue)
            }
            XCTAssertThrowsError(try cache.parse("  \n ")) { error in
                XCTAssertEqual((error as? C8Error)?.errorNum, ErrorCode.queryEmpty.rawValue)
            }
        }
        XCTAssertEqual(cache.count, 0)
    }

    func testCapacityAndLongTextsBoundTheCache() throws {
        let cache = ParseCache(capacity: 3, maximumTextLength: 40)
        for i in 0..<7 { _ = try cache.parse("RETURN \(i)") }
        XCTAssertLessThanOrEqual(cache.count, 3)
        let cleared = ParseCache(capacity: 3, maximumTextLength: 40)
        let long = "RETURN [" + Array(repeating: "1", count: 30).joined(separator: ",") + "]"
        XCTAssertEqual(try cleared.parse(long).query.operations.count, 1)
        XCTAssertEqual(cleared.count, 0, "texts over the length limit are parsed every time, not kept")
    }

    /// One-off texts (values written into the query) pass through without
    /// pushing out the texts a workload keeps sending: those stay parsed.
    func testTextsThatComeBackStayWhileOneOffsPassThrough() throws {
        let cache = ParseCache(capacity: 8, maximumTextLength: 100)
        let hot = ["FOR u IN users FILTER u.age > @min RETURN u", "FOR u IN users FILTER u._key == @key RETURN u"]
        for i in 0..<60 {
            _ = try cache.parse("RETURN \(i)")
            if i % 3 == 0 { for text in hot { _ = try cache.parse(text) } }
        }
        XCTAssertEqual(cache.parses, 60 + hot.count, "each hot text parsed once, each one-off once")
        XCTAssertLessThanOrEqual(cache.count, 8)
        // A text that does not come back within a generation is dropped.
        let sparse = ParseCache(capacity: 4, maximumTextLength: 100)
        _ = try sparse.parse("RETURN \"once\"")
        for i in 0..<5 { _ = try sparse.parse("RETURN \(i)") }
        _ = try sparse.parse("RETURN \"once\"")
        XCTAssertEqual(sparse.parses, 7)
    }

    /// The engine keeps parses, but each run plans with its own bind values.
    func testEngineReusesTheParseButNotTheBindValues() throws {
        let text = "FOR u IN users FILTER u.age >= @lo AND u.age < @hi SORT u.age RETURN u._key"
        XCTAssertEqual(try run(text, ["lo": 30, "hi": 50]), ["ada", "alan"])
        XCTAssertEqual(try run(text, ["lo": 70, "hi": 81]), ["edsger", "barbara"])
        XCTAssertEqual(queries.parseCache.count, 1)
        assertQueryError(text, .queryBindParameterMissing, bind: ["lo": 30])
    }

    /// A kept parse names collections, not what they hold: a collection or
    /// index created or dropped after the first run is seen by the next.
    func testEngineSeesSchemaChangesAfterTheFirstRun() throws {
        let text = "FOR p IN pets FILTER p.legs == @legs RETURN p._key"
        assertQueryError(text, .collectionNotFound, bind: ["legs": 4])
        let pets = try fabric.createCollection("pets")
        _ = try pets.insert(many: [["_key": "cat", "legs": 4], ["_key": "bird", "legs": 2]])
        XCTAssertEqual(try run(text, ["legs": 4]), ["cat"])
        func usesIndex() throws -> Bool {
            let nodes = try queries.explain(text, bindVariables: ["legs": 4], fabric: fabric)["plan"]["nodes"].arrayValue ?? []
            return nodes.contains { $0["type"] == "IndexNode" }
        }
        XCTAssertFalse(try usesIndex())
        let (index, _) = try pets.createIndex(["type": "persistent", "fields": ["legs"]])
        XCTAssertTrue(try usesIndex(), "an index created after the text was kept is used")
        XCTAssertEqual(try run(text, ["legs": 2]), ["bird"])
        try pets.dropIndex(index.name)
        XCTAssertFalse(try usesIndex(), "a dropped index is no longer used")
        XCTAssertEqual(try run(text, ["legs": 4]), ["cat"])
        try fabric.dropCollection("pets")
        assertQueryError(text, .collectionNotFound, bind: ["legs": 4])
    }
}
