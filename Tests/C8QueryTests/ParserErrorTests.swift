import C8Core
import XCTest
@testable import C8Query

/// Each error number the parser raises, with its exact position and
/// ArangoDB's wording.
final class ParserErrorTests: XCTestCase {
    func testSyntaxErrorMessageFormat() {
        let error = ParserTesting.error("FOR u IN users RETURN u foo")
        XCTAssertEqual(error?.errorNum, 1501)
        XCTAssertEqual(error?.code, 400)
        XCTAssertEqual(error?.message,
                       "syntax error, unexpected identifier, expecting end of query string near 'foo' at position 1:25")
        XCTAssertEqual(error?.queryErrorPosition, QueryErrorPosition(position: SourcePosition(line: 1, column: 25), offset: 24))
    }

    func testSyntaxErrorAtTheEnd() {
        XCTAssertEqual(ParserTesting.error("FOR x IN")?.message,
                       "syntax error, unexpected end of query string near '' at position 1:9")
        XCTAssertEqual(ParserTesting.error("FOR x IN c")?.message,
                       "syntax error, unexpected end of query string, expecting RETURN or a data-modification operation near '' at position 1:11")
    }

    func testSnippetIsCutAfter32Bytes() {
        let error = ParserTesting.error("RETURN 1 ) + 'and some more text after the error'")
        XCTAssertEqual(error?.message,
                       "syntax error, unexpected ), expecting end of query string near ') + 'and some more text after th...' at position 1:10")
    }

    func testSnippetNeverSplitsACharacter() {
        let error = ParserTesting.error("RETURN 1 ] '" + String(repeating: "é", count: 40) + "'")
        let snippet = error?.message.components(separatedBy: "near '").last?.components(separatedBy: "...").first
        XCTAssertEqual(snippet, "] '" + String(repeating: "é", count: 14))
    }

    func testMultiLinePositions() {
        ParserTesting.assertError("FOR u IN users\n  FILTER u.a ==\n  RETURN u", .queryParse, at: (3, 3),
                                  "unexpected RETURN declaration", "near 'RETURN u'", "at position 3:3")
        ParserTesting.assertError("RETURN\n\t'é' +\n  ]", .queryParse, at: (3, 3), "unexpected ]")
    }

    func testUnexpectedTokenDescriptions() {
        ParserTesting.assertError("RETURN 1;", .queryParse, at: (1, 9), "unexpected character ';'")
        ParserTesting.assertError("RETURN 1 2", .queryParse, at: (1, 10), "unexpected integer number")
        ParserTesting.assertError("RETURN 1 2.5", .queryParse, at: (1, 10), "unexpected number")
        ParserTesting.assertError("RETURN 1 'x'", .queryParse, at: (1, 10), "unexpected quoted string")
        ParserTesting.assertError("RETURN 1 @p", .queryParse, at: (1, 10), "unexpected bind parameter")
        ParserTesting.assertError("RETURN 1 @@p", .queryParse, at: (1, 10), "unexpected bind data source parameter")
        ParserTesting.assertError("RETURN FOR", .queryParse, at: (1, 8), "unexpected FOR declaration")
        ParserTesting.assertError("RETURN 1 INSERT", .queryParse, at: (1, 10), "unexpected INSERT command")
        ParserTesting.assertError("RETURN ==", .queryParse, at: (1, 8), "unexpected == operator")
        ParserTesting.assertError("RETURN 1 = 2", .queryParse, at: (1, 10), "unexpected assignment")
        ParserTesting.assertError("RETURN ANY", .queryParse, at: (1, 8), "unexpected any modifier")
        ParserTesting.assertError("RETURN .", .queryParse, at: (1, 8), "unexpected '.'")
        ParserTesting.assertError("RETURN 'abc", .queryParse, at: (1, 8), "unexpected unterminated quoted string")
        ParserTesting.assertError("RETURN '\\uZZZZ'", .queryParse, at: (1, 8), "unexpected invalid \\u escape sequence")
    }

