import C8Core
import C8Query
import XCTest

/// C8QL statements and operators against ArangoDB's documented results.
final class QueryConformanceTests: QueryTestCase {
    func testLiteralsAndArithmetic() {
        let cases: [(String, String)] = [
            ("RETURN 6 * 7", "[42]"),
            ("RETURN 1 + 2 * 3", "[7]"),
            ("RETURN (1 + 2) * 3", "[9]"),
            ("RETURN 7 % 3", "[1]"),
            ("RETURN -7 % 3", "[-1]"),
            ("RETURN 10 / 4", "[2.5]"),
            ("RETURN 1 / 0", "[null]"),
            ("RETURN 1 % 0", "[null]"),
            ("RETURN 1 + \"a\"", "[1]"),
            ("RETURN 1 + \"99\"", "[100]"),
            ("RETURN 1 + null", "[1]"),
            ("RETURN 3 + []", "[3]"),
            ("RETURN 24 + [2]", "[26]"),
            ("RETURN 24 + [2, 4]", "[24]"),
            ("RETURN 17 - true", "[16]"),
            ("RETURN 23 * {}", "[0]"),
            ("RETURN 5 * [7]", "[35]"),
            ("RETURN 24 / \"12\"", "[2]"),
            ("RETURN -\"5\"", "[-5]"),
            ("RETURN +\"5\"", "[5]"),
            ("RETURN +[8]", "[8]"),
            ("RETURN +[8, 9]", "[0]"),
            ("RETURN -{}", "[0]"),
            ("RETURN 0.1 + 0.2", "[0.30000000000000004]"),
            ("RETURN 9007199254740993 + 0", "[9007199254740993]"),
            ("RETURN [1, \"two\", null, true, {a: [1]}]", "[[1,\"two\",null,true,{\"a\":[1]}]]"),
        ]
        for (query, expected) in cases { assertQuery(query, expected) }
    }

    func testDivisionByZeroWarns() throws {
        let run = try queries.execute("RETURN 1 / 0", fabric: fabric)
        XCTAssertEqual(try run.all(), [.null])
        XCTAssertEqual(run.warnings.map(\.code), [1562])
        var options = QueryOptions()
        options.failOnWarning = true
        XCTAssertThrowsError(try queries.query("RETURN 1 / 0", fabric: fabric, options: options)) { error in
            XCTAssertEqual((error as? C8Error)?.errorNum, 1562)
        }
    }

    func testComparisonAndLogic() {
        let cases: [(String, String)] = [
            ("RETURN 1 == 1.0", "[true]"),
            ("RETURN null < false", "[true]"),
            ("RETURN true < 0", "[true]"),
            ("RETURN 0 < \"\"", "[true]"),
            ("RETURN \"\" < []", "[true]"),
            ("RETURN [] < {}", "[true]"),
            ("RETURN [1, 2] < [2]", "[true]"),
            ("RETURN {} == {a: null}", "[true]"),
            ("RETURN {b: 1} < {a: 0}", "[true]"),
            ("RETURN \"abc\" == \"abc\"", "[true]"),
            ("RETURN 1 != \"1\"", "[true]"),
            ("RETURN 1 || 7", "[1]"),
            ("RETURN null || \"foo\"", "[\"foo\"]"),
            ("RETURN null && true", "[null]"),
            ("RETURN true && 23", "[23]"),
            ("RETURN 0 || null", "[null]"),
            ("RETURN !0", "[true]"),
            ("RETURN NOT []", "[false]"),
            ("RETURN true AND false OR true", "[true]"),
            ("RETURN 2 IN [1, 2, 3]", "[true]"),
            ("RETURN 4 NOT IN [1, 2, 3]", "[true]"),
            ("RETURN 1 IN \"1\"", "[false]"),
            ("RETURN [1, 2, 3] ALL IN [2, 3, 4]", "[false]"),
            ("RETURN [1, 2, 3] ANY == 2", "[true]"),
            ("RETURN [1, 2, 3] NONE > 5", "[true]"),
            ("RETURN [] ALL > 0", "[true]"),
            ("RETURN [] ANY > 0", "[false]"),
            ("RETURN 5 > 3 ? \"yes\" : \"no\"", "[\"yes\"]"),
            ("RETURN null ?: \"fallback\"", "[\"fallback\"]"),
            ("RETURN \"x\" ?: \"fallback\"", "[\"x\"]"),
            ("RETURN \"abc\" LIKE \"a%\"", "[true]"),
            ("RETURN \"abc\" LIKE \"_b_\"", "[true]"),
            ("RETURN \"abc\" NOT LIKE \"b%\"", "[true]"),
            ("RETURN \"abc\" =~ \"^a.c$\"", "[true]"),
            ("RETURN \"abc\" !~ \"^b\"", "[true]"),
        ]
        for (query, expected) in cases { assertQuery(query, expected) }
    }

