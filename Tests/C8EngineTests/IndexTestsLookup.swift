import C8Core
import C8Engine
import C8Storage
import XCTest

/// Persistent index lookups against a brute-force filter and sort over
/// random documents: whatever the index returns must be exactly what
/// `FILTER … SORT doc.a, doc.b, doc._key` returns.
class PersistentIndexLookupTests: IndexTestCase {
    /// Values of every type the planner ranges over, with ties (1 and 1.0)
    /// and near-misses ("a" and "a\0b"), so bounds land on, between and
    /// beside stored values.
    static let pool: [JSON] = [
        .null, false, true, -3, -0.5, 0, 1, 1.0, 1.5, 2, 7, 100,
        "", "A", "a", "a\u{0}b", "ab", "b", "é", [], [1], [1, 2], [2], [.null, 1],
    ]

    private struct Document {
        var key: String
        var body: JSON
    }

    private func randomDocuments(_ count: Int, using rng: inout SeededGenerator) -> [Document] {
        (0..<count).map { i in
            var object = JSONObject()
            for field in ["a", "b"] where Int.random(in: 0..<10, using: &rng) > 0 {
                object[field] = Self.pool.randomElement(using: &rng)!
            }
            return Document(key: "k\(Int.random(in: 0..<1_000_000, using: &rng))_\(i)", body: .object(object))
        }
    }

    private func randomBound(using rng: inout SeededGenerator) -> IndexBound? {
        guard Bool.random(using: &rng) else { return nil }
        return IndexBound(Self.pool.randomElement(using: &rng)!, inclusive: Bool.random(using: &rng))
    }

    /// The brute-force answer: documents passing `matches`, in index order.
    private func expected(_ documents: [Document], fields: [String], reverse: Bool, _ matches: (JSON) -> Bool) -> [String] {
        let sorted = documents.filter { matches($0.body) }.sorted { x, y in
            for field in fields {
                let c = JSON.compare(x.body[field], y.body[field])
                if c != 0 { return c < 0 }
            }
            return x.key.utf8Compare(y.key) < 0
        }.map(\.key)
        return reverse ? sorted.reversed() : sorted
    }

    private func within(_ value: JSON, _ lower: IndexBound?, _ upper: IndexBound?) -> Bool {
        if let lower {
            let c = JSON.compare(value, lower.value)
            if c < 0 || (c == 0 && !lower.inclusive) { return false }
        }
        if let upper {
            let c = JSON.compare(value, upper.value)
            if c > 0 || (c == 0 && !upper.inclusive) { return false }
        }
        return true
    }

    func testRangeLookupsMatchBruteForce() throws {
        var rng = SeededGenerator(seed: 0xC8_1DE5)
        let storage = try makeStorage()
        let index = PersistentIndex(definition: try definition(.persistent, ["a", "b"]))
        let documents = randomDocuments(400, using: &rng)
        try self.index(documents.map { ($0.key, $0.body) }, with: index, in: storage)

        var nonEmpty = 0
        for round in 0..<400 {
            let lower = randomBound(using: &rng)
            let upper = randomBound(using: &rng)
            let reverse = Bool.random(using: &rng)
            let lookup: IndexLookup
            let want: [String]
            if round % 2 == 0 {
                // A range on the first field.
                lookup = .range(lower: lower, upper: upper, reverse: reverse)
                want = expected(documents, fields: ["a", "b"], reverse: reverse) { within($0["a"], lower, upper) }
            } else {
                // Equality on the first field, a range on the second.
                let a = Self.pool.randomElement(using: &rng)!
                lookup = .range(equal: [a], lower: lower, upper: upper, reverse: reverse)
                want = expected(documents, fields: ["a", "b"], reverse: reverse) { $0["a"] == a && within($0["b"], lower, upper) }
            }
            let got = Array(try index.cursor(lookup, in: storage))
            XCTAssertEqual(got, want, "round \(round): \(lower.map { "\($0)" } ?? "-") … \(upper.map { "\($0)" } ?? "-") reverse \(reverse)")
            if !want.isEmpty { nonEmpty += 1 }
        }
        XCTAssertGreaterThan(nonEmpty, 200, "the generator must produce meaningful ranges")
    }

