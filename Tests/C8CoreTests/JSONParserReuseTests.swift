import C8Core
import XCTest

/// `JSON.Parser`: one parser for many texts gives what `JSON.parse` gives
/// for each, including after a text that fails halfway.
final class JSONParserReuseTests: XCTestCase {
    func testAReusedParserParsesEachTextAsParseDoes() throws {
        let texts = [
            #"{"a": [1, {"b": "c"}], "d": "é \u00e9", "a": 2}"#,
            #"{"deep": [[[[{"x": [1, 2, {"y": null}]}]]]]"#,
            #"{"broken": [1, 2, {"z": tru}]}"#,
            #"[1, "two", 3.5, false]"#,
            #"{"unterminated": "abc"#,
            #""plain string""#,
            #"{}"#,
        ]
        var parser = JSON.Parser()
        for text in texts {
            let bytes = Array(text.utf8)
            let expected = Result { () throws(JSONParseError) -> JSON in try JSON.parse(bytes) }
            let reused = bytes.withUnsafeBufferPointer { buffer in
                Result { () throws(JSONParseError) -> JSON in try parser.parse(buffer: buffer) }
            }
            switch (expected, reused) {
            case (.success(let a), .success(let b)): XCTAssertEqual(a, b, text)
            case (.failure(let a), .failure(let b)): XCTAssertEqual(a, b, text)
            default: XCTFail("\(text): \(expected) vs \(reused)")
            }
        }
    }
}
