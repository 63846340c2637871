import C8Core
import XCTest

/// `BinaryJSON.jsonText` must write exactly what decoding and serializing
/// writes, fail exactly where decoding fails, and parse back to the value.
final class BinaryJSONTextTests: XCTestCase {
    private func text(_ encoded: [UInt8]) throws -> [UInt8] {
        try encoded.withUnsafeBufferPointer { bytes in try BinaryJSON.jsonText(bytes) }
    }

    private func viaTree(_ encoded: [UInt8]) throws -> [UInt8] {
        try BinaryJSON.decode(encoded).serialized()
    }

    func testMatchesDecodeThenSerializeAndParsesBack() throws {
        var rng = SplitMix64(seed: 77)
        for _ in 0..<3000 {
            let value = RandomJSON.value(&rng, depth: 0)
            let encoded = BinaryJSON.encode(value)
            let written = try text(encoded)
            XCTAssertEqual(written, try viaTree(encoded))
            XCTAssertEqual(written, value.serialized())
            XCTAssertEqual(try JSON.parse(written).jsonString(), value.jsonString())
        }
    }

    func testEdgeValues() throws {
        let values: [JSON] = [
            .null, true, false, 0, 63, 64, -1, .int(.min), .int(.max), 1.5, -0.0, 1e21, 2e-7, .double(.nan), .double(.infinity),
            "", "\"\\/\u{0}\u{1f}\n\r\t\u{8}\u{c}", "é€😀", .string(String(repeating: "x", count: 127)),
            .string(String(repeating: "λ", count: 300)), [], [:], [[[[]]]], ["": ["": .null]],
            ["_key": "d0", "_id": "docs/d0", "_rev": "_abc", "geo": [-33.871, 151.1853], "tags": ["us"], "active": true],
        ]
        for value in values {
            let encoded = BinaryJSON.encode(value)
            XCTAssertEqual(String(decoding: try text(encoded), as: UTF8.self),
                           String(decoding: try viaTree(encoded), as: UTF8.self))
        }
        XCTAssertEqual(try text(BinaryJSON.encode(.double(.nan))), Array("null".utf8))
    }

    /// Every truncation and every single-byte corruption: both paths throw,
    /// or both answer the same text (invalid UTF-8 repaired the same way).
    func testCorruptBytesFailLikeDecode() throws {
        let document: JSON = ["_key": "k", "name": "Zoë", "n": 300, "d": 2.5, "a": [1, "two", [3]], "o": ["x": .null]]
        let encoded = BinaryJSON.encode(document)
        var cases: [[UInt8]] = (0..<encoded.count).map { Array(encoded[..<$0]) }
        cases.append(encoded + [0])
        for i in encoded.indices {
            for replacement: UInt8 in [0x00, 0x07, 0x7F, 0x80, 0xC3, 0xFF] where replacement != encoded[i] {
                var corrupt = encoded
                corrupt[i] = replacement
                cases.append(corrupt)
            }
        }
        for bytes in cases {
            let tree = try? viaTree(bytes)
            let direct = try? text(bytes)
            XCTAssertEqual(direct, tree, "\(bytes)")
        }
    }

    func testStringMember() throws {
        let encoded = BinaryJSON.encode(["_key": "k", "_id": "c/k", "_rev": "_r1", "n": 1, "big": [1, 2, ["x": "_rev"]]])
        try encoded.withUnsafeBufferPointer { bytes in
            XCTAssertEqual(try BinaryJSON.stringMember("_rev", ofObject: bytes), "_r1")
            XCTAssertEqual(try BinaryJSON.stringMember("_key", ofObject: bytes), "k")
            XCTAssertNil(try BinaryJSON.stringMember("n", ofObject: bytes))  // not a string
            XCTAssertNil(try BinaryJSON.stringMember("x", ofObject: bytes))  // nested only
            XCTAssertNil(try BinaryJSON.stringMember("_re", ofObject: bytes))
        }
        try BinaryJSON.encode(["a", "b"]).withUnsafeBufferPointer { bytes in
            XCTAssertThrowsError(try BinaryJSON.stringMember("_rev", ofObject: bytes))
        }
    }
}
