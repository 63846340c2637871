import C8Core
import XCTest

/// A `JSONObject` kept in its binary form must answer every question as the
/// decoded tree does, turn into a tree when changed, and refuse bytes that
/// decoding would refuse.
final class JSONObjectBinaryFormTests: XCTestCase {
    private func binaryForm(_ object: JSONObject) throws -> JSONObject {
        try JSONObject(binaryObject: BinaryJSON.encode(.object(object)))
    }

    func testAnswersAsTheTreeDoes() throws {
        var rng = SplitMix64(seed: 2026)
        var objects = 0
        for _ in 0..<3000 {
            guard case .object(let tree) = RandomJSON.value(&rng, depth: 0) else { continue }
            objects += 1
            let lazy = try binaryForm(tree)
            XCTAssertNotNil(lazy.binaryBytes)
            XCTAssertEqual(lazy.count, tree.count)
            XCTAssertEqual(lazy.isEmpty, tree.isEmpty)
            for key in tree.keys { XCTAssertEqual(lazy[key], tree[key], key) }
            XCTAssertNil(lazy["no such member \u{1F600}"])
            XCTAssertEqual(JSON.object(lazy).serialized(), JSON.object(tree).serialized())
            XCTAssertEqual(JSON.object(lazy).serialized(pretty: true), JSON.object(tree).serialized(pretty: true))
            XCTAssertEqual(BinaryJSON.encode(.object(lazy)), BinaryJSON.encode(.object(tree)))
            XCTAssertEqual(JSON.object(lazy), JSON.object(tree))
            XCTAssertEqual(JSON.object(lazy).hashValue, JSON.object(tree).hashValue)
            XCTAssertEqual(lazy.keys, tree.keys)
            XCTAssertEqual(lazy.values, tree.values)
            // Lookups after the members were decoded answer the same.
            for key in tree.keys { XCTAssertEqual(lazy[key], tree[key], key) }
        }
        XCTAssertGreaterThan(objects, 100)
    }

