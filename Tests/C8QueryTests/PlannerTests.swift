import C8Core
import C8Query
import XCTest

/// Which access path the planner picks, read from explain.
final class PlannerTests: QueryTestCase {
    private func nodes(_ query: String, _ bind: JSON = [:]) throws -> [JSON] {
        try queries.explain(query, bindVariables: bind.objectValue ?? JSONObject(), fabric: fabric)["plan"]["nodes"].arrayValue ?? []
    }

    private func indexNode(_ query: String, _ bind: JSON = [:]) throws -> JSON? {
        try nodes(query, bind).first { $0["type"] == "IndexNode" }
    }

    func testPrimaryKeyLookup() throws {
        let node = try XCTUnwrap(try indexNode("FOR u IN users FILTER u._key == \"ada\" RETURN u"))
        XCTAssertEqual(node["indexes"][0]["type"], "primary")
        XCTAssertNotNil(try indexNode("FOR u IN users FILTER u._key IN @keys RETURN u", ["keys": ["a", "b"]]))
        let run = try queries.execute("FOR u IN users FILTER u._key == \"ada\" RETURN u", fabric: fabric)
        XCTAssertEqual(try run.all().count, 1)
        XCTAssertEqual(run.statistics.scannedFull, 0)
        XCTAssertEqual(run.statistics.scannedIndex, 1)
    }

    func testEqualityAndRangeUseThePersistentIndex() throws {
        let equality = try XCTUnwrap(try indexNode("FOR u IN users FILTER u.age == 36 RETURN u"))
        XCTAssertEqual(equality["indexes"][0]["fields"], ["age"])
        let compound = try XCTUnwrap(try indexNode("FOR u IN users FILTER u.city == \"London\" AND u.age > 40 RETURN u"))
        XCTAssertEqual(compound["indexes"][0]["fields"], ["city", "age"], "both fields constrained beats one")
        XCTAssertEqual(compound["condition"], "city == … AND age > …")
        let flipped = try XCTUnwrap(try indexNode("FOR u IN users FILTER 40 < u.age RETURN u"))
        XCTAssertEqual(flipped["indexes"][0]["fields"], ["age"])
        let run = try queries.execute("FOR u IN users FILTER u.city == \"London\" AND u.age > 40 RETURN u._key", fabric: fabric)
        XCTAssertEqual(try run.all(), ["alan"])
        XCTAssertEqual(run.statistics.scannedFull, 0)
        XCTAssertEqual(run.statistics.scannedIndex, 1)
        XCTAssertNil(try indexNode("FOR u IN users FILTER u.name == \"Ada\" RETURN u"), "no index on name: full scan")
    }

