import C8Core
import XCTest
@testable import C8Query

/// FOR over collections and arrays, LET, FILTER, SORT, LIMIT, RETURN and
/// WITH.
final class ParserStatementTests: XCTestCase {
    private func t(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> String {
        ParserTesting.tree(text, file: file, line: line)
    }

    func testForOverCollectionArrayAndParameters() {
        XCTAssertEqual(t("FOR u IN users RETURN u"), "(query (for u (collection users)) (return u))")
        XCTAssertEqual(t("for u in users return u"), "(query (for u (collection users)) (return u))")
        XCTAssertEqual(t("FOR u IN `my-coll` RETURN u"), "(query (for u (collection my-coll)) (return u))")
        XCTAssertEqual(t("FOR u IN (users) RETURN u"), "(query (for u (collection users)) (return u))")
        XCTAssertEqual(t("FOR i IN [1, 2] RETURN i"), "(query (for i [1,2]) (return i))")
        XCTAssertEqual(t("FOR i IN 1..10 RETURN i"), "(query (for i (.. 1 10)) (return i))")
        XCTAssertEqual(t("FOR u IN @@c RETURN u"), "(query (for u @@c) (return u))")
        XCTAssertEqual(t("FOR u IN @list RETURN u"), "(query (for u @list) (return u))")
        XCTAssertEqual(t("FOR i IN (FOR j IN [1] RETURN j) RETURN i"),
                       "(query (for i (subquery (query (for j [1]) (return j)))) (return i))")
    }

    func testForOptionsAndSearch() {
        XCTAssertEqual(t("FOR u IN users OPTIONS {indexHint: 'byName', forceIndexHint: true} RETURN u"),
                       #"(query (for u (collection users) (options {"indexHint":"byName","forceIndexHint":true})) (return u))"#)
        XCTAssertEqual(t("FOR u IN users options {} RETURN u"), "(query (for u (collection users) (options {})) (return u))")
        XCTAssertEqual(t("FOR d IN view SEARCH d.a == 1 RETURN d"),
                       "(query (for d (collection view) (search (== (. d a) 1))) (return d))")
        XCTAssertEqual(t("FOR d IN @@v search d.a OPTIONS {x: 1} RETURN d"),
                       #"(query (for d @@v (search (. d a)) (options {"x":1})) (return d))"#)
    }

    func testNestedForAndVariablesOfOuterLoops() {
        XCTAssertEqual(t("FOR a IN x FOR b IN a.items FILTER b.v == a.v RETURN [a, b]"),
                       "(query (for a (collection x)) (for b (. a items)) (filter (== (. b v) (. a v))) (return (array a b)))")
    }

    func testLet() {
        XCTAssertEqual(t("LET a = 1 RETURN a"), "(query (let a 1) (return a))")
        XCTAssertEqual(t("LET a = 1, b = a + 1 RETURN b"), "(query (let a 1) (let b (+ a 1)) (return b))")
        XCTAssertEqual(t("LET r = (FOR u IN users RETURN u) RETURN LENGTH(r)"),
                       "(query (let r (subquery (query (for u (collection users)) (return u)))) (return (call LENGTH r)))")
    }

    func testFilter() {
        XCTAssertEqual(t("FOR u IN users FILTER u.a FILTER !u.b RETURN u"),
                       "(query (for u (collection users)) (filter (. u a)) (filter (! (. u b))) (return u))")
    }

    func testSort() {
        XCTAssertEqual(t("FOR u IN users SORT u.a, u.b DESC, u.c ASC RETURN u"),
                       "(query (for u (collection users)) (sort ((. u a) ASC) ((. u b) DESC) ((. u c) ASC)) (return u))")
        XCTAssertEqual(t("FOR u IN users SORT null RETURN u"), "(query (for u (collection users)) (sort (null ASC)) (return u))")
        XCTAssertEqual(t("FOR u IN users SORT u.a desc RETURN u"),
                       "(query (for u (collection users)) (sort ((. u a) DESC)) (return u))")
        XCTAssertEqual(t("FOR u IN users SORT u.a 'DESC', u.b 'asc', u.c false, u.d 1 RETURN u"),
                       "(query (for u (collection users)) (sort ((. u a) DESC) ((. u b) ASC) ((. u c) DESC) ((. u d) ASC)) (return u))")
    }

    func testLimit() {
        XCTAssertEqual(t("FOR u IN users LIMIT 5 RETURN u"), "(query (for u (collection users)) (limit 0 5) (return u))")
        XCTAssertEqual(t("FOR u IN users LIMIT 10, 5 RETURN u"), "(query (for u (collection users)) (limit 10 5) (return u))")
        XCTAssertEqual(t("FOR u IN users LIMIT @o, @n RETURN u"), "(query (for u (collection users)) (limit @o @n) (return u))")
    }

    func testReturn() {
        XCTAssertEqual(t("RETURN 1"), "(query (return 1))")
        XCTAssertEqual(t("FOR u IN users RETURN DISTINCT u.a"), "(query (for u (collection users)) (return distinct (. u a)))")
        XCTAssertEqual(t("FOR u IN users COLLECT a = u.a RETURN DISTINCT a"),
                       "(query (for u (collection users)) (collect (groups (a (. u a)))) (return distinct a))")
    }

    func testWith() {
        XCTAssertEqual(t("WITH a, b FOR v IN OUTBOUND 'a/1' e RETURN v"),
                       "(query (with a b) (for v (traverse OUTBOUND 1 1 \"a/1\" (edges (collection e)))) (return v))")
        XCTAssertEqual(t("WITH a b RETURN 1"), "(query (with a b) (return 1))")
        XCTAssertEqual(t("with `x` RETURN 1"), "(query (with x) (return 1))")
    }

    func testCommentsAndLayout() {
        XCTAssertEqual(t("/* c */ FOR u IN users // loop\n  RETURN u /* done */"),
                       "(query (for u (collection users)) (return u))")
    }

    func testContextualWordsStayUsableAsNames() {
        XCTAssertEqual(t("FOR to IN keep RETURN to.options"), "(query (for to (collection keep)) (return (. to options)))")
        XCTAssertEqual(t("LET count = 1 LET prune = 2 LET search = 3 RETURN [count, prune, search]"),
                       "(query (let count 1) (let prune 2) (let search 3) (return (array count prune search)))")
    }
}
