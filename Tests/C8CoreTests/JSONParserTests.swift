import C8Core
import XCTest

/// Accept/reject corpus for the parser, assembled from RFC 8259's grammar
/// (§2–§8) and the edge cases JSON test suites are known for.
final class JSONParserTests: XCTestCase {
    /// Texts that must parse, with their compact re-serialization.
    static let accepted: [(String, String)] = [
        ("null", "null"), ("true", "true"), ("false", "false"),
        ("0", "0"), ("-0", "0"), ("1", "1"), ("-1", "-1"), ("123456789", "123456789"),
        ("9223372036854775807", "9223372036854775807"),
        ("-9223372036854775808", "-9223372036854775808"),
        ("9223372036854775808", "9223372036854776000"),
        ("1.5", "1.5"), ("-1.5", "-1.5"), ("0.5", "0.5"), ("1e2", "100"), ("1E2", "100"),
        ("1e+2", "100"), ("1e-2", "0.01"), ("2e-7", "2e-7"), ("0.0000002", "2e-7"),
        ("1.0", "1"), ("100.0", "100"), ("1e21", "1e+21"), ("1e300", "1e+300"),
        ("0.1", "0.1"), ("3.141592653589793", "3.141592653589793"),
        ("123456789012345678901234567890", "1.2345678901234568e+29"),
        ("1.7976931348623157e308", "1.7976931348623157e+308"), ("5e-324", "5e-324"),
        ("0e0", "0"), ("-0.0", "0"),
        ("\"\"", "\"\""), ("\"abc\"", "\"abc\""),
        ("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"", "\"\\\"\\\\/\\b\\f\\n\\r\\t\""),
        ("\"\\u0041\"", "\"A\""), ("\"\\u00e9\"", "\"é\""), ("\"é\"", "\"é\""),
        ("\"\\u20AC\"", "\"€\""), ("\"\\uD83D\\uDE00\"", "\"😀\""), ("\"😀\"", "\"😀\""),
        ("\"\\u0000\"", "\"\\u0000\""), ("\"\\u001f\"", "\"\\u001f\""), ("\"\u{7f}\"", "\"\u{7f}\""),
        ("\"\u{10FFFF}\"", "\"\u{10FFFF}\""), ("\"\u{FFFF}\"", "\"\u{FFFF}\""),
        ("[]", "[]"), ("[ ]", "[]"), ("{}", "{}"), ("{ }", "{}"),
        ("[1,2,3]", "[1,2,3]"), (" [ 1 , [ 2 , [ ] ] ] ", "[1,[2,[]]]"),
        ("{\"a\":1,\"b\":[true,null]}", "{\"a\":1,\"b\":[true,null]}"),
        ("{\"b\":1,\"a\":2}", "{\"b\":1,\"a\":2}"),
        ("{\"a\":1,\"b\":2,\"a\":3}", "{\"a\":3,\"b\":2}"),
        ("{\"\":0}", "{\"\":0}"),
        ("\t\r\n 42 \t\r\n", "42"),
    ]

    /// Texts that must be rejected, with the byte offset the error names.
    static let rejected: [(String, Int)] = [
        ("", 0), (" ", 1), ("nul", 3), ("tru", 3), ("True", 0), ("NULL", 0), ("nulll", 4),
        ("01", 0), ("-01", 0), ("00", 0), ("1.", 2), (".5", 0), ("-", 1), ("+1", 0), ("1e", 2),
        ("1e+", 3), ("0x10", 1), ("1.5e", 4), ("NaN", 0), ("Infinity", 0), ("-Infinity", 1),
        ("1e400", 0), ("-1e400", 0),
        ("[1,]", 3), ("[,1]", 1), ("[1 2]", 3), ("[1", 2), ("[", 1), ("]", 0),
        ("{\"a\":1,}", 7), ("{\"a\"}", 4), ("{\"a\" 1}", 5), ("{a:1}", 1), ("{'a':1}", 1),
        ("{\"a\":1", 6), ("{", 1), ("{,}", 1), ("{1:1}", 1),
        ("\"abc", 0), ("'abc'", 0), ("\"a\\x\"", 2), ("\"\\u12\"", 1), ("\"\\u12G4\"", 5),
        ("\"\\uD800\"", 1), ("\"\\uDC00\"", 1), ("\"\\uD800\\u0041\"", 1), ("\"\\uD800x\"", 1),
        ("\"a\u{01}b\"", 2), ("\"tab\there\"", 4), ("\"new\nline\"", 4),
        ("1 2", 2), ("[] []", 3), ("{}x", 2), ("null,", 4), ("\u{FEFF}1", 0),
        ("[1]//", 3), ("/*x*/1", 0),
    ]

    func testAcceptedCorpus() throws {
        for (text, expected) in Self.accepted {
            do {
                let value = try JSON.parse(text)
                XCTAssertEqual(value.jsonString(), expected, "re-serializing \(text)")
            } catch {
                XCTFail("rejected valid JSON \(text.debugDescription): \(error)")
            }
        }
    }

    func testRejectedCorpus() {
        for (text, offset) in Self.rejected {
            do {
                let value = try JSON.parse(text)
                XCTFail("accepted invalid JSON \(text.debugDescription) as \(value.jsonString())")
            } catch {
                XCTAssertEqual(error.offset, offset, "offset for \(text.debugDescription): \(error)")
            }
        }
    }