    func testInListsAndOuterVariables() throws {
        XCTAssertNotNil(try indexNode("FOR u IN users FILTER u.age IN [36, 41] RETURN u"))
        assertQuery("FOR u IN users FILTER u.age IN [85, 36, 36] RETURN u._key", #"["ada","grace"]"#)
        assertQuery("FOR a IN [36, 72] FOR u IN users FILTER u.age == a RETURN u._key", #"["ada","edsger"]"#)
    }

    func testIndexOrderReplacesSort() throws {
        let plan = try nodes("FOR u IN users SORT u.age DESC LIMIT 2 RETURN u.age")
        XCTAssertFalse(plan.contains { $0["type"] == "SortNode" }, "the index delivers the order")
        XCTAssertEqual(plan.first { $0["type"] == "IndexNode" }?["reverse"], true)
        assertQuery("FOR u IN users SORT u.age DESC LIMIT 2 RETURN u.age", "[85,80]")
        let filtered = try nodes("FOR u IN users FILTER u.city == \"London\" SORT u.age RETURN u")
        XCTAssertFalse(filtered.contains { $0["type"] == "SortNode" })
        assertQuery("FOR u IN users FILTER u.city == \"London\" SORT u.age DESC RETURN u._key", #"["alan","ada"]"#)
        XCTAssertTrue(try nodes("FOR u IN users SORT u.name RETURN u").contains { $0["type"] == "SortNode" })
        XCTAssertFalse(try nodes("FOR u IN users SORT u._key RETURN u").contains { $0["type"] == "SortNode" })
    }

    func testArrayIndexesAreNotUsedForPlainConditionsOrSorts() throws {
        try fabric.collection("users").createIndex(["type": "persistent", "fields": ["tags[*]"]])
        XCTAssertNil(try indexNode("FOR u IN users FILTER u.tags == [\"code\"] RETURN u"), "tags[*] indexes elements, not the array")
        XCTAssertTrue(try nodes("FOR u IN users SORT u.tags RETURN u").contains { $0["type"] == "SortNode" })
        assertQuery("FOR u IN users FILTER u.tags == [\"code\"] RETURN u._key", #"["alan"]"#)
    }

    func testSparseIndexOnlyWhenTheFilterExcludesNull() throws {
        let users = try fabric.collection("users")
        try users.createIndex(["type": "persistent", "fields": ["name"], "sparse": true])
        XCTAssertNotNil(try indexNode("FOR u IN users FILTER u.name == \"Ada\" RETURN u"))
        XCTAssertNil(try indexNode("FOR u IN users FILTER u.name == null RETURN u"))
        XCTAssertNil(try indexNode("FOR u IN users FILTER u.name < \"B\" RETURN u"), "null < \"B\": the sparse index would miss it")
        assertQuery("FOR u IN users FILTER u.name < \"B\" SORT u._key RETURN u._key", #"["ada","alan"]"#)
    }

    func testExplainShape() throws {
        let explain = try queries.explain("FOR u IN users FILTER u.age > 50 SORT u.name LIMIT 3 RETURN u", fabric: fabric)
        let types = explain["plan"]["nodes"].arrayValue?.compactMap { $0["type"].stringValue }
        XCTAssertEqual(types, ["SingletonNode", "IndexNode", "FilterNode", "SortNode", "LimitNode", "ReturnNode"])
        XCTAssertEqual(explain["plan"]["collections"], [["name": "users", "type": "read"]])
        XCTAssertNotNil(explain["plan"]["estimatedCost"].doubleValue)
        XCTAssertEqual(explain["stats"]["plansCreated"], 1)
    }

    /// A collection of thousands: the plan must read far fewer with an index.
    func testIndexedLookupsScanLittle() throws {
        let big = try fabric.createCollection("big")
        _ = try big.insert(many: (0..<3000).map { ["n": .int(Int64($0)), "group": .int(Int64($0 % 10))] })
        try big.createIndex(["type": "persistent", "fields": ["n"]])
        let run = try queries.execute("FOR d IN big FILTER d.n >= 100 AND d.n < 110 RETURN d.n", fabric: fabric)
        XCTAssertEqual(try run.all(), (100..<110).map { .int(Int64($0)) })
        XCTAssertEqual(run.statistics.scannedIndex, 10)
        XCTAssertEqual(run.statistics.scannedFull, 0)
        let limited = try queries.execute("FOR d IN big SORT d.n DESC LIMIT 3 RETURN d.n", fabric: fabric)
        XCTAssertEqual(try limited.all(), [2999, 2998, 2997])
        XCTAssertEqual(limited.statistics.scannedIndex, 3, "LIMIT stops the index scan early")
    }
}

final class PrimaryRangeTests: QueryTestCase {
    func testKeyRangesReadThroughThePrimaryIndex() throws {
        let explain = try queries.explain("FOR u IN users FILTER u._key > \"alan\" SORT u._key LIMIT 2 RETURN u._key", fabric: fabric)
        let types = explain["plan"]["nodes"].arrayValue?.compactMap { $0["type"].stringValue }
        XCTAssertEqual(types, ["SingletonNode", "IndexNode", "FilterNode", "LimitNode", "ReturnNode"])
        assertQuery("FOR u IN users FILTER u._key > \"alan\" SORT u._key LIMIT 2 RETURN u._key", #"["barbara","edsger"]"#)
        assertQuery("FOR u IN users FILTER u._key >= \"alan\" AND u._key <= \"edsger\" SORT u._key DESC RETURN u._key", #"["edsger","barbara","alan"]"#)
        assertQuery("FOR u IN users FILTER u._key < \"b\" RETURN u._key", #"["ada","alan"]"#)
        assertQuery("FOR u IN users FILTER u._key > 5 SORT u._key LIMIT 1 RETURN u._key", #"["ada"]"#)
        assertQuery("FOR u IN users FILTER u._key < 5 RETURN u._key", "[]")
        let run = try queries.execute("FOR u IN users FILTER u._key > \"edsger\" RETURN u._key", fabric: fabric)
        XCTAssertEqual(try run.all(), ["grace"])
        XCTAssertEqual(run.statistics.scannedFull, 0)
        XCTAssertEqual(run.statistics.scannedIndex, 1)
    }
}
