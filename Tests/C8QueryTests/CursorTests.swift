import C8Core
import C8Engine
import C8Query
import Foundation
import XCTest

final class CursorTests: QueryTestCase {
    func testBatchesUntilExhausted() throws {
        let run = try queries.execute("FOR i IN 1..25 RETURN i", fabric: fabric)
        let (cursor, first) = try queries.cursors.open(run, batchSize: 10)
        XCTAssertEqual(first["result"].arrayValue?.count, 10)
        XCTAssertEqual(first["hasMore"], true)
        XCTAssertEqual(first["id"], .string(cursor.id))
        XCTAssertEqual(queries.cursors.openCursorCount, 1)
        let second = try queries.cursors.next(cursor.id)
        XCTAssertEqual(second["result"], .array((11...20).map { .int(Int64($0)) }))
        let third = try queries.cursors.next(cursor.id)
        XCTAssertEqual(third["result"].arrayValue?.count, 5)
        XCTAssertEqual(third["hasMore"], false)
        XCTAssertEqual(third["id"], .null)
        XCTAssertEqual(queries.cursors.openCursorCount, 0, "an exhausted cursor is freed")
        XCTAssertThrowsError(try queries.cursors.next(cursor.id)) { XCTAssertEqual(($0 as? C8Error)?.errorNum, 1600) }
    }

    func testCountFullCountAndStats() throws {
        var options = QueryOptions()
        options.fullCount = true
        let run = try queries.execute("FOR u IN users FILTER u.active SORT u.name LIMIT 1 RETURN u.name", fabric: fabric, options: options)
        let (_, body) = try queries.cursors.open(run, batchSize: 10, count: true)
        XCTAssertEqual(body["result"], ["Ada"])
        XCTAssertEqual(body["count"], 1)
        XCTAssertEqual(body["extra"]["stats"]["fullCount"], 3)
        XCTAssertEqual(body["extra"]["stats"]["scannedFull"], 5)
        XCTAssertEqual(body["extra"]["stats"]["filtered"], 2)
        XCTAssertNotNil(body["extra"]["stats"]["executionTime"].doubleValue)
    }

    func testDeleteAndExpiry() throws {
        let (cursor, _) = try queries.cursors.open(try queries.execute("FOR i IN 1..10 RETURN i", fabric: fabric), batchSize: 2)
        try queries.cursors.delete(cursor.id)
        XCTAssertThrowsError(try queries.cursors.delete(cursor.id)) { XCTAssertEqual(($0 as? C8Error)?.errorNum, 1600) }
        let (idle, _) = try queries.cursors.open(try queries.execute("FOR i IN 1..10 RETURN i", fabric: fabric), batchSize: 2, timeToLive: 30)
        queries.cursors.expire(now: Date().addingTimeInterval(31))
        XCTAssertThrowsError(try queries.cursors.next(idle.id)) { XCTAssertEqual(($0 as? C8Error)?.errorNum, 1600) }
        XCTAssertThrowsError(try queries.cursors.open(try queries.execute("RETURN 1", fabric: fabric), batchSize: 0))
    }

    /// A streaming cursor does not materialize the collection.
    func testStreamingReadsOnlyWhatIsFetched() throws {
        let big = try fabric.createCollection("big")
        _ = try big.insert(many: (0..<5000).map { ["n": .int(Int64($0))] })
        let run = try queries.execute("FOR d IN big RETURN d.n", fabric: fabric)
        let (cursor, first) = try queries.cursors.open(run, batchSize: 100)
        XCTAssertEqual(first["result"].arrayValue?.count, 100)
        XCTAssertLessThanOrEqual(cursor.statistics.scannedFull, 101, "one batch plus one look-ahead")
        try queries.cursors.delete(cursor.id)
    }

    func testRunningQueriesCanBeListedAndKilled() throws {
        let run = try queries.execute("FOR i IN 1..100000 FOR j IN 1..100 RETURN i * j", fabric: fabric)
        XCTAssertEqual(queries.runningQueries().map(\.id), [run.id])
        XCTAssertEqual(queries.runningQueries().first?.json["query"], "FOR i IN 1..100000 FOR j IN 1..100 RETURN i * j")
        _ = try run.next(batch: 10)
        try queries.kill(run.id)
        XCTAssertThrowsError(try run.all()) { XCTAssertEqual(($0 as? C8Error)?.errorNum, 1500) }
        XCTAssertTrue(queries.runningQueries().isEmpty)
        XCTAssertThrowsError(try queries.kill("nope"))
    }

