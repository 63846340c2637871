import C8Core
import XCTest
@testable import C8Query

/// COLLECT in every form of C8-API §2.1, and its scoping.
final class ParserCollectTests: XCTestCase {
    private func t(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> String {
        ParserTesting.tree(text, file: file, line: line)
    }

    private let loop = "FOR u IN users "
    private let users = "(for u (collection users))"

    func testGroups() {
        XCTAssertEqual(t(loop + "COLLECT city = u.city RETURN city"),
                       "(query \(users) (collect (groups (city (. u city)))) (return city))")
        XCTAssertEqual(t(loop + "COLLECT a = u.a, b = u.b RETURN [a, b]"),
                       "(query \(users) (collect (groups (a (. u a)) (b (. u b)))) (return (array a b)))")
    }

    func testInto() {
        XCTAssertEqual(t(loop + "COLLECT a = u.a INTO g RETURN g"),
                       "(query \(users) (collect (groups (a (. u a))) (into g)) (return g))")
        XCTAssertEqual(t(loop + "COLLECT a = u.a INTO g = u.name RETURN g"),
                       "(query \(users) (collect (groups (a (. u a))) (into g (. u name))) (return g))")
        XCTAssertEqual(t(loop + "LET n = u.name COLLECT a = u.a INTO g KEEP n, u RETURN g"),
                       "(query \(users) (let n (. u name)) (collect (groups (a (. u a))) (into g) (keep n u)) (return g))")
    }

    func testCount() {
        XCTAssertEqual(t(loop + "COLLECT a = u.a WITH COUNT INTO n RETURN [a, n]"),
                       "(query \(users) (collect (groups (a (. u a))) (count n)) (return (array a n)))")
        XCTAssertEqual(t(loop + "COLLECT WITH COUNT INTO n RETURN n"),
                       "(query \(users) (collect (count n)) (return n))")
        XCTAssertEqual(t(loop + "collect with count into n RETURN n"),
                       "(query \(users) (collect (count n)) (return n))")
    }

    func testAggregate() {
        XCTAssertEqual(t(loop + "COLLECT a = u.a AGGREGATE lo = MIN(u.age), hi = max(u.age) RETURN [a, lo, hi]"),
                       "(query \(users) (collect (groups (a (. u a))) (aggregate (lo MIN (. u age)) (hi MAX (. u age)))) (return (array a lo hi)))")
        XCTAssertEqual(t(loop + "COLLECT AGGREGATE total = SUM(u.x) INTO g RETURN [total, g]"),
                       "(query \(users) (collect (aggregate (total SUM (. u x))) (into g)) (return (array total g)))")
        XCTAssertEqual(t(loop + "COLLECT a = u.a AGGREGATE s = SUM(u.x) INTO g = u.y RETURN g"),
                       "(query \(users) (collect (groups (a (. u a))) (aggregate (s SUM (. u x))) (into g (. u y))) (return g))")
    }

    func testAggregateAliasesAreCanonical() {
        let aliases = ["COUNT": "LENGTH", "LENGTH": "LENGTH", "AVG": "AVERAGE", "AVERAGE": "AVERAGE",
                       "STDDEV": "STDDEV_POPULATION", "STDDEV_SAMPLE": "STDDEV_SAMPLE",
                       "VARIANCE": "VARIANCE_POPULATION", "VARIANCE_SAMPLE": "VARIANCE_SAMPLE",
                       "COUNT_UNIQUE": "COUNT_DISTINCT", "COUNT_DISTINCT": "COUNT_DISTINCT",
                       "UNIQUE": "UNIQUE", "SORTED_UNIQUE": "SORTED_UNIQUE", "SUM": "SUM",
                       "STDDEV_POPULATION": "STDDEV_POPULATION", "VARIANCE_POPULATION": "VARIANCE_POPULATION"]
        for (written, canonical) in aliases {
            XCTAssertEqual(t(loop + "COLLECT AGGREGATE x = \(written.lowercased())(u.v) RETURN x"),
                           "(query \(users) (collect (aggregate (x \(canonical) (. u v)))) (return x))", written)
        }
    }

    func testOptions() {
        XCTAssertEqual(t(loop + "COLLECT a = u.a OPTIONS {method: 'sorted'} RETURN a"),
                       #"(query \#(users) (collect (groups (a (. u a))) (options {"method":"sorted"})) (return a))"#)
        XCTAssertEqual(t(loop + "COLLECT WITH COUNT INTO n OPTIONS {method: 'hash'} RETURN n"),
                       #"(query \#(users) (collect (count n) (options {"method":"hash"})) (return n))"#)
    }

    func testCollectHidesLoopVariablesButKeepsOuterOnes() throws {
        XCTAssertEqual(t("LET k = 1 " + loop + "COLLECT a = u.a RETURN [a, k]"),
                       "(query (let k 1) \(users) (collect (groups (a (. u a)))) (return (array a k)))")
        ParserTesting.assertError(loop + "COLLECT a = u.a RETURN u", .queryVariableNameUnknown, at: (1, 39), "unknown variable 'u'")
        ParserTesting.assertError(loop + "LET z = 1 COLLECT a = u.a RETURN z", .queryVariableNameUnknown, at: (1, 49))
    }

    func testIntoMayReuseAHiddenLoopVariableName() {
        XCTAssertEqual(t(loop + "COLLECT a = u.a INTO u RETURN u"),
                       "(query \(users) (collect (groups (a (. u a))) (into u)) (return u))")
    }

    func testCollectWithoutLoopKeepsScope() {
        XCTAssertEqual(t("LET x = 1 COLLECT a = x RETURN [a, x]"),
                       "(query (let x 1) (collect (groups (a x))) (return (array a x)))")
    }

    func testCollectInsideSubquery() {
        XCTAssertEqual(t("RETURN (FOR u IN users COLLECT a = u.a RETURN a)"),
                       "(query (return (subquery (query (for u (collection users)) (collect (groups (a (. u a)))) (return a)))))")
    }

    func testCollectVariableChecks() {
        ParserTesting.assertError(loop + "COLLECT u = u.a RETURN u", .queryVariableRedeclared, at: (1, 24), "variable 'u' is assigned multiple times")
        ParserTesting.assertError(loop + "COLLECT a = u.a, a = u.b RETURN a", .queryVariableRedeclared, at: (1, 33))
        ParserTesting.assertError(loop + "COLLECT a = u.a INTO a RETURN a", .queryVariableRedeclared, at: (1, 37))
        ParserTesting.assertError(loop + "COLLECT a = u.a WITH COUNT INTO a RETURN a", .queryVariableRedeclared, at: (1, 48))
        ParserTesting.assertError(loop + "COLLECT a = u.a, b = a RETURN b", .queryVariableNameUnknown, at: (1, 37),
                                  "use of COLLECT variable 'a' inside same COLLECT")
        ParserTesting.assertError(loop + "COLLECT a = u.a AGGREGATE m = MAX(a) RETURN m", .queryVariableNameUnknown, at: (1, 50),
                                  "use of unknown variable 'a' in AGGREGATE expression")
        ParserTesting.assertError(loop + "COLLECT AGGREGATE m = MAX(u.a), n = MIN(m) RETURN n", .queryVariableNameUnknown, at: (1, 56),
                                  "use of COLLECT variable 'm' inside same COLLECT")
        ParserTesting.assertError(loop + "COLLECT a = u.a INTO g = a RETURN g", .queryVariableNameUnknown, at: (1, 41),
                                  "use of COLLECT variable 'a' inside same COLLECT's expression")
        ParserTesting.assertError(loop + "COLLECT a = u.a INTO g KEEP a RETURN g", .queryVariableNameUnknown, at: (1, 44))
        ParserTesting.assertError(loop + "COLLECT a = u.a INTO g KEEP nope RETURN g", .queryParse, at: (1, 44),
                                  "use of unknown variable 'nope' for KEEP")
        ParserTesting.assertError(loop + "COLLECT a = u.a KEEP u RETURN a", .queryParse, at: (1, 32), "use of 'KEEP' without 'INTO'")
    }

    func testAggregateExpressionChecks() {
        ParserTesting.assertError(loop + "COLLECT AGGREGATE m = u.a RETURN m", .queryInvalidAggregateExpression, at: (1, 38),
                                  "aggregate expression must be a function call")
        ParserTesting.assertError(loop + "COLLECT AGGREGATE m = CONCAT(u.a) RETURN m", .queryInvalidAggregateExpression, at: (1, 38),
                                  "unknown aggregate function used")
        ParserTesting.assertError(loop + "COLLECT AGGREGATE m = MAX(u.a, 1) RETURN m", .queryFunctionArgumentNumberMismatch, at: (1, 38),
                                  "invalid number of arguments for function 'MAX()'")
    }

    func testCountQualifierIsChecked() {
        ParserTesting.assertError(loop + "COLLECT WITH TOTAL INTO n RETURN n", .queryParse, at: (1, 29),
                                  "unexpected qualifier 'TOTAL', expecting 'COUNT'")
    }
}
