import C8Core
import C8Engine
import C8Storage
import XCTest

final class FulltextIndexTests: IndexTestCase {
    private func fulltext(minLength: Int = 2) throws -> FulltextIndex {
        FulltextIndex(definition: try definition(.fulltext, ["text"], sparse: true, minLength: minLength))
    }

    func testTokenizer() {
        XCTAssertEqual(FulltextTokenizer.words(in: "The quick, brown FOX! fox-trot 42x a", minLength: 2),
                       ["the", "quick", "brown", "fox", "trot", "42x"])
        XCTAssertEqual(FulltextTokenizer.words(in: "Größe ЛИСА 東京 café", minLength: 2), ["größe", "лиса", "東京", "café"])
        XCTAssertEqual(FulltextTokenizer.words(in: "cafe\u{301}", minLength: 1), ["café"], "NFC: one word, composed")
        XCTAssertEqual(FulltextTokenizer.words(in: "ab abc abcd", minLength: 4), ["abcd"])
        let long = String(repeating: "x", count: 50)
        XCTAssertEqual(FulltextTokenizer.words(in: long, minLength: 2), [String(repeating: "x", count: 40)])
        XCTAssertEqual(FulltextTokenizer.words(in: "  ,;  ", minLength: 1), [])
    }

    func testEntriesFromStringsArraysAndObjects() throws {
        let index = try fulltext()
        XCTAssertEqual(index.entries(for: ["text": "Hi hi there"], key: "k").map(\.key), [
            entryKey([], rawSuffix: Array("hi".utf8) + [0] + Array("k".utf8)),
            entryKey([], rawSuffix: Array("there".utf8) + [0] + Array("k".utf8)),
        ])
        XCTAssertEqual(index.words(of: ["text": ["red fox", 5, ["nested"], "blue"]]), ["red", "fox", "blue"])
        XCTAssertEqual(index.words(of: ["text": ["en": "fox", "de": "Fuchs", "deep": ["x": "hidden"]]]), ["fox", "fuchs"])
        XCTAssertEqual(index.words(of: ["text": 12345]), [])
        XCTAssertEqual(index.words(of: [:]), [])
        XCTAssertEqual(index.entries(for: ["text": "a b"], key: "k"), [], "words below minLength are not indexed")
    }

    private func populated() throws -> (FulltextIndex, any StorageEngine) {
        let storage = try makeStorage()
        let index = try fulltext()
        try self.index([
            ("d1", ["text": "The quick brown fox"]),
            ("d2", ["text": "A lazy brown dog"]),
            ("d3", ["text": "Foxes and hounds"]),
            ("d4", ["text": ["quick", "dog"]]),
            ("d5", ["text": "nothing here"]),
        ], with: index, in: storage)
        return (index, storage)
    }

    func testCompleteWordsAreTheDefault() throws {
        let (index, storage) = try populated()
        XCTAssertEqual(try index.search("fox", in: storage), ["d1"])
        XCTAssertEqual(try index.search("complete:FOX", in: storage), ["d1"])
        XCTAssertEqual(try index.search("brown", in: storage), ["d1", "d2"])
        XCTAssertEqual(try index.search("cat", in: storage), [])
    }

    func testPrefix() throws {
        let (index, storage) = try populated()
        XCTAssertEqual(try index.search("prefix:fox", in: storage), ["d1", "d3"])
        XCTAssertEqual(try index.search("PREFIX:ho", in: storage), ["d3"])
        XCTAssertEqual(try index.search("prefix:zz", in: storage), [])
    }

    func testAndOrNot() throws {
        let (index, storage) = try populated()
        XCTAssertEqual(try index.search("brown,dog", in: storage), ["d2"])
        XCTAssertEqual(try index.search("+brown +dog", in: storage), ["d2"])
        XCTAssertEqual(try index.search("brown,|dog", in: storage), ["d1", "d2", "d4"])
        XCTAssertEqual(try index.search("brown,-dog", in: storage), ["d1"])
        XCTAssertEqual(try index.search("prefix:fox,|quick,-brown", in: storage), ["d3", "d4"])
        XCTAssertEqual(try index.search("cat,dog", in: storage), [], "AND with an empty result stays empty")
        XCTAssertEqual(try index.search("cat,|dog", in: storage), ["d2", "d4"])
        XCTAssertEqual(try index.search("-dog", in: storage), ["d2", "d4"], "the first term always starts the result (ArangoDB)")
    }

    func testLimitKeepsKeyOrder() throws {
        let (index, storage) = try populated()
        XCTAssertEqual(try index.search("|brown,|dog,|quick", limit: 2, in: storage), ["d1", "d2"])
        XCTAssertEqual(try index.search("brown", limit: 0, in: storage), [])
    }

    func testMalformedQueries() throws {
        let (index, storage) = try populated()
        for query in ["", "  , ", "-", "prefix:", "fox,|"] {
            expectError(.badParameter, nil) { try index.search(query, in: storage) }
        }
        let parsed = try FulltextQuery(parsing: "a, |prefix:Bc -d :e")
        XCTAssertEqual(parsed.terms.map(\.word), ["a", "bc", "d", "e"])
        XCTAssertEqual(parsed.terms.map(\.operation), [.or, .or, .exclude, .and])
        XCTAssertEqual(parsed.terms.map(\.match), [.complete, .prefix, .complete, .complete])
        let many = (0..<40).map { "w\($0)" }.joined(separator: ",")
        XCTAssertEqual(try FulltextQuery(parsing: many).terms.count, 32)
    }
}