    func testRangesAccessAndExpansion() {
        let cases: [(String, String)] = [
            ("RETURN 1..4", "[[1,2,3,4]]"),
            ("RETURN 3..1", "[[3,2,1]]"),
            ("RETURN 1.9..3.2", "[[1,2,3]]"),
            ("RETURN [1, 2, 3][0]", "[1]"),
            ("RETURN [1, 2, 3][-1]", "[3]"),
            ("RETURN [1, 2, 3][7]", "[null]"),
            ("RETURN {a: {b: 5}}.a.b", "[5]"),
            ("RETURN {a: {b: 5}}[\"a\"][\"b\"]", "[5]"),
            ("RETURN (1).foo", "[null]"),
            ("RETURN null.foo.bar", "[null]"),
            ("RETURN [{n: 1}, {n: 2}, {x: 3}][*].n", "[[1,2,null]]"),
            ("RETURN [1, 2, 3, 4][* FILTER CURRENT % 2 == 0]", "[[2,4]]"),
            ("RETURN [1, 2, 3, 4][* FILTER CURRENT > 1 LIMIT 2 RETURN CURRENT * 10]", "[[20,30]]"),
            ("RETURN [[1, 2], [3, [4]]][**]", "[[1,2,3,[4]]]"),
            ("RETURN [[1, 2], [3, [4]]][***]", "[[1,2,3,4]]"),
            ("RETURN [{a: [1, 2]}, {a: [3]}][**].a", "[[[1,2],[3]]]"),
            ("LET key = \"dyn\" RETURN {[key]: 1, [CONCAT(key, 2)]: 2}", "[{\"dyn\":1,\"dyn2\":2}]"),
            // ArangoDB's indexed access: an array takes a string holding an
            // integer, an object a number spelled out as its name.
            ("RETURN [[1, 2, 3][\"1\"], [1, 2, 3][\"-1\"], [1, 2, 3][\"x\"], [1, 2, 3][\"1.5\"]]", "[[2,3,null,null]]"),
            ("LET i = NOOPT(\"2\") RETURN [10, 20, 30][i]", "[30]"),
            ("RETURN [{\"1\": 5}[1], {\"1\": 5}[1.7], {\"1\": 5}[\"1\"], {\"a\": 1}[0]]", "[[5,5,5,null]]"),
        ]
        for (query, expected) in cases { assertQuery(query, expected) }
    }