    /// Invalid UTF-8 inside strings: lone continuation bytes, overlongs,
    /// surrogates encoded directly, code points past U+10FFFF, truncation.
    func testRejectsInvalidUTF8() {
        let cases: [([UInt8], Int)] = [
            ([0x22, 0x80, 0x22], 1),
            ([0x22, 0xC0, 0xAF, 0x22], 1),
            ([0x22, 0xC1, 0xBF, 0x22], 1),
            ([0x22, 0xE0, 0x80, 0xAF, 0x22], 2),
            ([0x22, 0xED, 0xA0, 0x80, 0x22], 2),
            ([0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], 2),
            ([0x22, 0xF5, 0x80, 0x80, 0x80, 0x22], 1),
            ([0x22, 0xFF, 0x22], 1),
            ([0x22, 0x61, 0xE2, 0x82, 0x22], 2),
            ([0x22, 0xE2, 0x28, 0xA1, 0x22], 2),
            ([0x22, 0x5C, 0x6E, 0xC3, 0x28, 0x22], 4),
        ]
        for (bytes, offset) in cases {
            XCTAssertThrowsError(try JSON.parse(bytes), "\(bytes)") { error in
                XCTAssertEqual((error as? JSONParseError)?.offset, offset, "\(bytes): \(error)")
            }
        }
        XCTAssertEqual(try JSON.parse([0x22, 0xC3, 0xA9, 0x22] as [UInt8]), .string("é"))
        XCTAssertEqual(try JSON.parse([0x22, 0xF0, 0x9F, 0x98, 0x80, 0x22] as [UInt8]), .string("😀"))
    }

    func testErrorNamesLineAndColumn() {
        let text = "{\n  \"a\": 1,\n  \"b\": tru\n}"
        XCTAssertThrowsError(try JSON.parse(text)) { error in
            guard let error = error as? JSONParseError else { return XCTFail("\(error)") }
            XCTAssertEqual(error.line, 3)
            XCTAssertEqual(error.column, 11)
            XCTAssertEqual(error.offset, 22)
            XCTAssertTrue(error.description.contains("line 3, column 11"), error.description)
        }
    }

    func testDepthLimit() throws {
        let ok = String(repeating: "[", count: JSON.maximumDepth) + String(repeating: "]", count: JSON.maximumDepth)
        XCTAssertNoThrow(try JSON.parse(ok))
        let tooDeep = String(repeating: "[", count: JSON.maximumDepth + 1) + String(repeating: "]", count: JSON.maximumDepth + 1)
        XCTAssertThrowsError(try JSON.parse(tooDeep)) { error in
            XCTAssertTrue("\(error)".contains("nesting deeper than 512"), "\(error)")
        }
        // Far past the limit must still be an error, not a stack overflow.
        let hostile = String(repeating: "{\"a\":[", count: 100_000)
        XCTAssertThrowsError(try JSON.parse(hostile))
    }

    func testNumbersKeepIntegerAndDoubleApart() throws {
        XCTAssertEqual(try JSON.parse("42").typeName, "number")
        guard case .int(42) = try JSON.parse("42") else { return XCTFail("42 should be .int") }
        guard case .double(42) = try JSON.parse("42.0") else { return XCTFail("42.0 should be .double") }
        guard case .int(9_007_199_254_740_993) = try JSON.parse("9007199254740993") else {
            return XCTFail("integers beyond 2^53 stay exact when they fit in Int64")
        }
        guard case .double = try JSON.parse("18446744073709551616") else { return XCTFail("beyond Int64 is a double") }
    }

    func testDoublesRoundTripExactly() throws {
        var generator = SplitMix64(seed: 7)
        for _ in 0..<20_000 {
            let value = Double(bitPattern: generator.next())
            guard value.isFinite else { continue }
            let text = JSON.double(value).jsonString()
            let parsed = try JSON.parse(text)
            XCTAssertEqual(parsed.doubleValue?.bitPattern == value.bitPattern || (value == 0 && parsed.doubleValue == 0), true,
                           "\(value) → \(text) → \(parsed)")
        }
    }

    func testDuplicateKeysLastWinsInLargeObjects() throws {
        var members = (0..<40).map { "\"k\($0)\":\($0)" }
        members.append("\"k3\":\"last\"")
        let value = try JSON.parse("{" + members.joined(separator: ",") + "}")
        XCTAssertEqual(value.objectValue?.count, 40)
        XCTAssertEqual(value["k3"], "last")
        XCTAssertEqual(value.objectValue?.keys[3], "k3")
    }

    func testKeysAreComparedByteForByte() throws {
        // "é" precomposed and decomposed are different keys, as in ArangoDB.
        let value = try JSON.parse("{\"\u{E9}\":1,\"e\u{301}\":2}")
        XCTAssertEqual(value.objectValue?.count, 2)
        XCTAssertEqual(value["e\u{301}"], 2)
    }

    func testParsesFromArraysAndSlices() throws {
        let bytes: [UInt8] = Array("xx[1,2]".utf8)
        XCTAssertEqual(try JSON.parse(bytes[2...]), [1, 2])
    }
}

