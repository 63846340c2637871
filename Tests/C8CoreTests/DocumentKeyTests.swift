import XCTest
@testable import C8Core

final class DocumentKeyTests: XCTestCase {
    private func assertRejected(_ key: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertFalse(DocumentKey.isValid(key), "accepted \(key.debugDescription)", file: file, line: line)
        XCTAssertNil(DocumentKey(validating: key), file: file, line: line)
        do {
            try DocumentKey.validate(key)
            XCTFail("validate accepted \(key.debugDescription)", file: file, line: line)
        } catch {
            XCTAssertEqual(error.errorNum, 1221, file: file, line: line)
            XCTAssertEqual(error.code, 400, file: file, line: line)
        }
    }

    /// The membership masks are literals (no lazy static on the hot path):
    /// they must say exactly what the character list says.
    func testMasksAreTheCharacterList() {
        XCTAssertEqual(DocumentKey.allowedLow, DocumentKey.bits(in: 0..<64))
        XCTAssertEqual(DocumentKey.allowedHigh, DocumentKey.bits(in: 64..<128))
    }

    func testEveryAllowedPunctuationCharacter() throws {
        for char in "_-:.@()+,=;$!*'%" {
            let key = "a\(char)b"
            XCTAssertTrue(DocumentKey.isValid(key), "rejected \(key)")
            XCTAssertTrue(DocumentKey.isValid(String(char)), "rejected lone \(char)")
            XCTAssertEqual(try DocumentKey(key).rawValue, key)
        }
    }

    func testLettersAndDigits() {
        XCTAssertTrue(DocumentKey.isValid("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
        XCTAssertTrue(DocumentKey.isValid("abcdefghijklmnopqrstuvwxyz"))
        XCTAssertTrue(DocumentKey.isValid("0123456789"))
        XCTAssertTrue(DocumentKey.isValid("x"))
    }

    /// Only the 78 allowed characters pass, out of all 128 ASCII bytes.
    func testExactlyTheAllowedASCIISet() {
        let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-:.@()+,=;$!*'%".utf8)
        for byte in UInt8(0)..<128 {
            let key = String(decoding: [byte], as: UTF8.self)
            XCTAssertEqual(DocumentKey.isValid(key), allowed.contains(byte), "byte \(byte)")
        }
        XCTAssertEqual(allowed.count, 78)
    }

    func testLengthLimitIsInBytes() throws {
        let longest = String(repeating: "k", count: 254)
        XCTAssertTrue(DocumentKey.isValid(longest))
        XCTAssertEqual(try DocumentKey(longest).rawValue.utf8.count, 254)
        assertRejected(String(repeating: "k", count: 255))
    }

    func testRejectsEmptySlashSpaceAndNonASCII() {
        assertRejected("")
        assertRejected("a/b")
        assertRejected("/")
        assertRejected("a b")
        assertRejected(" ")
        assertRejected("tab\t")
        assertRejected("new\nline")
        assertRejected("é")
        assertRejected("naïve")
        assertRejected("日本")
        assertRejected("😀")
        assertRejected("a?b")
        assertRejected("a#b")
        assertRejected("a\"b")
        assertRejected("a\\b")
        assertRejected("a&b")
        assertRejected("nul\u{0}")
    }

    func testOrderIsByteOrder() throws {
        let keys = try ["b", "B", "a", "_", "-", "10", "9"].map { try DocumentKey($0) }
        XCTAssertEqual(keys.sorted().map(\.rawValue), ["-", "10", "9", "B", "_", "a", "b"])
    }

    // MARK: Handles

    func testParsesHandle() throws {
        let handle = try DocumentHandle(parsing: "users/alice")
        XCTAssertEqual(handle.collection, "users")
        XCTAssertEqual(handle.key.rawValue, "alice")
        XCTAssertEqual(handle.description, "users/alice")
        XCTAssertEqual(try DocumentHandle(parsing: "_system_coll/a:b@c").collection, "_system_coll")
        XCTAssertEqual(try DocumentHandle(parsing: "my-coll/1").key.rawValue, "1")
        XCTAssertEqual(DocumentHandle(collection: "c", key: try DocumentKey("k")).description, "c/k")
    }

    func testRejectsBadHandlesWith1205() {
        let bad = [
            "", "users", "/alice", "users/", "users/a/b", "users/a b", "us ers/a", "-users/a", "us.ers/a",
            "users/" + String(repeating: "k", count: 255), String(repeating: "c", count: 257) + "/k", "ü/k",
        ]
        for text in bad {
            XCTAssertFalse(DocumentHandle.isValid(text), "accepted \(text.debugDescription)")
            XCTAssertNil(DocumentHandle(validating: text))
            do {
                _ = try DocumentHandle(parsing: text)
                XCTFail("parsed \(text.debugDescription)")
            } catch {
                XCTAssertEqual(error.errorNum, 1205)
                XCTAssertEqual(error.message, "illegal document handle")
            }
        }
    }

    func testLongestCollectionPartAccepted() {
        XCTAssertTrue(DocumentHandle.isValid(String(repeating: "c", count: 256) + "/k"))
    }
}
