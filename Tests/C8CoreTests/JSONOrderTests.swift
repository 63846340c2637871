import C8Core
import XCTest

/// C8QL's type and value order, with the examples of C8-API.md §2.5.
final class JSONOrderTests: XCTestCase {
    private func assertLess(_ a: String, _ b: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let x = try JSON.parse(a)
        let y = try JSON.parse(b)
        XCTAssertLessThan(JSON.compare(x, y), 0, "\(a) < \(b)", file: file, line: line)
        XCTAssertGreaterThan(JSON.compare(y, x), 0, "\(b) > \(a)", file: file, line: line)
        XCTAssertNotEqual(x, y, file: file, line: line)
    }

    private func assertEqual(_ a: String, _ b: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let x = try JSON.parse(a)
        let y = try JSON.parse(b)
        XCTAssertEqual(JSON.compare(x, y), 0, "\(a) == \(b)", file: file, line: line)
        XCTAssertEqual(x, y, file: file, line: line)
        XCTAssertEqual(x.hashValue, y.hashValue, "equal values hash equal: \(a), \(b)", file: file, line: line)
    }

    func testTypeRanks() throws {
        try assertLess("null", "false")
        try assertLess("true", "0")
        try assertLess("0", "\"\"")
        try assertLess("\"\"", "[]")
        try assertLess("[]", "{}")
        try assertLess("null", "-1e300")
        try assertLess("999999", "\"0\"")
        try assertLess("\"zzz\"", "[null]")
        try assertLess("[[[[1]]]]", "{}")
    }

    func testScalars() throws {
        try assertEqual("null", "null")
        try assertLess("false", "true")
        try assertLess("-1", "0")
        try assertLess("1", "1.5")
        try assertEqual("1", "1.0")
        try assertEqual("-0", "0")
        try assertEqual("0.0", "-0.0")
        try assertLess("9007199254740992", "9007199254740993")
        try assertLess("\"a\"", "\"b\"")
        try assertLess("\"a\"", "\"aa\"")
        try assertLess("\"\"", "\"a\"")
    }

    /// Byte order, the documented decision (Docs/DECISIONS.md): upper case
    /// before lower case, code point order beyond ASCII.
    func testStringsCompareByUTF8Bytes() throws {
        try assertLess("\"B\"", "\"a\"")
        try assertLess("\"Z\"", "\"_\"")
        try assertLess("\"z\"", "\"é\"")
        try assertLess("\"\u{FFFF}\"", "\"😀\"")
        try assertLess("\"\u{E9}\"", "\"\u{EA}\"")
        XCTAssertNotEqual(JSON.string("\u{E9}"), JSON.string("e\u{301}"))
    }

    func testArraysPadWithNull() throws {
        try assertLess("[]", "[0]")
        try assertLess("[1,2]", "[2]")
        try assertLess("[99,99]", "[100]")
        try assertLess("[false,1]", "[false,\"\"]")
        try assertEqual("[1]", "[1,null]")
        try assertEqual("[]", "[null,null]")
        try assertLess("[null]", "[false]")
        try assertEqual("[[1]]", "[[1,null]]")
    }

    func testObjectsCompareOverSortedKeyUnion() throws {
        try assertLess("{}", "{\"a\":1}")
        try assertLess("{\"a\":1}", "{\"a\":2}")
        try assertLess("{\"b\":1}", "{\"a\":0}")
        try assertLess("{\"a\":{\"c\":true}}", "{\"a\":{\"c\":0}}")
        try assertEqual("{\"a\":1,\"b\":2}", "{\"b\":2,\"a\":1}")
        // The docs say {} < {"a":null}; the engine says equal, and we follow the engine.
        try assertEqual("{}", "{\"a\":null}")
        try assertEqual("{\"x\":[1]}", "{\"x\":[1,null],\"y\":null}")
        try assertLess("{\"a\":1}", "{\"a\":1,\"b\":false}")
    }

    func testSortingIsATotalOrder() throws {
        var rng = SplitMix64(seed: 99)
        let values = (0..<300).map { _ in RandomJSON.value(&rng, depth: 0) }
        let sorted = values.sorted()
        for i in 1..<sorted.count {
            XCTAssertLessThanOrEqual(JSON.compare(sorted[i - 1], sorted[i]), 0)
        }
        // Antisymmetry and transitivity on random triples.
        for _ in 0..<2000 {
            let a = values[Int(rng.next() % 300)], b = values[Int(rng.next() % 300)], c = values[Int(rng.next() % 300)]
            XCTAssertEqual(JSON.compare(a, b).signum(), -JSON.compare(b, a).signum())
            if JSON.compare(a, b) <= 0 && JSON.compare(b, c) <= 0 {
                XCTAssertLessThanOrEqual(JSON.compare(a, c), 0)
            }
            if a == b { XCTAssertEqual(a.hashValue, b.hashValue) }
        }
    }

    func testSetsAndDictionariesUseC8QLEquality() {
        let set: Set<JSON> = [1, 1.0, "1", [1], [1, .null], ["a": 1], ["a": 1, "b": .null]]
        XCTAssertEqual(set.count, 4)
    }

    func testAccessorsNeverFail() {
        let doc: JSON = ["a": ["b": [10, 20, 30]]]
        XCTAssertEqual(doc["a"]["b"][1], 20)
        XCTAssertEqual(doc["a"]["b"][-1], 30)
        XCTAssertEqual(doc["a"]["b"][5], .null)
        XCTAssertEqual(doc["missing"]["deeper"], .null)
        XCTAssertEqual(JSON.int(3)["x"], .null)
        XCTAssertEqual(JSON.double(3.0).intValue, 3)
        XCTAssertNil(JSON.double(3.5).intValue)
    }
}
