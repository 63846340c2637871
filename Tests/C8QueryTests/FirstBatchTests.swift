import C8Core
import C8Engine
@testable import C8Query
import XCTest

/// An index lookup followed by FILTERs and a LIMIT reads as many documents
/// in its first batch as the LIMIT takes (`LIMIT 10`: 10, not 4 + 8).
final class FirstBatchTests: QueryTestCase {
    private func steps(_ text: String, options: QueryOptions = QueryOptions()) throws -> [PlanStep] {
        try PreparedQuery(text: text, fabric: fabric, bindVariables: JSONObject(), options: options).steps
    }

    private func rowsWanted(_ text: String, options: QueryOptions = QueryOptions()) throws -> Int? {
        let steps = try steps(text, options: options)
        guard case .enumerateCollection(let enumerate)? = steps.first else { return nil }
        return QueryContext.rowsWanted(after: enumerate, in: steps)
    }

    func testRowsWantedComesFromALimitBehindFilters() throws {
        XCTAssertEqual(try rowsWanted("FOR u IN users FILTER u.age >= 40 SORT u.age LIMIT 3 RETURN u"), 3, "the index sorts")
        XCTAssertEqual(try rowsWanted("FOR u IN users FILTER u.age >= 40 FILTER u.active LIMIT 2, 3 RETURN u"), 5)
        XCTAssertNil(try rowsWanted("FOR u IN users FILTER u.age >= 40 SORT u.name LIMIT 3 RETURN u"), "a real SORT needs every row")
        XCTAssertNil(try rowsWanted("FOR u IN users FILTER u.age >= 40 RETURN u"))
        XCTAssertNil(try rowsWanted("FOR u IN users FILTER u.age >= 40 LET x = u.name LIMIT 3 RETURN x"))
        var fullCount = QueryOptions()
        fullCount.fullCount = true
        XCTAssertNil(try rowsWanted("FOR u IN users FILTER u.age >= 40 LIMIT 3 RETURN u", options: fullCount), "fullCount counts every row")
    }

    func testFirstBatchReadsThatManyKeys() throws {
        let users = try fabric.collection("users")
        let keys = ["ada", "alan", "grace", "edsger", "barbara", "nobody"]
        for (firstBatch, pulled) in [(DocumentBatchReader.firstBatch, 4), (2, 2), (5, 5), (500, 6)] {
            var position = 0
            let reader = DocumentBatchReader(collection: users, projection: nil, firstBatch: firstBatch) {
                defer { position += 1 }
                return position < keys.count ? keys[position] : nil
            }
            XCTAssertEqual(try reader.next()??["_key"], "ada")
            XCTAssertEqual(position, firstBatch >= keys.count ? keys.count + 1 : pulled, "first batch of \(firstBatch)")
            var found: [JSON] = ["ada"]
            while let document = try reader.next() { if let document { found.append(document["_key"]) } }
            XCTAssertEqual(found, ["ada", "alan", "grace", "edsger", "barbara"])
        }
    }

    func testLimitedIndexQueriesAnswerTheSame() throws {
        assertQuery("FOR u IN users FILTER u.age >= 40 SORT u.age LIMIT 2 RETURN u._key", #"["alan","edsger"]"#)
        assertQuery("FOR u IN users FILTER u.age >= 40 FILTER u.active SORT u.age LIMIT 1, 1 RETURN u._key", #"["grace"]"#)
    }
}
