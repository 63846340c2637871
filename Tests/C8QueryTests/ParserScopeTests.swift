import C8Core
import XCTest
@testable import C8Query

/// Variable declaration and visibility, as ArangoDB's `Scopes` define it.
final class ParserScopeTests: XCTestCase {
    private func t(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> String {
        ParserTesting.tree(text, file: file, line: line)
    }

    func testUndeclaredNamesAreCollections() {
        XCTAssertEqual(t("FOR x IN x RETURN x"), "(query (for x (collection x)) (return x))")
        ParserTesting.assertError("LET x = x RETURN x", .queryCollectionUsedInExpression, at: (1, 9), "collection 'x' used as expression operand")
        ParserTesting.assertError("RETURN users", .queryCollectionUsedInExpression, at: (1, 8))
        ParserTesting.assertError("RETURN users.name", .queryCollectionUsedInExpression, at: (1, 8))
        ParserTesting.assertError("RETURN [1, users]", .queryCollectionUsedInExpression, at: (1, 12))
        ParserTesting.assertError("RETURN @@c", .queryCollectionUsedInExpression, at: (1, 8), "collection '@@c'")
        ParserTesting.assertError("FOR x IN users[*] RETURN x", .queryCollectionUsedInExpression, at: (1, 10))
    }

    func testHiddenVariablesAreNotCollections() {
        // ArangoDB would read these names as (missing) collections; naming
        // the variable is the more useful error.
        ParserTesting.assertError("FOR u IN users COLLECT a = u.a RETURN LENGTH(u)", .queryVariableNameUnknown, at: (1, 46),
                                  "unknown variable 'u'")
        ParserTesting.assertError("FOR u IN users COLLECT a = u.a RETURN u.name", .queryVariableNameUnknown, at: (1, 39))
        // As a FOR source, such a name is a collection, as in ArangoDB.
        XCTAssertEqual(t("FOR u IN users COLLECT a = u.a FOR x IN u RETURN x"),
                       "(query (for u (collection users)) (collect (groups (a (. u a)))) (for x (collection u)) (return x))")
    }

    func testLoopVariablesStayVisibleInNestedLoops() {
        XCTAssertEqual(t("FOR x IN [1] FOR y IN [2] LET z = x + y RETURN [x, y, z]"),
                       "(query (for x [1]) (for y [2]) (let z (+ x y)) (return (array x y z)))")
    }

    func testSubqueriesSeeOuterVariablesButNotViceVersa() {
        XCTAssertEqual(t("LET a = 1 RETURN (FOR x IN [1] RETURN a)"),
                       "(query (let a 1) (return (subquery (query (for x [1]) (return a)))))")
        ParserTesting.assertError("LET r = (FOR x IN [1] RETURN x) RETURN x", .queryVariableNameUnknown, at: (1, 40), "unknown variable 'x'")
        XCTAssertEqual(t("RETURN [(FOR x IN [1] RETURN x), (FOR x IN [2] RETURN x)]"),
                       "(query (return (array (subquery (query (for x [1]) (return x))) (subquery (query (for x [2]) (return x))))))")
    }

    func testRedeclarationIsAnError() {
        ParserTesting.assertError("LET a = 1 LET a = 2 RETURN a", .queryVariableRedeclared, at: (1, 15), "variable 'a' is assigned multiple times")
        ParserTesting.assertError("FOR x IN a FOR x IN b RETURN x", .queryVariableRedeclared, at: (1, 16))
        ParserTesting.assertError("LET a = 1 RETURN (FOR a IN [1] RETURN a)", .queryVariableRedeclared, at: (1, 23))
        ParserTesting.assertError("FOR v, v IN OUTBOUND 'a/1' e RETURN v", .queryVariableRedeclared, at: (1, 8))
    }

    func testInvalidVariableNames() {
        ParserTesting.assertError("LET _x = 1 RETURN 1", .queryVariableNameInvalid, at: (1, 5), "variable name '_x' has an invalid format")
        ParserTesting.assertError("FOR _key IN c RETURN 1", .queryVariableNameInvalid, at: (1, 5))
        ParserTesting.assertError("LET `` = 1 RETURN 1", .queryVariableNameInvalid, at: (1, 5))
        ParserTesting.assertError("FOR u IN c COLLECT _g = u RETURN 1", .queryVariableNameInvalid, at: (1, 20))
        XCTAssertEqual(t("LET $x = 1, `a b` = 2 RETURN [$x, `a b`]"), "(query (let $x 1) (let a b 2) (return (array $x a b)))")
    }

    func testVariablesAreDeclaredAfterTheirValue() {
        XCTAssertEqual(t("FOR u IN users LET v = u RETURN v"), "(query (for u (collection users)) (let v u) (return v))")
        ParserTesting.assertError("LET a = a + 1 RETURN a", .queryCollectionUsedInExpression, at: (1, 9))
        ParserTesting.assertError("FOR v IN OUTBOUND v e RETURN v", .queryCollectionUsedInExpression, at: (1, 19))
    }

    func testSearchSeesTheLoopVariable() {
        XCTAssertEqual(t("FOR d IN v SEARCH d.x RETURN d"), "(query (for d (collection v) (search (. d x))) (return d))")
    }

    func testCurrentOnlyInsideExpansions() {
        XCTAssertEqual(t("LET x = [1] RETURN x[* FILTER CURRENT > 0 RETURN CURRENT * 2]"),
                       "(query (let x [1]) (return (expand x (filter (> CURRENT 0)) (return (* CURRENT 2)))))")
        ParserTesting.assertError("RETURN CURRENT", .queryCollectionUsedInExpression, at: (1, 8))
        ParserTesting.assertError("LET x = [1] RETURN x[*].a + CURRENT", .queryCollectionUsedInExpression, at: (1, 29))
    }

    func testPseudoVariablesDoNotClashWithUserVariables() {
        XCTAssertEqual(t("LET NEW = 1 RETURN NEW"), "(query (let NEW 1) (return NEW))")
        XCTAssertEqual(t("INSERT {} INTO c LET new = 1 RETURN [NEW, new]"),
                       "(query (insert {} (collection c)) (let new 1) (return (array NEW new)))")
    }

    func testObjectShorthandNeedsAVariable() {
        XCTAssertEqual(t("LET a = 1 RETURN {a}"), #"(query (let a 1) (return (object ("a" a))))"#)
        ParserTesting.assertError("RETURN {a}", .queryVariableNameUnknown, at: (1, 9), "use of unknown variable 'a' in object literal")
        XCTAssertEqual(t("INSERT {} INTO c RETURN {NEW}"), #"(query (insert {} (collection c)) (return (object ("NEW" NEW))))"#)
    }

    func testDistinctNeedsALoop() {
        ParserTesting.assertError("RETURN DISTINCT 1", .queryParse, at: (1, 8), "cannot use DISTINCT modifier on top-level query element")
        ParserTesting.assertError("LET x = 1 COLLECT a = x RETURN DISTINCT a", .queryParse, at: (1, 32))
        ParserTesting.assertError("FOR u IN c RETURN (RETURN DISTINCT u)", .queryParse, at: (1, 27))
    }
}