    func testStructuralSyntaxErrors() {
        ParserTesting.assertError("RETURN 1 RETURN 2", .queryParse, at: (1, 10), "expecting end of query string")
        ParserTesting.assertError("RETURN (FOR x IN [] RETURN x", .queryParse, at: (1, 29), "unexpected end of query string, expecting )")
        ParserTesting.assertError("RETURN (FOR x IN [] LET y = 1)", .queryParse, at: (1, 30),
                                  "unexpected ), expecting RETURN or a data-modification operation")
        ParserTesting.assertError("RETURN (WITH c RETURN 1)", .queryParse, at: (1, 9), "unexpected WITH keyword")
        ParserTesting.assertError("FOR x c RETURN x", .queryParse, at: (1, 7), "expecting IN keyword or ,")
        ParserTesting.assertError("RETURN [1, 2", .queryParse, at: (1, 13), "expecting ]")
        ParserTesting.assertError("RETURN {\"a\" 1}", .queryParse, at: (1, 13), "unexpected integer number, expecting :")
        ParserTesting.assertError("LET a = 1 RETURN {a 1}", .queryParse, at: (1, 21), "unexpected integer number, expecting }")
        ParserTesting.assertError("RETURN {for: 1}", .queryParse, at: (1, 9), "unexpected FOR declaration")
        ParserTesting.assertError("RETURN f(1,)", .queryParse, at: (1, 12), "unexpected )")
        ParserTesting.assertError("LET x = 1 RETURN x.", .queryParse, at: (1, 20), "expecting attribute name")
        ParserTesting.assertError("LET x = [] RETURN x[* FILTER true FILTER true]", .queryParse, at: (1, 35), "expecting ]")
        ParserTesting.assertError("WITH FOR x IN c RETURN x", .queryParse, at: (1, 6), "expecting collection name")
        ParserTesting.assertError("WITH a, RETURN 1", .queryParse, at: (1, 9), "expecting collection name")
        ParserTesting.assertError("LET x = 1 x", .queryParse, at: (1, 11), "unexpected identifier near 'x'")
    }

    func testEmptyQuery() {
        for text in ["", "   ", "\n\t", "// only a comment", "/* block */"] {
            let error = ParserTesting.error(text)
            XCTAssertEqual(error?.errorNum, 1502, text)
            XCTAssertEqual(error?.message, "query is empty", text)
        }
    }

    func testQualifierErrors() {
        ParserTesting.assertError("FOR x IN c FOO {} RETURN x", .queryParse, at: (1, 12),
                                  "unexpected qualifier 'FOO', expecting 'SEARCH' or 'OPTIONS'", "near 'FOO {} RETURN x'")
        ParserTesting.assertError("FOR x IN c SEARCH true FOO {} RETURN x", .queryParse, at: (1, 24),
                                  "unexpected qualifier 'FOO', expecting 'OPTIONS'")
        ParserTesting.assertError("FOR v IN OUTBOUND 'a/1' e FOO v RETURN v", .queryParse, at: (1, 27),
                                  "unexpected qualifier 'FOO', expecting 'PRUNE' or 'OPTIONS'")
        ParserTesting.assertError("FOR v IN OUTBOUND SHORTEST_PATH 'a/1' UNTIL 'a/2' e RETURN v", .queryParse, at: (1, 39),
                                  "unexpected qualifier 'UNTIL', expecting 'TO'")
        ParserTesting.assertError("FOR v IN OUTBOUND SHORTEST_PATH 'a/1' 'a/2' e RETURN v", .queryParse, at: (1, 39),
                                  "unexpected quoted string, expecting TO")
    }

