import C8Core
import XCTest
@testable import C8Query

/// Expressions: operators and their precedence, literals and constant
/// folding, constructors, member access, expansions, calls, subqueries.
final class ParserExpressionTests: XCTestCase {
    /// `text` as the expression of a RETURN, with variables a…e, x, y, z,
    /// u and doc declared.
    private func e(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> String {
        let prelude = "FOR a IN [] FOR b IN [] FOR c IN [] FOR d IN [] FOR x IN [] FOR y IN [] FOR z IN [] "
            + "FOR u IN [] FOR doc IN [] RETURN "
        do {
            let query = try QueryParser.parse(prelude + text).query
            guard case .return(let value, _)? = query.operations.last else { XCTFail("no RETURN"); return "" }
            return SExpression.render(value)
        } catch {
            XCTFail("\(text): \(error)", file: file, line: line)
            return ""
        }
    }

    func testArithmeticPrecedenceAndAssociativity() {
        XCTAssertEqual(e("1 + 2 * 3"), "(+ 1 (* 2 3))")
        XCTAssertEqual(e("(1 + 2) * 3"), "(* (+ 1 2) 3)")
        XCTAssertEqual(e("1 - 2 - 3"), "(- (- 1 2) 3)")
        XCTAssertEqual(e("a / b % c * d"), "(* (% (/ a b) c) d)")
        XCTAssertEqual(e("a - b + c"), "(+ (- a b) c)")
    }

    func testLogicalPrecedence() {
        XCTAssertEqual(e("a || b && c"), "(|| a (&& b c))")
        XCTAssertEqual(e("a OR b AND c"), "(|| a (&& b c))")
        XCTAssertEqual(e("a && b || c && d"), "(|| (&& a b) (&& c d))")
        XCTAssertEqual(e("a and b or not c"), "(|| (&& a b) (! c))")
    }

    func testUnaryBindsTighterThanComparison() {
        XCTAssertEqual(e("!a == b"), "(== (! a) b)")
        XCTAssertEqual(e("NOT a IN b"), "(IN (! a) b)")
        XCTAssertEqual(e("-a.b"), "(- (. a b))")
        XCTAssertEqual(e("!!a"), "(! (! a))")
        XCTAssertEqual(e("-a * b"), "(* (- a) b)")
    }

    func testComparisonLevels() {
        XCTAssertEqual(e("a < b == c < d"), "(== (< a b) (< c d))")
        XCTAssertEqual(e("a == b IN c"), "(== a (IN b c))")
        XCTAssertEqual(e("a IN b < c"), "(IN a (< b c))")
        XCTAssertEqual(e("a != b LIKE c"), "(LIKE (!= a b) c)")
        XCTAssertEqual(e("a >= b + 1"), "(>= a (+ b 1))")
        XCTAssertEqual(e("a <= b && c > d"), "(&& (<= a b) (> c d))")
    }

    func testRangeSitsBetweenComparisonAndAddition() {
        XCTAssertEqual(e("x IN y..z"), "(IN x (.. y z))")
        XCTAssertEqual(e("1..2 + 3"), "(.. 1 (+ 2 3))")
        XCTAssertEqual(e("a < 1..2"), "(< a (.. 1 2))")
        XCTAssertEqual(e("1..2..3"), "(.. (.. 1 2) 3)")
    }

    func testMembershipAndMatching() {
        XCTAssertEqual(e("x NOT IN y"), "(NOT IN x y)")
        XCTAssertEqual(e("x not   in y"), "(NOT IN x y)")
        XCTAssertEqual(e("a LIKE b"), "(LIKE a b)")
        XCTAssertEqual(e("a NOT LIKE b"), "(NOT LIKE a b)")
        XCTAssertEqual(e("a =~ b"), "(=~ a b)")
        XCTAssertEqual(e("a !~ b"), "(!~ a b)")
        XCTAssertEqual(e("a NOT =~ b"), "(!~ a b)")
        XCTAssertEqual(e("a NOT !~ b"), "(=~ a b)")
    }

    func testNotLikeBindsItsLeftOperandLikeIn() {
        // ArangoDB shifts NOT with IN's strength but reduces with LIKE's.
        XCTAssertEqual(e("a == b NOT LIKE c"), "(== a (NOT LIKE b c))")
        XCTAssertEqual(e("a < b NOT LIKE c"), "(NOT LIKE (< a b) c)")
        XCTAssertEqual(e("a NOT LIKE b IN c"), "(NOT LIKE a (IN b c))")
        XCTAssertEqual(e("a NOT LIKE b == c"), "(== (NOT LIKE a b) c)")
    }

    func testArrayComparisonOperators() {
        XCTAssertEqual(e("[1, 2] ALL IN [2, 3]"), "(ALL IN [1,2] [2,3])")
        XCTAssertEqual(e("x ANY == 2"), "(ANY == x 2)")
        XCTAssertEqual(e("x NONE > 1"), "(NONE > x 1)")
        XCTAssertEqual(e("x ALL NOT IN y"), "(ALL NOT IN x y)")
        XCTAssertEqual(e("x any <= 1"), "(ANY <= x 1)")
        XCTAssertEqual(e("x ALL != y"), "(ALL != x y)")
        XCTAssertEqual(e("x ANY >= y"), "(ANY >= x y)")
        XCTAssertEqual(e("x NONE < y"), "(NONE < x y)")
    }

    func testArrayComparisonPrecedence() {
        XCTAssertEqual(e("a == b ANY == c"), "(ANY == (== a b) c)")
        XCTAssertEqual(e("a ANY == b IN c"), "(ANY == a (IN b c))")
        XCTAssertEqual(e("a && b ANY < c"), "(&& a (ANY < b c))")
        XCTAssertEqual(e("a ANY IN b == c"), "(== (ANY IN a b) c)")
        XCTAssertEqual(e("a ANY < b + c"), "(ANY < a (+ b c))")
    }

    func testTernary() {
        XCTAssertEqual(e("a ? b : c"), "(? a b c)")
        XCTAssertEqual(e("a ? b : c ? d : x"), "(? a b (? c d x))")
        XCTAssertEqual(e("a ? b ? c : d : x"), "(? a (? b c d) x)")
        XCTAssertEqual(e("a || b ? c : d"), "(? (|| a b) c d)")
        XCTAssertEqual(e("a ? b : c || d"), "(? a b (|| c d))")
        XCTAssertEqual(e("a ?: b"), "(?: a b)")
        XCTAssertEqual(e("a ?: b ?: c"), "(?: a (?: b c))")
        XCTAssertEqual(e("a ? x IN y : z"), "(? a (IN x y) z)")
    }

    func testLiterals() {
        XCTAssertEqual(e("null"), "null")
        XCTAssertEqual(e("TRUE"), "true")
        XCTAssertEqual(e("false"), "false")
        XCTAssertEqual(e(#""a\nb""#), #""a\nb""#)
        XCTAssertEqual(e("'x'"), #""x""#)
        XCTAssertEqual(e("1.5"), "1.5")
        XCTAssertEqual(e(".5"), "0.5")
        XCTAssertEqual(e("1e3"), "1000")
    }

    func testNegativeNumbersFold() {
        XCTAssertEqual(e("-1"), "-1")
        XCTAssertEqual(e("- 1.5"), "-1.5")
        XCTAssertEqual(e("--1"), "1")
        XCTAssertEqual(e("-(2)"), "-2")
        XCTAssertEqual(e("+3"), "3")
        XCTAssertEqual(e("-9223372036854775808"), "-9223372036854775808")
        XCTAssertEqual(e("1 - -1"), "(- 1 -1)")
        XCTAssertEqual(e("-'a'"), #"(- "a")"#)
        XCTAssertEqual(e("+x"), "(+ x)")
    }

    func testNegativeLiteralIsExactInteger() throws {
        let query = try QueryParser.parse("RETURN -9223372036854775808").query
        guard case .return(.literal(.int(let value)), _)? = query.operations.first else {
            return XCTFail("\(SExpression.render(query))")
        }
        XCTAssertEqual(value, .min)
    }

    func testArrayConstructors() {
        XCTAssertEqual(e("[]"), "[]")
        XCTAssertEqual(e("[1, 2, 3]"), "[1,2,3]")
        XCTAssertEqual(e("[1, 2,]"), "[1,2]")
        XCTAssertEqual(e("[1, x]"), "(array 1 x)")
        XCTAssertEqual(e("[[1], {a: [2, -3]}]"), #"[[1],{"a":[2,-3]}]"#)
        XCTAssertEqual(e("[[x]]"), "(array (array x))")
    }

    func testObjectConstructors() {
        XCTAssertEqual(e("{}"), "{}")
        XCTAssertEqual(e(#"{a: 1, "b c": 2, 'd': null,}"#), #"{"a":1,"b c":2,"d":null}"#)
        XCTAssertEqual(e("{a: x}"), #"(object ("a" x))"#)
        XCTAssertEqual(e("{[x]: 1}"), #"(object ([x] 1))"#)
        XCTAssertEqual(e("{@p: 1}"), #"(object (@p 1))"#)
        XCTAssertEqual(e("{x, y}"), #"(object ("x" x) ("y" y))"#)
        XCTAssertEqual(e("{a: 1, a: 2}"), #"{"a":2}"#)
        XCTAssertEqual(e("{`for`: 1, ´return´: 2}"), #"{"for":1,"return":2}"#)
        XCTAssertEqual(e("{to: 1, keep: 2, options: 3, count: 4}"), #"{"to":1,"keep":2,"options":3,"count":4}"#)
    }

    func testAttributeAndIndexAccess() {
        XCTAssertEqual(e("x.a.b"), "(. (. x a) b)")
        XCTAssertEqual(e(#"x["a"]"#), #"([] x "a")"#)
        XCTAssertEqual(e("x[0][-1]"), "([] ([] x 0) -1)")
        XCTAssertEqual(e("x.for.RETURN.null"), "(. (. (. x for) RETURN) null)")
        XCTAssertEqual(e("x.`a b`"), "(. x a b)")
        XCTAssertEqual(e("x.@attr"), "([] x @attr)")
        XCTAssertEqual(e("x[@i]"), "([] x @i)")
        XCTAssertEqual(e("x[a IN b]"), "([] x (IN a b))")
        XCTAssertEqual(e("[1, 2][0]"), "([] [1,2] 0)")
        XCTAssertEqual(e("{a: 1}.a"), #"(. {"a":1} a)"#)
    }

    func testExpansions() {
        XCTAssertEqual(e("x[*]"), "(expand x)")
        XCTAssertEqual(e("x[ * ]"), "(expand x)")
        XCTAssertEqual(e("x[*].a"), "(expand x (return (. CURRENT a)))")
        XCTAssertEqual(e("x[*].a[0]"), "(expand x (return ([] (. CURRENT a) 0)))")
        XCTAssertEqual(e("x[* FILTER CURRENT > 1]"), "(expand x (filter (> CURRENT 1)))")
        XCTAssertEqual(e("x[* LIMIT 2]"), "(expand x (limit 0 2))")
        XCTAssertEqual(e("x[* FILTER CURRENT.a LIMIT 1, 2 RETURN CURRENT.b]"),
                       "(expand x (filter (. CURRENT a)) (limit 1 2) (return (. CURRENT b)))")
        XCTAssertEqual(e("x[* RETURN CURRENT.a].b"), "(expand x (return (. (. CURRENT a) b)))")
        XCTAssertEqual(e("x[* FILTER CURRENT IN [1, 2]]"), "(expand x (filter (IN CURRENT [1,2])))")
    }

    func testFlatteningExpansions() {
        XCTAssertEqual(e("x[**]"), "(flatten x 1)")
        XCTAssertEqual(e("x[***]"), "(flatten x 2)")
        XCTAssertEqual(e("x[**].a"), "(expand*2 x (return (. CURRENT a)))")
        XCTAssertEqual(e("x[** FILTER CURRENT]"), "(expand*2 x (filter CURRENT))")
        XCTAssertEqual(e("x[*].a[**]"), "(flatten (expand x (return (. CURRENT a))) 1)")
    }

    func testNestedAndClosedExpansions() {
        XCTAssertEqual(e("x[*].a[*].b"), "(expand x (return (expand (. CURRENT a) (return (. CURRENT b)))))")
        XCTAssertEqual(e("(x[*].a).b"), "(. (expand x (return (. CURRENT a))) b)")
        XCTAssertEqual(e("(x[*].a)[0]"), "([] (expand x (return (. CURRENT a))) 0)")
        XCTAssertEqual(e("x[* RETURN CURRENT.a[* RETURN CURRENT.b]]"),
                       "(expand x (return (expand (. CURRENT a) (return (. CURRENT b)))))")
    }

    func testFunctionCalls() {
        XCTAssertEqual(e("length(x)"), "(call LENGTH x)")
        XCTAssertEqual(e("f()"), "(call F)")
        XCTAssertEqual(e("CONCAT(a, 'b', 1)"), #"(call CONCAT a "b" 1)"#)
        XCTAssertEqual(e("my::ns::fn(1)"), "(call MY::NS::FN 1)")
        XCTAssertEqual(e("LIKE(a, 'b%')"), #"(call LIKE a "b%")"#)
        XCTAssertEqual(e("`len`(x)"), "(call LEN x)")
        XCTAssertEqual(e("f(a IN b)"), "(call F (IN a b))")
        XCTAssertEqual(e("f(x).a"), "(. (call F x) a)")
    }

    func testCollectionsAsFunctionArguments() {
        XCTAssertEqual(e("DOCUMENT(users, 'k')"), #"(call DOCUMENT (collection users) "k")"#)
        XCTAssertEqual(e("LENGTH(@@c)"), "(call LENGTH @@c)")
    }

    func testSubqueries() {
        XCTAssertEqual(e("(FOR i IN 1..2 RETURN i)"), "(subquery (query (for i (.. 1 2)) (return i)))")
        XCTAssertEqual(e("LENGTH(FOR i IN x RETURN i)"), "(call LENGTH (subquery (query (for i x) (return i))))")
        XCTAssertEqual(e("(RETURN 1)[0]"), "([] (subquery (query (return 1))) 0)")
        XCTAssertEqual(e("(LET q = 1 RETURN q)"), "(subquery (query (let q 1) (return q)))")
        XCTAssertEqual(e("f((FOR i IN x RETURN i), 2)"), "(call F (subquery (query (for i x) (return i))) 2)")
    }

    func testBindParameters() {
        XCTAssertEqual(e("@value"), "@value")
        XCTAssertEqual(e("@1 + @_x"), "(+ @1 @_x)")
    }
}