    func testForFilterSortLimit() {
        assertQuery("FOR u IN users FILTER u.age > 70 SORT u.age RETURN u.name", #"["Edsger","Barbara","Grace"]"#)
        assertQuery("FOR u IN users SORT u.city, u.age DESC RETURN u._key", #"["edsger","barbara","alan","ada","grace"]"#)
        assertQuery("FOR u IN users SORT u.age DESC LIMIT 2 RETURN u.age", "[85,80]")
        assertQuery("FOR u IN users SORT u.age LIMIT 1, 2 RETURN u.age", "[41,72]")
        assertQuery("FOR u IN users FILTER u.active FILTER \"code\" IN u.tags SORT u._key RETURN u._key", #"["ada","grace"]"#)
        assertQuery("FOR u IN users FILTER u.tags == null RETURN u._key", #"["barbara"]"#)
        assertQuery("FOR x IN [3, 1, 2] SORT x RETURN x", "[1,2,3]")
        assertQuery("FOR x IN 1..3 FOR y IN [\"a\", \"b\"] RETURN CONCAT(x, y)", #"["1a","1b","2a","2b","3a","3b"]"#)
        assertQuery("FOR x IN [1, 2, 2, 3, 1] RETURN DISTINCT x", "[1,2,3]")
        assertQuery("FOR x IN [] RETURN x", "[]")
        assertQuery("FOR u IN users FILTER u._key == \"grace\" RETURN u.city", #"["New York"]"#)
        assertQuery("FOR u IN users FILTER u._key IN [\"ada\", \"nope\", \"alan\"] SORT u._key RETURN u.name", #"["Ada","Alan"]"#)
        assertQuery("FOR u IN users SORT null LIMIT 10 RETURN 1", "[1,1,1,1,1]")
    }

    /// LIMIT takes what ArangoDB folds at compile time: arithmetic and
    /// deterministic functions over literals and bind parameters. Null is
    /// offset 0 or no bound; a fraction is dropped.
    func testLimitValues() {
        assertQuery("FOR x IN 1..10 LIMIT 2 + 1 RETURN x", "[1,2,3]")
        assertQuery("FOR x IN 1..10 LIMIT 0, CEIL(@p * @c / 100) RETURN x", "[1,2,3]", bind: ["p": 30, "c": 10])
        assertQuery("FOR x IN 1..5 LIMIT 1, null RETURN x", "[2,3,4,5]")
        assertQuery("FOR x IN 1..5 LIMIT null, 2 RETURN x", "[1,2]")
        assertQuery("FOR x IN 1..5 LIMIT 1.9 RETURN x", "[1]")
        assertQuery("FOR x IN 1..5 SORT x DESC LIMIT 8000000000000000000, 8000000000000000000 RETURN x", "[]")
        assertQueryError("FOR x IN 1..5 LIMIT \"2\" RETURN x", .queryNumberOutOfRange)
        assertQueryError("FOR x IN 1..5 LIMIT RAND() RETURN x", .queryNumberOutOfRange)
        assertQueryError("FOR x IN 1..5 LIMIT x RETURN x", .queryNumberOutOfRange)
        // The same folding serves inline LIMITs.
        assertQuery("RETURN [1, 2, 3, 4][* LIMIT 1 + 1]", "[[1,2]]")
    }

    func testLetAndSubqueries() {
        assertQuery("LET a = 1 LET b = a + 1 RETURN [a, b]", "[[1,2]]")
        assertQuery("LET names = (FOR u IN users FILTER u.city == \"London\" SORT u.name RETURN u.name) RETURN names", #"[["Ada","Alan"]]"#)
        assertQuery("FOR u IN users FILTER u._key == \"ada\" LET friends = (FOR v IN OUTBOUND u knows SORT v._key RETURN v._key) RETURN friends", #"[["alan","grace"]]"#)
        assertQuery("RETURN LENGTH(FOR u IN users RETURN 1)", "[5]")
    }

    func testCollect() {
        assertQuery("FOR u IN users COLLECT city = u.city RETURN city", #"["Austin","Boston","London","New York"]"#)
        assertQuery("FOR u IN users COLLECT city = u.city WITH COUNT INTO n RETURN {city, n}",
                    #"[{"city":"Austin","n":1},{"city":"Boston","n":1},{"city":"London","n":2},{"city":"New York","n":1}]"#)
        assertQuery("FOR u IN users COLLECT active = u.active AGGREGATE minAge = MIN(u.age), maxAge = MAX(u.age), total = SUM(u.age), avg = AVERAGE(u.age), n = LENGTH(1) RETURN [active, minAge, maxAge, total, avg, n]",
                    "[[false,41,80,121,60.5,2],[true,36,85,193,64.33333333333333,3]]")
        assertQuery("FOR u IN users COLLECT city = u.city INTO group = u.name RETURN {city, group}",
                    #"[{"city":"Austin","group":["Edsger"]},{"city":"Boston","group":["Barbara"]},{"city":"London","group":["Ada","Alan"]},{"city":"New York","group":["Grace"]}]"#)
        assertQuery("FOR u IN users FILTER u.city == \"London\" COLLECT city = u.city INTO g KEEP u RETURN g[*].u._key", #"[["ada","alan"]]"#)
        assertQuery("FOR u IN users COLLECT WITH COUNT INTO n RETURN n", "[5]")
        assertQuery("FOR u IN [] COLLECT WITH COUNT INTO n RETURN n", "[0]")
        assertQuery("FOR u IN users COLLECT AGGREGATE total = SUM(u.age) RETURN total", "[314]")
        assertQuery("FOR x IN [1, 1, 2, null, 3] COLLECT AGGREGATE u = UNIQUE(x), s = SORTED_UNIQUE(x), c = COUNT_DISTINCT(x) RETURN [u, s, c]", "[[[1,2,3],[1,2,3],3]]")
        assertQuery("FOR x IN [2, 4, 4, 4, 5, 5, 7, 9] COLLECT AGGREGATE p = STDDEV_POPULATION(x), v = VARIANCE_SAMPLE(x) RETURN [p, v]", "[[2,4.571428571428571]]")
        assertQuery("FOR x IN [{a: 1, b: 1}, {a: 1, b: 2}, {a: 2, b: 1}] COLLECT a = x.a, b = x.b RETURN [a, b]", "[[1,1],[1,2],[2,1]]")
    }

    /// COLLECTIONS()'s `_id` is the collection's id, as the collection API
    /// reports it (not its name).
    func testCollectionsNameTheirIds() throws {
        let id = try fabric.collection("users").objectId
        assertQuery(#"RETURN COLLECTIONS()[* FILTER CURRENT.name == "users"]"#, #"[[{"_id":"\#(id)","name":"users"}]]"#)
    }

    func testBindParameters() {
        assertQuery("FOR u IN @@coll FILTER u.age >= @age SORT u.age RETURN u[@attr]", #"["Grace"]"#, bind: ["@coll": "users", "age": 81, "attr": "name"])
        assertQueryError("RETURN @missing", .queryBindParameterMissing)
        assertQueryError("RETURN 1", .queryBindParameterUndeclared, bind: ["unused": 1])
        assertQueryError("FOR u IN @@c RETURN u", .queryBindParameterType, bind: ["@c": 5])
    }

    func testErrors() {
        assertQueryError("RETURN NOPE(1)", .queryFunctionNameUnknown)
        assertQueryError("RETURN LENGTH()", .queryFunctionArgumentNumberMismatch)
        assertQueryError("FOR x IN nosuchcollection RETURN x", .collectionNotFound)
        assertQueryError("FOR u IN users RETURN", .queryParse)
        assertQueryError("   ", .queryEmpty)
        assertQueryError("FOR u IN users LIMIT -1 RETURN u", .queryNumberOutOfRange)
        // FOR over anything but an array fails the query (ArangoDB since
        // 2.x): a misspelt attribute must not read as "no rows".
        for operand in ["5", "null", "\"abc\"", "{a: 1}", "DOCUMENT(\"users/ada\").nope"] {
            assertQueryError("FOR x IN \(operand) RETURN x", .queryArrayExpected)
        }
    }

    func testDataModification() throws {
        assertQuery("FOR i IN 1..3 INSERT {_key: CONCAT(\"n\", i), i} INTO users RETURN NEW._key", #"["n1","n2","n3"]"#)
        assertQuery("FOR u IN users FILTER u._key LIKE \"n%\" UPDATE u WITH {i: u.i * 10} IN users RETURN [OLD.i, NEW.i]", "[[1,10],[2,20],[3,30]]")
        assertQuery("REPLACE \"n1\" WITH {fresh: true} IN users RETURN UNSET(NEW, \"_rev\")", #"[{"_key":"n1","_id":"users/n1","fresh":true}]"#)
        assertQuery("FOR k IN [\"n2\", \"n3\"] REMOVE k IN users RETURN OLD._key", #"["n2","n3"]"#)
        assertQuery("UPSERT {name: \"Zed\"} INSERT {name: \"Zed\", visits: 1} UPDATE {visits: OLD.visits + 1} IN users RETURN NEW.visits", "[1]")
        assertQuery("UPSERT {name: \"Zed\"} INSERT {name: \"Zed\", visits: 1} UPDATE {visits: OLD.visits + 1} IN users RETURN NEW.visits", "[2]")
        // A search by `_key` that finds the document but not its other
        // attributes finds nothing: UPSERT inserts (as ArangoDB does), and an
        // INSERT of that same key then collides.
        assertQuery("UPSERT {_key: \"n1\", fresh: false} INSERT {name: \"Yan\"} UPDATE {touched: true} IN users RETURN [OLD, NEW.name]",
                    #"[[null,"Yan"]]"#)
        assertQuery("RETURN DOCUMENT(\"users/n1\").touched", "[null]")
        assertQueryError("UPSERT {_key: \"n1\", fresh: false} INSERT {_key: \"n1\"} UPDATE {touched: true} IN users", .uniqueConstraintViolated)
        let run = try queries.execute("FOR i IN 1..2 INSERT {i} INTO users", fabric: fabric)
        XCTAssertEqual(try run.all(), [])
        XCTAssertEqual(run.statistics.writesExecuted, 2)
    }

    func testFailingQueryLeavesNoPartialWrites() throws {
        let users = try fabric.collection("users")
        let before = users.count
        // The third insert collides with an existing key: nothing of the query stays.
        assertQueryError("FOR k IN [\"x1\", \"x2\", \"ada\"] INSERT {_key: k} INTO users", .uniqueConstraintViolated)
        XCTAssertEqual(users.count, before)
        XCTAssertNil(try users.document("x1"))
        let run = try queries.execute("FOR k IN [\"x1\", \"ada\", \"x2\"] INSERT {_key: k} INTO users OPTIONS {ignoreErrors: true}", fabric: fabric)
        _ = try run.all()
        XCTAssertEqual(run.statistics.writesExecuted, 2)
        XCTAssertEqual(run.statistics.writesIgnored, 1)
        XCTAssertEqual(users.count, before + 2)
    }

    func testTraversals() {
        assertQuery("FOR v IN 1..1 OUTBOUND \"users/ada\" knows SORT v._key RETURN v._key", #"["alan","grace"]"#)
        assertQuery("FOR v, e IN 1..2 OUTBOUND \"users/ada\" GRAPH \"social\" SORT v._key, e._key RETURN [v._key, e._key]",
                    #"[["alan","ada-alan"],["edsger","grace-edsger"],["grace","ada-grace"],["grace","alan-grace"]]"#)
        assertQuery("FOR v IN 0..0 OUTBOUND \"users/ada\" knows RETURN v._key", #"["ada"]"#)
        assertQuery("FOR v IN 1 INBOUND \"users/grace\" knows SORT v._key RETURN v._key", #"["ada","alan"]"#)
        assertQuery("FOR v IN 1..1 ANY \"users/grace\" knows SORT v._key RETURN v._key", #"["ada","alan","edsger"]"#)
        assertQuery("FOR v, e, p IN 3..3 OUTBOUND \"users/ada\" knows SORT p.vertices[1]._key RETURN p.vertices[*]._key",
                    #"[["ada","alan","grace","edsger"],["ada","grace","edsger","barbara"]]"#)
        assertQuery("FOR v, e, p IN 1..5 OUTBOUND \"users/ada\" knows PRUNE v._key == \"grace\" FILTER v._key == \"edsger\" RETURN p.edges[*]._key", "[]")
        assertQuery("FOR v IN 1..3 OUTBOUND \"users/ada\" knows OPTIONS {bfs: true, uniqueVertices: \"global\"} RETURN v._key", #"["alan","grace","edsger","barbara"]"#)
        assertQuery("FOR v IN 1..2 OUTBOUND \"users/nobody\" knows RETURN v", "[]")
        assertQuery("FOR v IN 1..1 OUTBOUND {_id: \"users/edsger\"} knows RETURN v.name", #"["Barbara"]"#)
    }

    func testShortestPaths() {
        assertQuery("FOR v, e IN OUTBOUND SHORTEST_PATH \"users/ada\" TO \"users/edsger\" knows RETURN [v._key, e._key]",
                    #"[["ada",null],["grace","ada-grace"],["edsger","grace-edsger"]]"#)
        assertQuery("FOR v IN OUTBOUND SHORTEST_PATH \"users/ada\" TO \"users/edsger\" knows OPTIONS {weightAttribute: \"weight\"} RETURN v._key",
                    #"["ada","alan","grace","edsger"]"#)
        assertQuery("FOR v IN OUTBOUND SHORTEST_PATH \"users/barbara\" TO \"users/ada\" knows RETURN v", "[]")
        assertQuery("FOR p IN OUTBOUND K_SHORTEST_PATHS \"users/ada\" TO \"users/edsger\" knows OPTIONS {weightAttribute: \"weight\"} LIMIT 3 RETURN [p.vertices[*]._key, p.weight]",
                    #"[[["ada","alan","grace","edsger"],4],[["ada","grace","edsger"],6]]"#)
    }

    func testFunctionsReadingTheDatabase() {
        assertQuery("RETURN DOCUMENT(\"users/ada\").name", #"["Ada"]"#)
        assertQuery("RETURN DOCUMENT(users, [\"ada\", \"alan\"])[*].name", #"[["Ada","Alan"]]"#)
        assertQuery("RETURN COLLECTION_COUNT(users)", "[5]")
    }
}
