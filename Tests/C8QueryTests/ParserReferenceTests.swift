import C8Core
import XCTest
@testable import C8Query

/// The bind parameter and collection lists of ``ParsedQuery``, warnings.
final class ParserReferenceTests: XCTestCase {
    private func parsed(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> ParsedQuery? {
        do {
            return try QueryParser.parse(text)
        } catch {
            XCTFail("\(text): \(error)", file: file, line: line)
            return nil
        }
    }

    func testValueBindParametersInOrderOfFirstUse() {
        let p = parsed("FOR x IN @@c FILTER x.a == @a && x.b == @b && x.c == @a LIMIT @n RETURN x.@attr")
        XCTAssertEqual(p?.bindParameters, ["a", "b", "n", "attr"])
        XCTAssertEqual(p?.collectionBindParameters, ["c"])
        XCTAssertEqual(p?.collections, [])
    }

    func testBindParametersEverywhere() {
        let p = parsed("""
            WITH @@w, @v
            FOR x IN 1..@max OUTBOUND @start GRAPH @g
              FOR y IN OUTBOUND x @@e1, @e2
                LET o = {@key: (FOR z IN @list RETURN z), [@k2]: 1}
                INSERT o INTO @@target OPTIONS {waitForSync: true}
                RETURN x[* FILTER CURRENT == @f]
            """)
        XCTAssertEqual(p?.bindParameters, ["v", "max", "start", "g", "e2", "key", "list", "k2", "f"])
        XCTAssertEqual(p?.collectionBindParameters, ["w", "e1", "target"])
    }

    func testCollectionsReferencedLiterally() {
        let p = parsed("""
            WITH persons
            FOR u IN users
              FOR v IN OUTBOUND u knows, INBOUND likes
                FOR w IN OUTBOUND v GRAPH 'social'
                  LET d = DOCUMENT(places, v.place)
                  INSERT {u, v} INTO log
                  UPDATE u IN users2
                  RETURN LENGTH(users)
            """)
        XCTAssertEqual(p?.collections, ["persons", "users", "knows", "likes", "places", "log", "users2"])
        XCTAssertEqual(p?.modifiedCollections, ["log", "users2"])
        XCTAssertEqual(p?.query.withCollections, ["persons"])
        XCTAssertEqual(p?.modifiesData, true)
    }

    func testModifiesDataSeesSubqueriesAndBoundTargets() {
        XCTAssertEqual(parsed("FOR d IN c RETURN d")?.modifiesData, false)
        XCTAssertEqual(parsed("RETURN (FOR d IN c REMOVE d IN c RETURN 1)")?.modifiesData, true)
        XCTAssertEqual(parsed("LET x = (INSERT {} INTO @@t) RETURN 1")?.modifiesData, true)
        XCTAssertEqual(parsed("LET x = (INSERT {} INTO @@t) RETURN 1")?.modifiedCollections, [])
    }

    func testCollectionsInSubqueriesAndShortestPaths() {
        let p = parsed("""
            LET a = (FOR x IN first RETURN x)
            FOR v IN ANY SHORTEST_PATH 'a/1' TO 'a/2' edgesA, edgesB
            FOR p IN OUTBOUND K_SHORTEST_PATHS 'a/1' TO 'a/2' GRAPH 'g'
            RETURN [a, v, p]
            """)
        XCTAssertEqual(p?.collections, ["first", "edgesA", "edgesB"])
    }

    func testDuplicatesAreListedOnce() {
        let p = parsed("FOR a IN c FOR b IN c FOR d IN @@p FOR e IN @@p FILTER a == @x && b == @x RETURN [a, b, d, e]")
        XCTAssertEqual(p?.collections, ["c"])
        XCTAssertEqual(p?.collectionBindParameters, ["p"])
        XCTAssertEqual(p?.bindParameters, ["x"])
    }

    func testNumbersOutOfRangeWarnAndReadAsNull() {
        let p = parsed("RETURN [1e999, 2]")
        XCTAssertEqual(p?.warnings.map(\.errorNum), [ErrorCode.queryNumberOutOfRange.errorNum])
        XCTAssertEqual(p?.warnings.first?.queryErrorPosition?.column, 9)
        XCTAssertEqual(p.map { SExpression.render($0.query) }, "(query (return [null,2]))")
    }

    func testWarningsAreEmptyForOrdinaryQueries() {
        XCTAssertEqual(parsed("RETURN 1.5e300")?.warnings.count, 0)
    }
}