    func testMemoryLimitStopsAHeavySort() throws {
        var options = QueryOptions()
        options.memoryLimit = 100_000
        XCTAssertThrowsError(try queries.query("FOR i IN 1..100000 SORT -i RETURN i", fabric: fabric, options: options)) { error in
            XCTAssertEqual((error as? C8Error)?.errorNum, ErrorCode.resourceLimit.rawValue)
            XCTAssertTrue((error as? C8Error)?.message.contains("memoryLimit") == true)
        }
    }
}

final class SavedQueryTests: QueryTestCase {
    func testCreateListRunUpdateDelete() throws {
        let saved = SavedQueries(fabric: fabric, engine: queries)
        try saved.create(["query": ["name": "byCity", "value": "FOR u IN users FILTER u.city == @city SORT u.name RETURN u.name", "parameter": ["city": "London"]]])
        XCTAssertEqual(try saved.list().map(\.name), ["byCity"])
        XCTAssertEqual(try saved.execute("byCity")["result"], ["Ada", "Alan"])
        XCTAssertEqual(try saved.execute("byCity", bindVariables: ["city": "Austin"])["result"], ["Edsger"])
        try saved.update("byCity", ["query": ["value": "FOR u IN users FILTER u.city == @city RETURN u._key"]])
        XCTAssertEqual(try saved.execute("byCity", bindVariables: ["city": "Boston"])["result"], ["barbara"])
        XCTAssertThrowsError(try saved.create(["query": ["name": "byCity", "value": "RETURN 1"]])) { XCTAssertEqual(($0 as? C8Error)?.errorNum, 1207) }
        XCTAssertThrowsError(try saved.create(["query": ["name": "has space", "value": "RETURN 1"]]))
        XCTAssertThrowsError(try saved.create(["query": ["name": "broken", "value": "FOR RETURN"]])) { XCTAssertEqual(($0 as? C8Error)?.errorNum, 1501) }
        try saved.create(["query": ["name": "needsParam", "value": "RETURN @x"]])
        XCTAssertThrowsError(try saved.execute("needsParam")) { XCTAssertEqual(($0 as? C8Error)?.errorNum, 1551) }
        XCTAssertEqual(try saved.execute("needsParam", bindVariables: ["x": 7])["result"], [7])
        let imported = try saved.importQueries(["queries": [["name": "a", "value": "RETURN 1"], ["name": "b b", "value": "RETURN 2"]]])
        XCTAssertEqual(imported.created, 1)
        XCTAssertEqual(imported.errors, 1)
        try saved.delete("byCity")
        XCTAssertThrowsError(try saved.get("byCity"))
        let page = try saved.execute("a", batchSize: 1)
        XCTAssertEqual(page["hasMore"], false)
    }

    func testSavedQueriesPersistAcrossRestart() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("c8-restql-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        do {
            let engine = try Engine.open(directory: dir)
            try SavedQueries(fabric: try engine.fabric(), engine: QueryEngine(engine: engine)).create(["query": ["name": "q", "value": "RETURN 42"]])
            engine.close()
        }
        let engine = try Engine.open(directory: dir)
        defer { engine.close() }
        XCTAssertEqual(try SavedQueries(fabric: try engine.fabric(), engine: QueryEngine(engine: engine)).execute("q")["result"], [42])
    }
}

final class CursorSweepTests: QueryTestCase {
    /// An idle cursor is freed after its time to live even if no one asks.
    func testIdleCursorsAreFreedWithoutARequest() throws {
        let queries = QueryEngine(engine: engine, cursorTimeToLive: 1)
        let (cursor, _) = try queries.cursors.open(try queries.execute("FOR i IN 1..10 RETURN i", fabric: fabric), batchSize: 2)
        XCTAssertEqual(queries.cursors.openCursorCount, 1)
        let deadline = Date().addingTimeInterval(5)
        while queries.cursors.openCursorCount > 0 && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
        XCTAssertEqual(queries.cursors.openCursorCount, 0)
        XCTAssertThrowsError(try queries.cursors.next(cursor.id))
    }
}