    func testChangingTheObjectDecodesItFirst() throws {
        let tree: JSONObject = ["_key": "a", "n": 1, "nested": ["x": [1, 2, "three"]], "s": "text"]
        var lazy = try binaryForm(tree)
        lazy["n"] = 2
        XCTAssertNil(lazy.binaryBytes)
        XCTAssertEqual(JSON.object(lazy).jsonString(), #"{"_key":"a","n":2,"nested":{"x":[1,2,"three"]},"s":"text"}"#)

        var removed = try binaryForm(tree)
        XCTAssertEqual(removed.removeValue(forKey: "nested"), ["x": [1, 2, "three"]])
        XCTAssertEqual(removed.keys, ["_key", "n", "s"])

        var appended = try binaryForm(tree)
        appended.appendUnique("t", true)
        XCTAssertEqual(appended.count, 5)
        XCTAssertEqual(appended["t"], true)
        XCTAssertEqual(appended["s"], "text")
    }

    func testBytesDecodingWouldRefuseAreRefused() throws {
        let good = BinaryJSON.encode(["a": 1, "b": ["c": "d"]])
        var corrupt: [[UInt8]] = [
            [], BinaryJSON.encode([1, 2]), BinaryJSON.encode("text"),
            Array(good.dropLast()), good + [0], good.map { $0 },
        ]
        corrupt[5][corrupt[5].count - 2] = 0x3F  // an unknown tag for the nested member's value
        for bytes in corrupt {
            XCTAssertThrowsError(try JSONObject(binaryObject: bytes), "\(bytes)")
            if bytes.first == 0x07 { XCTAssertThrowsError(try BinaryJSON.decode(bytes), "\(bytes)") }
        }
        XCTAssertEqual(try JSONObject(binaryObject: good)["b"], ["c": "d"])
    }

    /// Trusted bytes skip the check; well-formed ones answer as checked ones
    /// do, and corrupt ones (which checksummed storage should never hand
    /// back) read softly — missing members, never a trap.
    func testTrustedBytesAnswerAsCheckedOnesAndCorruptOnesFailSoftly() throws {
        var rng = SplitMix64(seed: 88)
        for _ in 0..<500 {
            guard case .object(let tree) = RandomJSON.value(&rng, depth: 0) else { continue }
            // Behind a header in the same array, as a cache entry holds it.
            let entry = [0xAA, 0xBB, 0xCC] + BinaryJSON.encode(.object(tree))
            let trusted = try JSONObject(trustedBinaryObject: entry[3...])
            XCTAssertEqual(JSON.object(trusted).serialized(), JSON.object(tree).serialized())
            for key in tree.keys { XCTAssertEqual(trusted[key], tree[key], key) }
        }
        XCTAssertThrowsError(try JSONObject(trustedBinaryObject: BinaryJSON.encode([1, 2])[...]), "not an object")
        XCTAssertThrowsError(try JSONObject(trustedBinaryObject: []))
        let good = BinaryJSON.encode(["a": 1, "b": ["c": "d"]])
        for cut in 2..<good.count {
            var corrupt = Array(good.prefix(cut))
            corrupt += [UInt8](repeating: 0x3F, count: good.count - cut)
            let object = try JSONObject(trustedBinaryObject: corrupt[...])
            _ = object["a"]
            _ = object["b"]
            _ = JSON.object(object).serialized()
            _ = object.members
        }
        let truncated = try JSONObject(trustedBinaryObject: good.prefix(4))
        XCTAssertNil(truncated["b"])
        // The fuzzer's input (Docs/FUZZING.md, finding 5): a member count
        // beyond Int trapped; it is clamped to what the bytes can hold.
        let hugeCount: [UInt8] = [0x07, 0xFF, 0x84, 0xFF, 0xFF, 0xFF, 0xFF, 0xCD, 0xFF, 0xFF, 0x3F, 0x80, 0xF9, 0x00]
        let clamped = try JSONObject(trustedBinaryObject: hugeCount[...])
        XCTAssertLessThanOrEqual(clamped.count, hugeCount.count)
        _ = JSON.object(clamped).serialized()
    }

    func testMemberValueComparesWholeKeys() throws {
        let bytes = BinaryJSON.encode(["ab": 1, "a": 2, "abc": 3, "": 4, "é": 5])
        func value(_ name: String) throws -> JSON? {
            try bytes.withUnsafeBufferPointer { object in
                try Array(name.utf8).withUnsafeBufferPointer { name in
                    try BinaryJSON.memberValue(named: name, ofObject: object).map { try BinaryJSON.decode(buffer: $0) }
                }
            }
        }
        XCTAssertEqual(try value("a"), 2)
        XCTAssertEqual(try value("ab"), 1)
        XCTAssertEqual(try value("abc"), 3)
        XCTAssertEqual(try value(""), 4)
        XCTAssertEqual(try value("é"), 5)
        XCTAssertNil(try value("abcd"))
        XCTAssertNil(try value("b"))
    }

    /// Found by the `binary` fuzz harness: decoding repairs an ill-formed
    /// key to U+FFFD, which a lookup in the bytes would not find; such an
    /// object is decoded at once. And bytes that are not the canonical
    /// encoding (an int in the long form) are kept as they are.
    func testIllFormedKeysAndNonCanonicalBytesAnswerAsTheTree() throws {
        let illFormedKey: [UInt8] = [0x07, 0x01, 3, 0, 0, 0, 0x01, 0xFF, 0x41]
        let tree = try XCTUnwrap(try BinaryJSON.decode(illFormedKey).objectValue)
        let lazy = try JSONObject(binaryObject: illFormedKey)
        XCTAssertEqual(lazy["\u{FFFD}"], 1)
        XCTAssertEqual(lazy["\u{FFFD}"], tree["\u{FFFD}"])
        XCTAssertNil(lazy.binaryBytes)

        let longInt: [UInt8] = [0x07, 0x01, 4, 0, 0, 0, 0x01, 0x61, 0x03, 0x02]
        let kept = try JSONObject(binaryObject: longInt)
        XCTAssertEqual(kept["a"], 1)
        XCTAssertEqual(BinaryJSON.encode(.object(kept)), longInt)
        XCTAssertEqual(try BinaryJSON.decode(BinaryJSON.encode(.object(kept))), ["a": 1])
        XCTAssertEqual(JSON.object(kept).jsonString(), #"{"a":1}"#)
    }
}