    func testForVariableCounts() {
        ParserTesting.assertError("FOR a, b IN c RETURN a", .queryParse, at: (1, 1),
                                  "Collections and views FOR loops only allow a single return variable")
        ParserTesting.assertError("FOR a, b, c, d IN OUTBOUND 'x/1' e RETURN a", .queryParse, at: (1, 1),
                                  "Traversals only have one, two or three return variables")
        ParserTesting.assertError("FOR a, b, c IN OUTBOUND SHORTEST_PATH 'x/1' TO 'x/2' e RETURN a", .queryParse, at: (1, 1),
                                  "SHORTEST_PATH must have one or two return variables")
        ParserTesting.assertError("FOR a, b IN OUTBOUND K_SHORTEST_PATHS 'x/1' TO 'x/2' e RETURN a", .queryParse, at: (1, 1),
                                  "K_SHORTEST_PATHS only has one return variable")
    }

    func testSearchNeedsAView() {
        ParserTesting.assertError("FOR d IN [1] SEARCH d RETURN d", .queryParse, at: (1, 14), "SEARCH condition used on non-view")
    }

    func testOptionsMustBeAConstantObject() {
        ParserTesting.assertError("FOR x IN c OPTIONS 1 RETURN x", .queryParse, at: (1, 12), "'OPTIONS' have to be an object")
        ParserTesting.assertError("FOR x IN c OPTIONS @o RETURN x", .queryParse, at: (1, 12), "'OPTIONS' have to be an object")
        ParserTesting.assertError("FOR x IN c OPTIONS {a: @p} RETURN x", .queryCompileTimeOptions, at: (1, 12),
                                  "'OPTIONS' have to be known at query compile time")
        ParserTesting.assertError("INSERT {} INTO c OPTIONS {w: NOOPT(1)}", .queryCompileTimeOptions, at: (1, 18))
    }

    func testMultiModify() {
        ParserTesting.assertError("FOR x IN a INSERT x INTO b INSERT x INTO b", .queryMultiModify, at: (1, 42), "multi-modify query")
        ParserTesting.assertError("FOR x IN @@a UPDATE x IN @@a REMOVE x IN @@a", .queryMultiModify, at: (1, 42))
        ParserTesting.assertError("LET r = (INSERT {} INTO c RETURN 1) INSERT {} INTO c", .queryMultiModify, at: (1, 52))
    }

    func testAccessAfterModification() {
        ParserTesting.assertError("INSERT {} INTO c FOR x IN c RETURN x", .queryAccessAfterModification, at: (1, 27),
                                  "access after data-modification by collection 'c'")
        ParserTesting.assertError("FOR x IN a REMOVE x IN a RETURN LENGTH(a)", .queryAccessAfterModification, at: (1, 40))
        ParserTesting.assertError("INSERT {} INTO e FOR v IN OUTBOUND 'a/1' e RETURN v", .queryAccessAfterModification, at: (1, 42))
        ParserTesting.assertError("LET r = (INSERT {} INTO c RETURN 1) FOR x IN c RETURN x", .queryAccessAfterModification, at: (1, 46))
        // Reading before modifying, and in the modification's own expressions, is fine.
        XCTAssertEqual(ParserTesting.tree("FOR x IN c UPDATE x WITH {n: LENGTH(c)} IN c"),
                       #"(query (for x (collection c)) (update (key x) (object ("n" (call LENGTH (collection c)))) (collection c)))"#)
    }

    func testCollectionUsedAsOperand() {
        ParserTesting.assertError("FOR x IN c FILTER c.a RETURN x", .queryCollectionUsedInExpression, at: (1, 19),
                                  "collection 'c' used as expression operand")
    }

    func testBindParameterType() {
        ParserTesting.assertError("REMOVE 'k' IN @c", .queryBindParameterType, at: (1, 15))
        ParserTesting.assertError("RETURN {@@p: 1}", .queryBindParameterType, at: (1, 9), "bind parameter '@p' has an invalid value or type")
    }

    func testTooManyCollections() {
        let loops = (0..<256).map { "FOR x\($0) IN c\($0) " }.joined()
        let column = loops.count + "FOR x256 IN ".count + 1
        ParserTesting.assertError(loops + "FOR x256 IN c256 RETURN 1", .queryTooManyCollections, at: (1, column),
                                  "too many collections")
        XCTAssertEqual(try QueryParser.parse(loops + "RETURN 1").collections.count, 256)
    }
}
