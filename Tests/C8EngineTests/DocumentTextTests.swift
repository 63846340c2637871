import C8Core
import C8Engine
import XCTest

/// `documentText` answers what `document(_:)` answers, serialized, with the
/// revision; `cachedDocumentText` answers only cached documents. On both
/// storage engines (see the subclass).
class DocumentTextTests: EngineTestCase {
    private let bodies: [JSON] = [
        ["_key": "a", "n": 1, "s": "tab\t\"quoted\"", "nested": ["x": [1, 2.5, .null, true], "y": ["z": "é€😀"]]],
        ["_key": "b"],
        ["_key": "c", "long": .string(String(repeating: "λ", count: 300)), "arr": .array((0..<200).map { .int(Int64($0)) })],
    ]

    /// Kept open for the test's duration.
    private var engine: Engine?

    private func collection(cacheEnabled: Bool = true) throws -> DocumentCollection {
        let options = try CollectionOptions(json: ["cacheEnabled": .bool(cacheEnabled)])
        let engine = try makeEngine()
        self.engine = engine
        let users = try engine.fabric().createCollection("users", options: options)
        for case .failure(let error) in try users.insert(many: bodies) { throw error }
        return users
    }

    private func assertSameAsDocument(_ users: DocumentCollection, _ key: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let document = try XCTUnwrap(try users.document(key), file: file, line: line)
        let text = try XCTUnwrap(try users.documentText(key), file: file, line: line)
        XCTAssertEqual(String(decoding: text.json, as: UTF8.self), document.jsonString(), file: file, line: line)
        XCTAssertEqual(text.rev, document["_rev"].stringValue, file: file, line: line)
    }

    func testTextIsTheSerializedDocumentOnMissAndHit() throws {
        let users = try collection()
        for key in ["a", "b", "c"] {
            XCTAssertNil(try users.cachedDocumentText(key), "nothing read yet")
            let miss = try XCTUnwrap(try users.documentText(key))
            let hit = try XCTUnwrap(try users.cachedDocumentText(key))
            XCTAssertEqual(hit, miss)
            XCTAssertTrue(String(decoding: hit.json, as: UTF8.self).hasPrefix(#"{"_key":"\#(key)","_id":"users/\#(key)","_rev":""#))
            try assertSameAsDocument(users, key)
        }
        XCTAssertNil(try users.documentText("missing"))
        XCTAssertNil(try users.documentText("bad key"))
        XCTAssertNil(try users.cachedDocumentText("missing"))
    }

    func testWritesAreSeenAtOnce() throws {
        let users = try collection()
        let before = try XCTUnwrap(try users.documentText("a"))
        try users.update(DocumentSelector(key: "a"), with: ["n": 2])
        XCTAssertNil(try users.cachedDocumentText("a"), "the write dropped the cached copy")
        let after = try XCTUnwrap(try users.documentText("a"))
        XCTAssertNotEqual(after.rev, before.rev)
        XCTAssertEqual(try JSON.parse(after.json)["n"], 2)
        try assertSameAsDocument(users, "a")
        try users.remove(DocumentSelector(key: "a"))
        XCTAssertNil(try users.documentText("a"))
        XCTAssertNil(try users.cachedDocumentText("a"))
    }

    func testCacheDisabledReadsStorage() throws {
        let users = try collection(cacheEnabled: false)
        for key in ["a", "b", "c"] {
            try assertSameAsDocument(users, key)
            XCTAssertNil(try users.cachedDocumentText(key))
        }
    }
}

final class DocumentTextRocksDBTests: DocumentTextTests {
    override func makeEngine() throws -> Engine { try Engine.open(directory: temporaryDirectory().path) }

    /// A cold read after a restart (nothing cached) writes the text from
    /// the bytes read off disk.
    func testTextAfterARestart() throws {
        let dir = temporaryDirectory().path
        let expected: String
        do {
            let engine = try Engine.open(directory: dir)
            let users = try engine.fabric().createCollection("users")
            try users.insert(["_key": "a", "city": "Zürich", "geo": [47.37, 8.54]])
            expected = try XCTUnwrap(try users.document("a")).jsonString()
            engine.close()
        }
        let engine = try Engine.open(directory: dir)
        defer { engine.close() }
        let users = try engine.fabric().collection("users")
        XCTAssertNil(try users.cachedDocumentText("a"))
        XCTAssertEqual(String(decoding: try XCTUnwrap(try users.documentText("a")).json, as: UTF8.self), expected)
    }
}
