import C8Core
import C8Engine
import C8Query
import XCTest

/// The documents behind index and primary-key lookups are read in batches
/// (``DocumentCollection/documents(_:projection:)``): the answers must be
/// those of reading them one by one — order, LIMIT, missing keys, repeats,
/// documents partly in the document cache.
final class IndexBatchReadTests: QueryTestCase {
    private var many: DocumentCollection!

    override func setUpWithError() throws {
        try super.setUpWithError()
        many = try fabric.createCollection("many")
        _ = try many.insert(many: (0..<300).map { i in
            ["_key": .string(String(format: "m%03d", i)), "g": .int(Int64(i % 3)), "n": .int(Int64(i))]
        })
        try many.createIndex(["type": "persistent", "fields": ["g", "n"]])
        // Some documents cached, some removed.
        for i in stride(from: 0, to: 300, by: 7) { _ = try many.document(String(format: "m%03d", i)) }
        for i in stride(from: 5, to: 300, by: 11) { try many.remove(DocumentSelector(key: String(format: "m%03d", i))) }
    }

    func testIndexLookupsAnswerAsDocumentReads() throws {
        for (query, limit) in [("FILTER d.g == 1 SORT d.g, d.n", 300), ("FILTER d.g == 2 SORT d.g, d.n LIMIT 5", 5),
                               ("FILTER d.g == 0 SORT d.g, d.n LIMIT 70", 70), ("FILTER d.g IN [2, 0] SORT d.g DESC, d.n DESC", 300)] {
            let indexed = try run("FOR d IN many \(query) RETURN d")
            // The same through a full scan: `d.g + 0` uses no index.
            let scanned = try run("FOR d IN many \(query.replacingOccurrences(of: "FILTER d.g", with: "FILTER d.g + 0")) RETURN d")
            XCTAssertEqual(JSON.array(indexed).jsonString(), JSON.array(scanned).jsonString(), query)
            XCTAssertEqual(indexed.count, min(limit, scanned.count))
            let projected = try run("FOR d IN many \(query) RETURN [d._id, d.n]")
            XCTAssertEqual(projected, indexed.map { [$0["_id"], $0["n"]] }, query)
        }
    }

    func testPrimaryKeyListsKeepOrderAndSkipMissingAndRepeatedKeys() throws {
        let keys: [JSON] = (0..<120).reversed().map { .string(String(format: "m%03d", $0 * 2)) } + ["nope", "m004", "", "m001"]
        let found = try run("FOR d IN many FILTER d._key IN @keys RETURN d._key", ["keys": .array(keys)])
        let expected = try keys.compactMap { key -> JSON? in
            guard let k = key.stringValue, try many.document(k) != nil else { return nil }
            return key
        }
        var seen = Set<JSON>()
        XCTAssertEqual(found, expected.filter { seen.insert($0).inserted })
    }
}