    func testEqualityAndInLookupsMatchBruteForce() throws {
        var rng = SeededGenerator(seed: 42)
        let storage = try makeStorage()
        let index = PersistentIndex(definition: try definition(.persistent, ["a", "b"]))
        let documents = randomDocuments(300, using: &rng)
        try self.index(documents.map { ($0.key, $0.body) }, with: index, in: storage)

        for round in 0..<200 {
            let reverse = Bool.random(using: &rng)
            let width = Int.random(in: 1...2, using: &rng)
            let tuples = (0..<Int.random(in: 0...4, using: &rng)).map { _ in
                (0..<width).map { _ in Self.pool.randomElement(using: &rng)! }
            }
            let got = Array(try index.cursor(.oneOf(tuples, reverse: reverse), in: storage))
            let want = expected(documents, fields: ["a", "b"], reverse: reverse) { body in
                tuples.contains { tuple in zip(["a", "b"], tuple).allSatisfy { body[$0] == $1 } }
            }
            XCTAssertEqual(got, want, "round \(round): IN \(tuples)")
        }
        let one = Array(try index.cursor(.equal([1]), in: storage))
        XCTAssertEqual(one, expected(documents, fields: ["a", "b"], reverse: false) { $0["a"] == 1 })
        XCTAssertFalse(one.isEmpty)
    }

    func testFullScanInBothDirections() throws {
        var rng = SeededGenerator(seed: 7)
        let storage = try makeStorage()
        let index = PersistentIndex(definition: try definition(.persistent, ["a", "b"]))
        let documents = randomDocuments(200, using: &rng)
        try self.index(documents.map { ($0.key, $0.body) }, with: index, in: storage)
        let forward = Array(try index.cursor(.scan(), in: storage))
        XCTAssertEqual(forward, expected(documents, fields: ["a", "b"], reverse: false) { _ in true })
        XCTAssertEqual(Array(try index.cursor(.scan(reverse: true), in: storage)), forward.reversed())
    }

    func testUniqueIndexRangesMatchBruteForce() throws {
        var rng = SeededGenerator(seed: 99)
        let storage = try makeStorage()
        let index = PersistentIndex(definition: try definition(.persistent, ["a", "b"], unique: true))
        // Unique (a, b) pairs: entry keys end right where a bound on b ends,
        // so exclusive bounds must stop exactly at stored entries.
        let documents = (0..<150).map { i in Document(key: "k\(i)", body: ["a": .int(Int64(i % 7)), "b": .int(Int64(i / 7))]) }
        try self.index(documents.map { ($0.key, $0.body) }, with: index, in: storage)
        func bound() -> IndexBound? {
            guard Int.random(in: 0..<4, using: &rng) > 0 else { return nil }
            let value: JSON = Bool.random(using: &rng)
                ? .int(Int64.random(in: -1...23, using: &rng)) : .double(Double.random(in: -1...23, using: &rng))
            return IndexBound(value, inclusive: Bool.random(using: &rng))
        }
        for round in 0..<150 {
            let lower = bound()
            let upper = bound()
            let reverse = Bool.random(using: &rng)
            let tuples: [[JSON]] = (0..<Int.random(in: 1...3, using: &rng)).map { _ in [.int(Int64.random(in: -1...7, using: &rng))] }
            let got = Array(try index.cursor(IndexLookup(prefixes: tuples, lower: lower, upper: upper, reverse: reverse), in: storage))
            let want = expected(documents, fields: ["a", "b"], reverse: reverse) { body in
                tuples.contains { body["a"] == $0[0] } && within(body["b"], lower, upper)
            }
            XCTAssertEqual(got, want, "round \(round): a IN \(tuples), b in \(String(describing: lower))…\(String(describing: upper))")
        }
        XCTAssertEqual(Array(try index.cursor(.range(equal: [3], lower: .exclusive(2), upper: .exclusive(5)), in: storage)), ["k24", "k31"])
    }

