import C8Core
import XCTest

/// `JSON.Parser.transcode`: JSON text straight to BinaryJSON gives the bytes
/// `BinaryJSON.encode(JSON.parse(text))` gives, accepts and refuses the same
/// texts with the same errors, and declines only objects that repeat a key.
final class JSONTranscoderTests: XCTestCase {
    private enum Outcome: Equatable {
        case bytes([UInt8])
        case declined
        case error(JSONParseError)
    }

    /// Transcodes `text` after `prefix` bytes already in the buffer, which
    /// must stay untouched whatever happens.
    private func transcode(_ text: [UInt8], parser: inout JSON.Parser, file: StaticString = #filePath,
                           line: UInt = #line) -> Outcome {
        let prefix: [UInt8] = [0xAA, 0xBB, 0xCC]
        var buffer = ByteBuffer(capacity: 16)
        prefix.withUnsafeBufferPointer { buffer.append($0) }
        let result = text.withUnsafeBufferPointer { text in
            Result { () throws(JSONParseError) -> Bool in try parser.transcode(buffer: text, into: &buffer) }
        }
        let bytes = buffer.takeBytes()
        XCTAssertEqual(Array(bytes.prefix(3)), prefix, "bytes before the value are kept", file: file, line: line)
        switch result {
        case .success(true): return .bytes(Array(bytes.dropFirst(3)))
        case .success(false):
            XCTAssertEqual(bytes.count, 3, "a declined text leaves nothing behind", file: file, line: line)
            return .declined
        case .failure(let error):
            XCTAssertEqual(bytes.count, 3, "a refused text leaves nothing behind", file: file, line: line)
            return .error(error)
        }
    }

    /// What the tree parser and encoder make of `text`.
    private func reference(_ text: [UInt8]) -> Outcome {
        do throws(JSONParseError) {
            return .bytes(BinaryJSON.encode(try JSON.parse(text)))
        } catch {
            return .error(error)
        }
    }

    private func assertSameAsTree(_ texts: [[UInt8]], file: StaticString = #filePath, line: UInt = #line) {
        var parser = JSON.Parser()  // one parser for all: reuse after errors and declines too
        for text in texts {
            let got = transcode(text, parser: &parser, file: file, line: line)
            let expected = reference(text)
            let shown = String(decoding: text.prefix(80), as: UTF8.self)
            if got == .declined {
                // Declined: only for an object with a repeated key, which the tree parser accepts.
                guard case .bytes = expected else { return XCTFail("declined \(shown), the tree refuses it", file: file, line: line) }
                continue
            }
            XCTAssertEqual(got, expected, shown, file: file, line: line)
        }
    }

    func testValuesOfEveryKindGiveTheEncodersBytes() {
        let texts: [String] = [
            "null", "true", "false", " \t\r\n 0 \n", "-0", "-0.0", "0.0", "1", "63", "64", "-1", "1e2", "1E+2", "1.5e-3",
            "-1e-400", "2.5E-310", "9223372036854775807", "-9223372036854775808", "9223372036854775808",
            "-9223372036854775809", "123456789012345678901234567890", "3.141592653589793238462643383279",
            "0.1", "1e22", "1e23", "4.9e-324", "1.7976931348623157e308", "100000000000000000000000",
            #""""#, #""plain""#, #""Zoë Ørsted 中文""#, #""\u00e9\u4e2d\u0000\n\t\"\\\/\b\f\r""#,
            #""\ud83d\ude00 and \uD834\uDD1E""#, "\"😀 raw\"",
            "\"" + String(repeating: "x", count: 127) + "\"", "\"" + String(repeating: "y", count: 128) + "\"",
            "\"" + String(repeating: "é", count: 300) + "\"", "\"" + String(repeating: "\\n", count: 200) + "\"",
            "[]", "{}", "[[]]", "[{}]", #"{"a":{}}"#, #"{"":""}"#,
            #"{"_key":"d0","name":"Olumide Ritchie","age":86,"active":true,"geo":[-33.871,151.1853],"tags":["us"],"score":52.932}"#,
            #"{"nested":{"deeper":{"deepest":[1,[2,[3,{"x":null}]]]}},"after":1}"#,
            #"{"a": [1, {"b": "c"}], "d": "é \u00e9"}"#,
            #"[1, "two", 3.5, false, null, {"k": []}]"#,
            "[" + (0..<127).map(String.init).joined(separator: ",") + "]",
            "[" + (0..<128).map(String.init).joined(separator: ",") + "]",
            "[" + (0..<20_000).map(String.init).joined(separator: ",") + "]",
            "{" + (0..<130).map { "\"k\($0)\": [\($0), {\"n\": \($0)}]" }.joined(separator: ", ") + "}",
            "{\"big\": [" + (0..<300).map { "{\"i\": \($0), \"s\": \"\(String(repeating: "z", count: $0))\"}" }
                .joined(separator: ",") + "], \"tail\": true}",
            String(repeating: "[", count: 512) + String(repeating: "]", count: 512),
            String(repeating: "{\"a\":", count: 511) + "1" + String(repeating: "}", count: 511),
        ]
        assertSameAsTree(texts.map { Array($0.utf8) })
    }

