@testable import C8CLI
import C8Core
import XCTest

/// The readers that split an import's input into documents, exercised with
/// tiny chunks so documents straddle chunk boundaries.
final class ImportInputTests: XCTestCase {
    private struct Split: Equatable {
        var text: String
        var position: InputPosition
        var column: Int
    }

    private func split(_ text: String, chunkSize: Int = 16) throws -> (format: DocumentInput.Format, documents: [Split]) {
        let input = ChunkedInput(reader: MemoryReader(Array(text.utf8)), chunkSize: chunkSize)
        var found: [Split] = []
        let format: DocumentInput.Format = text.first(where: { !$0.isWhitespace }) == "[" ? .jsonArray : .jsonLines
        let body: (DocumentText) throws -> Void = { document in
            found.append(Split(text: String(decoding: document.bytes, as: UTF8.self), position: document.position,
                               column: document.column))
        }
        switch format {
        case .jsonLines: try JSONLinesSplitter().forEachDocument(in: input, body)
        case .jsonArray: try JSONArraySplitter().forEachDocument(in: input, body)
        }
        XCTAssertEqual(input.consumedBytes, text.utf8.count, "everything is consumed")
        return (format, found)
    }

    func testLinesLongerThanAChunkAndAFinalLineWithoutNewline() throws {
        let long = "{\"text\":\"" + String(repeating: "ab", count: 40) + "\"}"
        let documents = try split("{\"a\":1}\n\(long)\r\n\n{\"c\":3}", chunkSize: 16).documents
        XCTAssertEqual(documents.map(\.text), ["{\"a\":1}", long, "{\"c\":3}"])
        XCTAssertEqual(documents.map(\.position.line), [1, 2, 4])
    }

    func testArrayElementsAcrossChunksWithLinesColumnsAndIndexes() throws {
        let text = "[ {\"a\": \"x,]\\\"y\"},\n  [1, [2, {\"b\": 3}]] ,\"s\"\n, 4 ]  \n"
        let result = try split(text, chunkSize: 16)
        XCTAssertEqual(result.format, .jsonArray)
        XCTAssertEqual(result.documents, [
            Split(text: "{\"a\": \"x,]\\\"y\"}", position: InputPosition(line: 1, element: 0), column: 3),
            Split(text: "[1, [2, {\"b\": 3}]] ", position: InputPosition(line: 2, element: 1), column: 3),
            Split(text: "\"s\"\n", position: InputPosition(line: 2, element: 2), column: 23),
            Split(text: "4 ", position: InputPosition(line: 3, element: 3), column: 3),
        ])
    }

    func testEmptyArrayAndEmptyInputHaveNoDocuments() throws {
        XCTAssertEqual(try split(" [ ] ").documents, [])
        XCTAssertEqual(try split("").documents, [])
        XCTAssertEqual(try split("\n\n  \n").documents, [])
    }

    func testBrokenArraysAreSyntaxErrorsWithAPlace() {
        let cases: [(String, String, InputPosition)] = [
            ("[1,]", "expected a document before ']'", InputPosition(line: 1, column: 4, element: 1)),
            ("[\n,1]", "expected a document before ','", InputPosition(line: 2, column: 1, element: 0)),
            ("[1]\n x", "unexpected text after the JSON array", InputPosition(line: 2, column: 2)),
            ("[1,\n2", "the JSON array is not closed (missing ']')", InputPosition(line: 2, column: 2)),
        ]
        for (text, message, position) in cases {
            XCTAssertThrowsError(try split(text, chunkSize: 2), text) { error in
                let syntaxError = error as? InputSyntaxError
                XCTAssertEqual(syntaxError?.message, message, text)
                XCTAssertEqual(syntaxError?.position, position, text)
            }
        }
    }

    func testFormatIsDetectedFromTheFirstNonBlankByte() throws {
        let array = try DocumentInput(path: "-", standardInput: .text("\n\n   [{\"a\": 1}]"))
        XCTAssertEqual(array.format, .jsonArray)
        let lines = try DocumentInput(path: "-", standardInput: .text("  {\"a\": 1}\n[1]"))
        XCTAssertEqual(lines.format, .jsonLines)
        var texts: [String] = []
        try lines.forEachDocument { texts.append(String(decoding: $0.bytes, as: UTF8.self)) }
        XCTAssertEqual(texts, ["  {\"a\": 1}", "[1]"])
    }

    func testParseErrorsArePlacedRelativeToTheDocumentsStart() {
        let text = DocumentText(bytes: UnsafeBufferPointer(start: nil, count: 0),
                                position: InputPosition(line: 10, element: 4), column: 7)
        XCTAssertEqual(text.locate(JSONParseError(message: "", offset: 2, line: 1, column: 3)),
                       InputPosition(line: 10, column: 9, element: 4))
        XCTAssertEqual(text.locate(JSONParseError(message: "", offset: 20, line: 3, column: 2)),
                       InputPosition(line: 12, column: 2, element: 4))
    }

    func testProgressLineShowsPercentRateAndETAOnlyWhenTheSizeIsKnown() {
        XCTAssertEqual(ProgressBar.line(verb: "importing", documents: 50_000, completed: 250, total: 1000, seconds: 1),
                       "importing  25% [######..................] 50,000 docs  50,000 docs/s  ETA 0:03")
        XCTAssertEqual(ProgressBar.line(verb: "importing", documents: 1_234_567, completed: 9, total: nil, seconds: 2),
                       "importing 1,234,567 docs  617,284 docs/s")
    }
}
