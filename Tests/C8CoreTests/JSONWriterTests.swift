import C8Core
import XCTest

final class JSONWriterTests: XCTestCase {
    func testCompactAndPretty() throws {
        let value: JSON = ["name": "Ada", "tags": ["x", 1, 2.5, .null, true], "empty": [:], "none": []]
        XCTAssertEqual(value.jsonString(), #"{"name":"Ada","tags":["x",1,2.5,null,true],"empty":{},"none":[]}"#)
        XCTAssertEqual(value.jsonString(pretty: true), """
            {
              "name": "Ada",
              "tags": [
                "x",
                1,
                2.5,
                null,
                true
              ],
              "empty": {},
              "none": []
            }
            """)
    }

    func testObjectsKeepInsertionOrder() {
        var object = JSONObject()
        for key in ["z", "a", "m", "b"] { object[key] = .string(key) }
        object["a"] = 1
        XCTAssertEqual(JSON.object(object).jsonString(), #"{"z":"z","a":1,"m":"m","b":"b"}"#)
        object["m"] = nil
        XCTAssertEqual(object.keys, ["z", "a", "b"])
    }

    func testEscapesWhatRFC8259Requires() {
        let value = JSON.string("q\"b\\s/\u{0}\u{1}\u{1f}\n\r\t\u{8}\u{c} é😀\u{7f}\u{2028}")
        XCTAssertEqual(value.jsonString(), "\"q\\\"b\\\\s/\\u0000\\u0001\\u001f\\n\\r\\t\\b\\f é😀\u{7f}\u{2028}\"")
    }

    func testNumberLayout() {
        let cases: [(Double, String)] = [
            (0.0000002, "2e-7"), (1.5, "1.5"), (100, "100"), (-0.0, "0"), (0.1, "0.1"),
            (0.000001, "0.000001"), (1e-7, "1e-7"), (123.456, "123.456"), (1e21, "1e+21"),
            (1e20, "100000000000000000000"), (Double("12345678901234567890")!, "12345678901234567000"),
            (-2.5e-10, "-2.5e-10"), (1.7976931348623157e308, "1.7976931348623157e+308"),
            (Double.leastNonzeroMagnitude, "5e-324"), (0.30000000000000004, "0.30000000000000004"), (Double("9007199254740993")!, "9007199254740992"),
            (.infinity, "null"), (.nan, "null"), (-1234.5, "-1234.5"), (4.35, "4.35"),
        ]
        for (value, text) in cases {
            XCTAssertEqual(JSON.double(value).jsonString(), text, "\(value)")
            if value.isFinite { XCTAssertEqual(NumberFormatting.string(value), text) }
        }
        XCTAssertEqual(JSON.int(.min).jsonString(), "-9223372036854775808")
        XCTAssertEqual(JSON.int(.max).jsonString(), "9223372036854775807")
        XCTAssertEqual(JSON.int(0).jsonString(), "0")
        XCTAssertEqual(JSON.int(-7).jsonString(), "-7")
    }

    /// Whatever the value, the output is valid JSON that parses back equal.
    func testRandomValuesRoundTrip() throws {
        var rng = SplitMix64(seed: 42)
        for _ in 0..<500 {
            let value = RandomJSON.value(&rng, depth: 0)
            for pretty in [false, true] {
                let text = value.serialized(pretty: pretty)
                let back = try JSON.parse(text)
                XCTAssertEqual(back.jsonString(), value.jsonString())
            }
        }
    }
}

/// Random JSON values for property tests, deterministic per seed.
enum RandomJSON {
    static let samples = ["", "a", "Zürich", "東京", "😀 emoji", "tab\tquote\"", "\u{0}\u{1f}", "long " + String(repeating: "x", count: 200)]

    static func value(_ rng: inout SplitMix64, depth: Int) -> JSON {
        let kind = Int(rng.next() % (depth > 4 ? 6 : 8))
        switch kind {
        case 0: return .null
        case 1: return .bool(rng.next() & 1 == 0)
        case 2: return .int(Int64(bitPattern: rng.next()) >> Int64(rng.next() % 64))
        case 3:
            let d = Double(bitPattern: rng.next())
            return .double(d.isFinite ? d : 1.25)
        case 4: return .string(samples[Int(rng.next() % UInt64(samples.count))])
        case 5: return .double(Double(Int64(rng.next() % 1_000_000)) / 1000)
        case 6: return .array((0..<Int(rng.next() % 5)).map { _ in value(&rng, depth: depth + 1) })
        default:
            var object = JSONObject()
            for i in 0..<Int(rng.next() % 5) {
                object["k\(i)_\(rng.next() % 3)"] = value(&rng, depth: depth + 1)
            }
            return .object(object)
        }
    }
}