    func testInvalidTextsGiveTheTreeParsersErrorsAtTheSamePlaces() {
        var texts: [[UInt8]] = [
            "", "   ", "{", "[", "{oops", #"{"a":tru}"#, #"{"a": nul}"#, #"{"a":1,}"#, "[1,]", "[1 2]", #"{"a" 1}"#,
            #"{"a":1 "b":2}"#, #"{1:2}"#, #"{"a":"x"#, #""\ud800""#, #""\udc00""#, #""\ud800\u0041""#, #""\u12G4""#,
            #""\x""#, "\"a\tb\"", "01", "-", "-a", "1.", "1.e5", "1e", "1e+", "1e400", "-1e400", "123abc", "1 2",
            "{\"a\":1}\n{\"b\":2}", "[1, 2, {\"z\": tru}]", #"{"a": [1, {"b": "c"}], "d": }"#, "nul", "truex",
            String(repeating: "[", count: 513) + String(repeating: "]", count: 513),
            "{\"ok\": [1, 2],\n  \"bad\": [3,\n 4,, 5]}",
            "{\"big\": [" + (0..<200).map(String.init).joined(separator: ",") + ", oops]}",
            "{" + (0..<130).map { "\"k\($0)\": \($0)" }.joined(separator: ", ") + ", \"k\": }",
        ].map { Array($0.utf8) }
        texts.append([0xEF, 0xBB, 0xBF] + Array("{}".utf8))  // byte order mark
        texts.append(Array("\"a".utf8) + [0xC3, 0x28] + Array("\"".utf8))  // invalid UTF-8
        texts.append(Array("{\"k\": \"".utf8) + [0xED, 0xA0, 0x80] + Array("\"}".utf8))  // encoded surrogate
        texts.append(Array("[\"".utf8) + [0xF4, 0x90, 0x80, 0x80] + Array("\"]".utf8))  // past U+10FFFF
        texts.append(Array("\"".utf8) + [0xE2, 0x82])  // truncated, unterminated
        for text in texts {
            guard case .error = reference(text) else { return XCTFail("\(String(decoding: text, as: UTF8.self)) parses") }
        }
        assertSameAsTree(texts)
    }

    /// Strings are scanned eight bytes at a time: a quote, escape, control
    /// character, non-ASCII or bad byte at any offset is still found.
    func testStringsScannedByWordsFindEverySpecialByteAtEveryOffset() throws {
        var parser = JSON.Parser()
        for before in 0..<20 {
            for after in [0, 1, 7, 8, 9, 30] {
                let a = String(repeating: "a", count: before), b = String(repeating: "b", count: after)
                let cases: [(text: [UInt8], expected: String?, errorOffset: Int?)] = [
                    (Array("\"\(a)\(b)\"".utf8), a + b, nil),
                    (Array("\"\(a)\\\"\(b)\"".utf8), a + "\"" + b, nil),
                    (Array("\"\(a)\\n\(b)\"".utf8), a + "\n" + b, nil),
                    (Array("\"\(a)é\(b)\"".utf8), a + "é" + b, nil),
                    (Array("\"\(a)".utf8) + [0x01] + Array("\(b)\"".utf8), nil, 1 + before),
                    (Array("\"\(a)".utf8) + [0x7F] + Array("\(b)\"".utf8), a + "\u{7F}" + b, nil),
                    (Array("\"\(a)".utf8) + [0xFF] + Array("\(b)\"".utf8), nil, 1 + before),
                    // A lead byte: the error is at the byte that should continue it.
                    (Array("\"é\(a)".utf8) + [0xC3] + Array("\(b)\"".utf8), nil, 3 + before + (after > 0 ? 1 : 0)),
                    (Array("\"\(a)\(b)".utf8), nil, 0),
                ]
                for (text, expected, errorOffset) in cases {
                    let shown = "\(before)/\(after): \(text)"
                    switch Result(catching: { () throws(JSONParseError) -> JSON in try JSON.parse(text) }) {
                    case .success(let value):
                        XCTAssertEqual(value.stringValue, expected, shown)
                        XCTAssertNil(errorOffset, shown)
                    case .failure(let error):
                        XCTAssertNil(expected, "\(shown): \(error)")
                        XCTAssertEqual(error.offset, errorOffset, shown)
                    }
                    XCTAssertEqual(transcode(text, parser: &parser), reference(text), shown)
                }
            }
        }
    }

