import C8Core
import C8Engine
import C8Storage
import XCTest

final class PersistentIndexEntryTests: IndexTestCase {
    private func persistent(
        _ fields: [String], unique: Bool = false, sparse: Bool = false, deduplicate: Bool = true
    ) throws -> PersistentIndex {
        PersistentIndex(definition: try definition(.persistent, fields, unique: unique, sparse: sparse, deduplicate: deduplicate))
    }

    func testPlainFieldsEncodeValuesThenKey() throws {
        let index = try persistent(["a", "b.c"])
        let entries = index.entries(for: ["a": 1, "b": ["c": "x"]], key: "k1")
        XCTAssertEqual(entries, [IndexEntry(key: entryKey([1, "x", "k1"]), value: Array("k1".utf8))])
    }

    func testMissingAndNullAreBothNull() throws {
        let index = try persistent(["a", "b"])
        let missing = index.entries(for: ["a": 1], key: "k")
        let null = index.entries(for: ["a": 1, "b": .null], key: "k")
        XCTAssertEqual(missing.map(\.key), [entryKey([1, .null, "k"])])
        XCTAssertEqual(missing, null)
        XCTAssertEqual(index.entries(for: ["b": ["not": "scalar"]], key: "k").map(\.key), [entryKey([.null, ["not": "scalar"], "k"])])
    }

    func testSparseSkipsNullAndMissing() throws {
        let index = try persistent(["a", "b"], sparse: true)
        XCTAssertEqual(index.entries(for: ["a": 1], key: "k"), [])
        XCTAssertEqual(index.entries(for: ["a": 1, "b": .null], key: "k"), [])
        XCTAssertEqual(index.entries(for: ["a": .null, "b": 2], key: "k"), [])
        XCTAssertEqual(index.entries(for: ["a": 1, "b": false], key: "k").count, 1)
        let tags = try persistent(["tags[*]"], sparse: true)
        XCTAssertEqual(tags.entries(for: ["tags": ["x", .null]], key: "k").map(\.key), [entryKey(["x", "k"])])
    }

    func testArrayExpansionOneEntryPerDistinctElement() throws {
        let index = try persistent(["tags[*]"])
        let entries = index.entries(for: ["tags": ["b", "a", "b", 1, 1.0]], key: "k")
        XCTAssertEqual(Set(entries.map(\.key)), [entryKey(["a", "k"]), entryKey(["b", "k"]), entryKey([1, "k"])])
        XCTAssertEqual(entries.count, 3, "1 and 1.0 are one value")
        XCTAssertEqual(index.entries(for: ["tags": "a"], key: "k"), [], "a non-array contributes nothing")
        XCTAssertEqual(index.entries(for: [:], key: "k"), [])
        XCTAssertEqual(index.entries(for: ["tags": []], key: "k"), [])
        let names = try persistent(["friends[*].name"])
        XCTAssertEqual(
            names.entries(for: ["friends": [["name": "x"], ["age": 3]]], key: "k").map(\.key),
            [entryKey(["x", "k"]), entryKey([.null, "k"])])
    }

    func testWithoutDeduplicateRepeatsStay() throws {
        let index = try persistent(["tags[*]"], deduplicate: false)
        XCTAssertEqual(index.entries(for: ["tags": ["a", "a", "b"]], key: "k").count, 3)
    }

    func testSeveralExpansionsFormTheCrossProduct() throws {
        let index = try persistent(["x[*]", "n", "y[*]"])
        let entries = index.entries(for: ["x": [1, 2], "n": "m", "y": ["p", "q", "r"]], key: "k")
        XCTAssertEqual(entries.count, 6)
        XCTAssertEqual(Set(entries.map(\.key)).count, 6)
        XCTAssertTrue(entries.contains { $0.key == entryKey([2, "m", "q", "k"]) })
        XCTAssertEqual(index.entries(for: ["x": [1, 2], "y": 5], key: "k"), [])
    }

    func testUniqueEntriesLeaveOutTheKey() throws {
        let index = try persistent(["a"], unique: true)
        XCTAssertEqual(index.entries(for: ["a": "v"], key: "k1"), [IndexEntry(key: entryKey(["v"]), value: Array("k1".utf8))])
        XCTAssertEqual(index.entries(for: ["a": "v"], key: "k2").map(\.key), index.entries(for: ["a": "v"], key: "k1").map(\.key))
    }

    func testUniquenessConflictsWithOtherDocumentsOnly() throws {
        let storage = try makeStorage()
        let index = try persistent(["a", "b"], unique: true)
        try self.index([("k1", ["a": 1, "b": 2])], with: index, in: storage)
        let clash = index.entries(for: ["a": 1, "b": 2.0], key: "k2")
        expectError(.uniqueConstraintViolated, "in index idx_test of type persistent over 'a, b'; conflicting key: k1") {
            try index.checkUniqueness(of: clash, key: "k2", in: storage)
        }
        XCTAssertNoThrow(try index.checkUniqueness(of: index.entries(for: ["a": 1, "b": 2], key: "k1"), key: "k1", in: storage))
        XCTAssertNoThrow(try index.checkUniqueness(of: index.entries(for: ["a": 1, "b": 3], key: "k2"), key: "k2", in: storage))
        let nonUnique = try persistent(["a", "b"])
        XCTAssertNoThrow(try nonUnique.checkUniqueness(of: clash, key: "k2", in: storage))
    }

    func testUniqueArrayWithoutDeduplicateRejectsRepeats() throws {
        let storage = try makeStorage()
        let strict = try persistent(["tags[*]"], unique: true, deduplicate: false)
        expectError(.uniqueConstraintViolated, "conflicting key: k") {
            try strict.checkUniqueness(of: strict.entries(for: ["tags": ["a", "a"]], key: "k"), key: "k", in: storage)
        }
        let lenient = try persistent(["tags[*]"], unique: true)
        XCTAssertNoThrow(try lenient.checkUniqueness(of: lenient.entries(for: ["tags": ["a", "a"]], key: "k"), key: "k", in: storage))
    }

    func testLookupUnique() throws {
        let storage = try makeStorage()
        let index = try persistent(["a", "b"], unique: true)
        try self.index([("k1", ["a": 1, "b": "x"]), ("k2", ["a": 1, "b": "y"])], with: index, in: storage)
        XCTAssertEqual(try index.lookupUnique(values: [1, "y"], in: storage), "k2")
        XCTAssertEqual(try index.lookupUnique(values: [1.0, "x"], in: storage), "k1")
        XCTAssertNil(try index.lookupUnique(values: [2, "x"], in: storage))
        expectError(.badParameter) { try index.lookupUnique(values: [1], in: storage) }
        expectError(.badParameter) { try self.persistent(["a"]).lookupUnique(values: [1], in: storage) }
    }

    func testRemovingADocumentsEntriesLeavesOthers() throws {
        let storage = try makeStorage()
        let index = try persistent(["tags[*]"])
        let one: JSON = ["tags": ["a", "b"]]
        try self.index([("k1", one), ("k2", ["tags": ["a"]])], with: index, in: storage)
        XCTAssertEqual(storedKeys(storage).count, 3)
        try unindex("k1", one, with: index, in: storage)
        XCTAssertEqual(storedKeys(storage), [entryKey(["a", "k2"])])
    }
}
