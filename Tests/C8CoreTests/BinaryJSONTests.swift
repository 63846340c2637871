import C8Core
import XCTest

final class BinaryJSONTests: XCTestCase {
    /// Exact round trip: same serialized text, including int vs double and key order.
    func testRoundTripIsExact() throws {
        var rng = SplitMix64(seed: 1234)
        for _ in 0..<2000 {
            let value = RandomJSON.value(&rng, depth: 0)
            let decoded = try BinaryJSON.decode(BinaryJSON.encode(value))
            XCTAssertEqual(decoded.jsonString(), value.jsonString())
            XCTAssertEqual(decoded.typeName, value.typeName)
        }
        let edge: [JSON] = [
            .int(.min), .int(.max), .int(-1), .int(63), .int(64), .double(-0.0), .double(1.0), .double(.nan),
            .string(String(repeating: "é", count: 100)), .string(String(repeating: "x", count: 127)),
            .string(String(repeating: "x", count: 128)), [[[[]]]], ["": ["": .null]],
        ]
        for value in edge {
            let decoded = try BinaryJSON.decode(BinaryJSON.encode(value))
            switch (value, decoded) {
            case (.double(let a), .double(let b)): XCTAssertEqual(a.bitPattern, b.bitPattern)
            case (.int(let a), .int(let b)): XCTAssertEqual(a, b)
            case (.int, _), (.double, _): XCTFail("number kind changed: \(value) → \(decoded)")
            default: XCTAssertEqual(decoded.jsonString(), value.jsonString())
            }
        }
    }

    func testSmallValuesAreCompact() {
        XCTAssertEqual(BinaryJSON.encode(.null), [0x00])
        XCTAssertEqual(BinaryJSON.encode(true), [0x02])
        XCTAssertEqual(BinaryJSON.encode(5), [0x45])
        XCTAssertEqual(BinaryJSON.encode("ab"), [0x82, 0x61, 0x62])
        XCTAssertEqual(BinaryJSON.encode(-1), [0x03, 0x01])
        let doc: JSON = ["_key": "1", "n": 1]
        XCTAssertLessThan(BinaryJSON.encode(doc).count, doc.serialized().count)
    }

    /// Every truncation and every single-byte corruption decodes to a value or
    /// an error — never a crash.
    func testCorruptInputIsAnErrorNotACrash() throws {
        let doc: JSON = ["name": "Ada", "tags": ["a", "b"], "n": 1.5, "big": 1_000_000, "nested": ["x": [.null, true]]]
        let bytes = BinaryJSON.encode(doc)
        for length in 0..<bytes.count {
            XCTAssertThrowsError(try BinaryJSON.decode(bytes[0..<length]), "truncated to \(length)")
        }
        XCTAssertThrowsError(try BinaryJSON.decode(bytes + [0]))
        for i in 0..<bytes.count {
            for flip: UInt8 in [0x01, 0x80, 0xFF] {
                var corrupt = bytes
                corrupt[i] ^= flip
                _ = try? BinaryJSON.decode(corrupt)
            }
        }
        XCTAssertThrowsError(try BinaryJSON.decode([0x08]))
        XCTAssertThrowsError(try BinaryJSON.decode([0x06, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0, 0, 0, 0]))
        let deep = [UInt8](repeating: 0x06, count: 1) + [0x01, 0x00, 0x00, 0x00, 0x00]
        XCTAssertThrowsError(try BinaryJSON.decode(deep))
    }
}