    func testRepeatedKeysAreDeclinedAndEverythingElseIsNot() {
        let repeated = [
            #"{"a":1,"b":2,"a":3}"#, #"{"_key":"dup1","_key":"dup2"}"#, #"{"o":{"x":1,"x":[2]},"p":1}"#,
            #"[1, {"deep": {"y": 1, "y": 2}}]"#,
        ]
        var parser = JSON.Parser()
        for text in repeated {
            XCTAssertEqual(transcode(Array(text.utf8), parser: &parser), .declined, text)
        }
        // A repeated key followed by a syntax error: the tree parser, which
        // the caller falls back to, reports the error.
        XCTAssertEqual(transcode(Array(#"{"a":1,"a":2} x"#.utf8), parser: &parser), .declined)
        XCTAssertEqual(transcode(Array(#"{"a":1,"a":2,"b":}"#.utf8), parser: &parser),
                       reference(Array(#"{"a":1,"a":2,"b":}"#.utf8)))
        // The same key in different objects is no repeat.
        let distinct = #"{"a":{"a":{"a":1}},"b":[{"a":1},{"a":2}]}"#
        XCTAssertEqual(transcode(Array(distinct.utf8), parser: &parser), reference(Array(distinct.utf8)))
    }

    func testEncodedDocumentsAreFoundByIndexAcrossBlocks() throws {
        let values: [JSON] = (0..<50).map { i in i % 7 == 0 ? .int(Int64(i)) : ["i": .int(Int64(i)), "s": .string("v\(i)")] }
        var all = EncodedDocuments()
        for start in stride(from: 0, to: 50, by: 16) {
            all.append(contentsOf: EncodedDocuments(encoding: values[start..<min(50, start + 16)]))
        }
        all.append(contentsOf: EncodedDocuments())  // an empty block adds nothing
        XCTAssertEqual(all.count, 50)
        all.withUnsafeDocuments { documents in
            for (i, value) in values.enumerated() { XCTAssertEqual(Array(documents[i]), BinaryJSON.encode(value), "\(i)") }
        }
        XCTAssertEqual(try all.document(at: 33), values[33])
        let prefix = all.prefix(20)
        XCTAssertEqual(prefix.count, 20)
        XCTAssertEqual(try prefix.document(at: 19), values[19])
    }

    func testMembersAreWalkedWithoutDecoding() throws {
        let object: JSON = ["_key": "k", "a": [1, 2, ["x": "y"]], "_rev": "r", "b": .string(String(repeating: "s", count: 200))]
        let bytes = BinaryJSON.encode(object)
        var keys: [String] = [], values: [JSON] = [], copied: [UInt8] = []
        try bytes.withUnsafeBufferPointer { buffer in
            XCTAssertTrue(BinaryJSON.isObject(buffer))
            try BinaryJSON.forEachMember(ofObject: buffer) { member in
                keys.append(String(decoding: member.key, as: UTF8.self))
                values.append((try? BinaryJSON.decode(buffer: member.value)) ?? "corrupt")
                copied += Array(member.bytes)
            }
        }
        XCTAssertEqual(keys, ["_key", "a", "_rev", "b"])
        XCTAssertEqual(values, object.objectValue?.values)
        XCTAssertEqual(copied, Array(bytes.dropFirst(1 + 1 + 4)), "the members' bytes are the object's body")
        func first(_ name: String) throws -> [UInt8]? {
            try bytes.withUnsafeBufferPointer { buffer in
                try BinaryJSON.firstMember(ofObject: buffer) { String(decoding: $0, as: UTF8.self) == name }.map { Array($0.value) }
            }
        }
        XCTAssertEqual(try first("_rev"), BinaryJSON.encode("r"))
        XCTAssertEqual(try first("a"), BinaryJSON.encode([1, 2, ["x": "y"]]))
        XCTAssertNil(try first("missing"))
        let notObject = BinaryJSON.encode([1, 2])
        try notObject.withUnsafeBufferPointer { buffer in
            XCTAssertFalse(BinaryJSON.isObject(buffer))
            XCTAssertThrowsError(try BinaryJSON.forEachMember(ofObject: buffer) { _ in })
        }
        let truncated = Array(bytes.dropLast(3))
        try truncated.withUnsafeBufferPointer { buffer in
            XCTAssertThrowsError(try BinaryJSON.forEachMember(ofObject: buffer) { _ in })
        }
    }
}