    func testSparseIndexLeavesOutNulls() throws {
        let storage = try makeStorage()
        let index = PersistentIndex(definition: try definition(.persistent, ["a"], sparse: true))
        try self.index([("k1", ["a": 1]), ("k2", [:]), ("k3", ["a": .null]), ("k4", ["a": false])], with: index, in: storage)
        XCTAssertEqual(Array(try index.cursor(.scan(), in: storage)), ["k4", "k1"])
        XCTAssertEqual(Array(try index.cursor(.equal([.null]), in: storage)), [])
    }

    func testArrayIndexReturnsEachDocumentOnce() throws {
        let storage = try makeStorage()
        let index = PersistentIndex(definition: try definition(.persistent, ["tags[*]"]))
        try self.index([("k1", ["tags": ["x", "y"]]), ("k2", ["tags": ["y"]]), ("k3", ["tags": "x"])], with: index, in: storage)
        XCTAssertEqual(Array(try index.cursor(.equal(["x"]), in: storage)), ["k1"])
        XCTAssertEqual(Array(try index.cursor(.oneOf([["x"], ["y"]]), in: storage)), ["k1", "k2"])
        XCTAssertEqual(Array(try index.cursor(.scan(), in: storage)), ["k1", "k2"])
    }

    func testInListOrderIsIndexOrder() throws {
        let storage = try makeStorage()
        let index = PersistentIndex(definition: try definition(.persistent, ["a"]))
        try self.index([("k1", ["a": "c"]), ("k2", ["a": "a"]), ("k3", ["a": 5]), ("k4", ["a": "a"])], with: index, in: storage)
        XCTAssertEqual(Array(try index.cursor(.oneOf([["c"], ["a"], [5], ["a"]]), in: storage)), ["k3", "k2", "k4", "k1"])
        XCTAssertEqual(Array(try index.cursor(.oneOf([["c"], ["a"], [5]], reverse: true), in: storage)), ["k1", "k4", "k2", "k3"])
        XCTAssertEqual(Array(try index.cursor(.oneOf([]), in: storage)), [])
    }

    func testCursorIsLazyAndStaysExhausted() throws {
        let storage = try makeStorage()
        let index = PersistentIndex(definition: try definition(.persistent, ["a"]))
        try self.index((0..<5).map { ("k\($0)", ["a": .int(Int64($0))]) }, with: index, in: storage)
        let cursor = try index.cursor(.scan(), in: storage)
        XCTAssertEqual(cursor.next(), "k0")
        XCTAssertEqual(cursor.next(), "k1")
        XCTAssertEqual(Array(cursor), ["k2", "k3", "k4"])
        XCTAssertNil(cursor.next())
        XCTAssertNil(cursor.next())
    }

    func testInvalidLookupsAreRejected() throws {
        let storage = try makeStorage()
        let index = PersistentIndex(definition: try definition(.persistent, ["a", "b"]))
        expectError(.badParameter, "more fields") { try index.cursor(.equal([1, 2, 3]), in: storage) }
        expectError(.badParameter, "more fields") {
            try index.cursor(.range(equal: [1, 2], lower: .inclusive(1), upper: nil), in: storage)
        }
        expectError(.badParameter, "same length") { try index.cursor(.oneOf([[1], [1, 2]]), in: storage) }
    }
}

/// The lookup suite on RocksDB: seeks, reverse seeks and bounds behave the
/// same on the durable engine.
final class PersistentIndexLookupRocksDBTests: PersistentIndexLookupTests {
    override func makeStorage() throws -> any StorageEngine { try makeRocksDB() }

    func testEntriesSurviveReopen() throws {
        let directory = temporaryDirectory()
        let index = PersistentIndex(definition: try definition(.persistent, ["a"]))
        let storage = try openRocksDB(at: directory)
        try self.index([("k1", ["a": 2]), ("k2", ["a": 1]), ("k3", ["a": 3])], with: index, in: storage)
        storage.close()
        let reopened = try openRocksDB(at: directory)
        XCTAssertEqual(Array(try index.cursor(.range(lower: .exclusive(1), upper: nil, reverse: true), in: reopened)), ["k3", "k1"])
    }
}
