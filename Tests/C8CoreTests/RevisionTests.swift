import XCTest
@testable import C8Core

final class RevisionTests: XCTestCase {
    func testAlphabetIsSixtyFourCharactersInASCIIOrder() {
        let bytes = Array(Revision.alphabet.utf8)
        XCTAssertEqual(bytes.count, 64)
        XCTAssertEqual(Set(bytes).count, 64)
        XCTAssertEqual(bytes, bytes.sorted())
    }

    func testKnownEncodings() {
        XCTAssertEqual(Revision(.zero).string, "-----------")
        XCTAssertEqual(Revision(HybridTimestamp(rawValue: 1)).string, "----------0")
        XCTAssertEqual(Revision(HybridTimestamp(rawValue: 63)).string, "----------z")
        XCTAssertEqual(Revision(HybridTimestamp(rawValue: 64)).string, "---------0-")
        XCTAssertEqual(Revision(HybridTimestamp(rawValue: UInt64.max)).string, "Ezzzzzzzzzz")
        XCTAssertEqual(Revision(HybridTimestamp(rawValue: 1)).description, "----------0")
    }

    func testRoundTrip() throws {
        var rng = SystemRandomNumberGenerator()
        let edge: [UInt64] = [0, 1, 63, 64, 1 << 20, UInt64(Int64.max), UInt64.max - 1, UInt64.max]
        for raw in edge + (0..<2_000).map({ _ in UInt64.random(in: 0...UInt64.max, using: &rng) }) {
            let revision = Revision(HybridTimestamp(rawValue: raw))
            let text = revision.string
            XCTAssertEqual(text.utf8.count, 11)
            XCTAssertEqual(try Revision(parsing: text), revision, text)
            XCTAssertEqual(Revision(validating: text)?.timestamp.rawValue, raw)
        }
    }

    /// The point of the encoding: comparing strings compares times.
    func testStringOrderEqualsNumericOrder() {
        var rng = SystemRandomNumberGenerator()
        for i in 0..<20_000 {
            // Mix fully random pairs with close pairs, where only low digits differ.
            let a = UInt64.random(in: 0...UInt64.max, using: &rng)
            let b = i % 2 == 0 ? UInt64.random(in: 0...UInt64.max, using: &rng)
                : a &+ UInt64.random(in: 0...4_096, using: &rng)
            let sa = Revision(HybridTimestamp(rawValue: a)).string
            let sb = Revision(HybridTimestamp(rawValue: b)).string
            XCTAssertEqual(sa < sb, a < b, "\(a) \(b) → \(sa) \(sb)")
            XCTAssertEqual(sa == sb, a == b)
        }
    }

    func testOrderOfClockRevisions() {
        let wall = ManualClock(milliseconds: 1_700_000_000_000)
        let clock = HybridLogicalClock(physicalClock: wall)
        var previous = clock.nextRevision()
        for i in 0..<500 {
            if i % 7 == 0 { wall.advance(by: i % 14 == 0 ? 3 : -2) }
            let next = clock.nextRevision()
            XCTAssertLessThan(previous.string, next.string)
            XCTAssertLessThan(previous, next)
            previous = next
        }
    }

    func testDecodeGivesDateAndCount() throws {
        let ts = HybridTimestamp(milliseconds: 1_577_836_800_123, logical: 5)  // 2020-01-01T00:00:00.123Z
        let decoded = try Revision(parsing: Revision(ts).string).timestamp
        XCTAssertEqual(decoded.milliseconds, 1_577_836_800_123)
        XCTAssertEqual(decoded.logical, 5)
        XCTAssertEqual(decoded.date.timeIntervalSince1970, 1_577_836_800.123, accuracy: 0.0005)
    }

    func testRejectsMalformed() {
        let bad = [
            "", "----------", "------------", "F----------", "z----------", "----------+",
            "----------/", "---- ------", "----------é", "_ZrtwcUi---", "-----------\n",
        ]
        for text in bad {
            XCTAssertNil(Revision(validating: text), text.debugDescription)
            XCTAssertThrowsError(try Revision(parsing: text), text.debugDescription) { error in
                XCTAssertEqual((error as? C8Error)?.errorNum, 1239)
            }
        }
        // The largest leading character still accepted.
        XCTAssertNotNil(Revision(validating: "E----------"))
    }
}
