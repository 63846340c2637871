import C8Core
import C8Storage
import XCTest

/// Byte order of encoded values must equal C8QL order.
final class IndexKeyEncodingTests: XCTestCase {
    private let ordered: [JSON] = [
        .null, false, true, -1e300, -5, -1.5, -0.0, 0, 0.5, 1, 2, 9_007_199_254_740_992, 1e300,
        "", "\u{0}", "A", "B", "a", "a\u{0}", "ab", "b", "é", "😀",
        [], [.null, 1], [0], [1], [1, 2], [1, "a"], [2], ["a"],
        [:], ["a": 1], ["a": 2],
    ]

    func testByteOrderEqualsC8QLOrderOnScalarsAndArrays() {
        for i in 0..<ordered.count {
            for j in 0..<ordered.count {
                let a = ordered[i], b = ordered[j]
                if case .object = a { continue }
                if case .object = b { continue }
                let byValue = JSON.compare(a, b).signum()
                let byBytes = Bytes.compare(IndexKeyEncoding.encode(a), IndexKeyEncoding.encode(b)).signum()
                XCTAssertEqual(byBytes, byValue, "\(a.jsonString()) vs \(b.jsonString())")
            }
        }
    }

    func testEqualValuesEncodeIdentically() {
        let pairs: [(JSON, JSON)] = [(1, 1.0), (0, -0.0), ([1], [1, .null]), ([:], ["a": .null]),
                                     (["a": 1, "b": 2], ["b": 2, "a": 1])]
        for (a, b) in pairs {
            XCTAssertEqual(IndexKeyEncoding.encode(a), IndexKeyEncoding.encode(b), "\(a.jsonString()) vs \(b.jsonString())")
        }
    }

    /// Compound keys: concatenations sort like tuples.
    func testCompoundKeysSortLikeTuples() {
        let tuples: [[JSON]] = [["a", 2], ["a", 10], ["ab", 1], ["b", .null], ["b", 0]]
        let encoded = tuples.map { t -> [UInt8] in
            var bytes: [UInt8] = []
            for v in t { IndexKeyEncoding.append(v, to: &bytes) }
            return bytes
        }
        for i in 1..<encoded.count {
            XCTAssertLessThan(Bytes.compare(encoded[i - 1], encoded[i]), 0, "\(tuples[i - 1]) < \(tuples[i])")
        }
    }

    func testStringPrefixCoversExactlyTheStringsWithThatPrefix() {
        let prefix = IndexKeyEncoding.stringPrefix("ab")
        for s in ["ab", "abc", "ab\u{0}"] {
            XCTAssertTrue(IndexKeyEncoding.encode(.string(s)).starts(with: prefix), s)
        }
        for s in ["a", "b", "aB", "ac"] {
            XCTAssertFalse(IndexKeyEncoding.encode(.string(s)).starts(with: prefix), s)
        }
    }
}
