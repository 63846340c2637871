import C8Core
import XCTest
@testable import C8Query

/// INSERT, UPDATE, REPLACE, REMOVE, UPSERT with IN/INTO, OPTIONS, NEW/OLD.
final class ParserModificationTests: XCTestCase {
    private func t(_ text: String, file: StaticString = #filePath, line: UInt = #line) -> String {
        ParserTesting.tree(text, file: file, line: line)
    }

    func testInsert() {
        XCTAssertEqual(t("INSERT {a: 1} INTO c"), #"(query (insert {"a":1} (collection c)))"#)
        XCTAssertEqual(t("INSERT {a: 1} IN c"), #"(query (insert {"a":1} (collection c)))"#)
        XCTAssertEqual(t("INSERT {a: 1} INTO 'c' OPTIONS {waitForSync: true, overwrite: false}"),
                       #"(query (insert {"a":1} (collection c) (options {"waitForSync":true,"overwrite":false})))"#)
        XCTAssertEqual(t("FOR i IN 1..3 INSERT {n: i} INTO @@c RETURN NEW"),
                       #"(query (for i (.. 1 3)) (insert (object ("n" i)) @@c) (return NEW))"#)
    }

    func testUpdateAndReplace() {
        XCTAssertEqual(t("FOR d IN c UPDATE d WITH {x: 1} IN c"),
                       #"(query (for d (collection c)) (update (key d) {"x":1} (collection c)))"#)
        XCTAssertEqual(t("FOR d IN c UPDATE {_key: d._key, x: 1} INTO c OPTIONS {keepNull: false} RETURN [OLD, NEW]"),
                       #"(query (for d (collection c)) (update (object ("_key" (. d _key)) ("x" 1)) (collection c) (options {"keepNull":false})) (return (array OLD NEW)))"#)
        XCTAssertEqual(t("FOR d IN c REPLACE d WITH {y: 2} IN c RETURN NEW"),
                       #"(query (for d (collection c)) (replace (key d) {"y":2} (collection c)) (return NEW))"#)
        XCTAssertEqual(t("REPLACE 'k' WITH {y: 2} IN c"), #"(query (replace (key "k") {"y":2} (collection c)))"#)
    }

    func testRemove() {
        XCTAssertEqual(t("FOR d IN c REMOVE d IN c RETURN OLD"), "(query (for d (collection c)) (remove d (collection c)) (return OLD))")
        XCTAssertEqual(t("REMOVE 'k' INTO c OPTIONS {ignoreErrors: true}"),
                       #"(query (remove "k" (collection c) (options {"ignoreErrors":true})))"#)
        XCTAssertEqual(t("FOR d IN c REMOVE d._key IN c"), "(query (for d (collection c)) (remove (. d _key) (collection c)))")
    }

    func testDocumentMayUseInInsideBrackets() {
        XCTAssertEqual(t("FOR d IN c REMOVE (d.a IN [1]) ? d : 'x' IN c"),
                       #"(query (for d (collection c)) (remove (? (IN (. d a) [1]) d "x") (collection c)))"#)
        XCTAssertEqual(t("FOR d IN c UPDATE d WITH {f: d.a IN [1]} IN c"),
                       #"(query (for d (collection c)) (update (key d) (object ("f" (IN (. d a) [1]))) (collection c)))"#)
        XCTAssertEqual(t("FOR d IN c REMOVE d NOT IN [1] ? d : d IN c"),
                       "(query (for d (collection c)) (remove (? (NOT IN d [1]) d d) (collection c)))")
    }

    func testUpsert() {
        XCTAssertEqual(t("UPSERT {a: 1} INSERT {a: 1, n: 1} UPDATE {n: OLD.n + 1} IN c RETURN {NEW, OLD}"),
                       #"(query (upsert {"a":1} {"a":1,"n":1} (update (object ("n" (+ (. OLD n) 1)))) (collection c)) (return (object ("NEW" NEW) ("OLD" OLD))))"#)
        XCTAssertEqual(t("UPSERT @s INSERT @i REPLACE @r INTO c OPTIONS {exclusive: true}"),
                       #"(query (upsert @s @i (replace @r) (collection c) (options {"exclusive":true})))"#)
    }

    func testModificationMayBeFollowedByMoreStatements() {
        XCTAssertEqual(t("FOR i IN [1] INSERT {i} INTO c LET n = NEW FILTER n RETURN n"),
                       #"(query (for i [1]) (insert (object ("i" i)) (collection c)) (let n NEW) (filter n) (return n))"#)
        XCTAssertEqual(t("INSERT {} INTO a INSERT {} INTO b"), "(query (insert {} (collection a)) (insert {} (collection b)))")
    }

    func testSubqueryMayModify() {
        XCTAssertEqual(t("LET r = (INSERT {} INTO c RETURN NEW._key) RETURN r"),
                       "(query (let r (subquery (query (insert {} (collection c)) (return (. NEW _key))))) (return r))")
        XCTAssertEqual(t("RETURN (REMOVE 'k' IN c)"), #"(query (return (subquery (query (remove "k" (collection c))))))"#)
    }

    func testPseudoVariablesFollowTheModification() {
        ParserTesting.assertError("INSERT {} INTO c RETURN OLD", .queryCollectionUsedInExpression, at: (1, 25), "collection 'OLD'")
        ParserTesting.assertError("REMOVE 'k' IN c RETURN NEW", .queryCollectionUsedInExpression, at: (1, 24), "collection 'NEW'")
        ParserTesting.assertError("UPSERT {} INSERT NEW UPDATE {} IN c", .queryCollectionUsedInExpression, at: (1, 18))
        XCTAssertEqual(t("UPSERT {} INSERT {o: OLD} UPDATE {} IN c"),
                       #"(query (upsert {} (object ("o" OLD)) (update {}) (collection c)))"#)
        ParserTesting.assertError("RETURN NEW", .queryCollectionUsedInExpression, at: (1, 8))
        ParserTesting.assertError("RETURN (INSERT {} INTO c RETURN NEW)[0] + NEW", .queryCollectionUsedInExpression, at: (1, 43))
    }

    func testTargetForms() {
        ParserTesting.assertError("INSERT {} INTO @c", .queryBindParameterType, at: (1, 16),
                                  "bind parameter 'c' has an invalid value or type")
        ParserTesting.assertError("INSERT {} INTO 1", .queryParse, at: (1, 16), "unexpected integer number")
        ParserTesting.assertError("INSERT {} c", .queryParse, at: (1, 11), "expecting IN keyword or INTO keyword")
        ParserTesting.assertError("INSERT {} INTO c OPTIONS @o", .queryParse, at: (1, 26), "unexpected bind parameter, expecting {")
        ParserTesting.assertError("INSERT {} INTO c OPTS {}", .queryParse, at: (1, 18), "unexpected qualifier 'OPTS', expecting 'OPTIONS'")
        ParserTesting.assertError("UPSERT {} INSERT {} MERGE {} IN c", .queryParse, at: (1, 21), "expecting UPDATE command or REPLACE command")
    }
}
