import CNCurses
import COpenSSL
import CRocksDB
import Foundation
import XCTest

/// Proves each system library links and does real work.
final class SystemLibraryTests: XCTestCase {
    func testRocksDBPutGetInTempDir() throws {
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("c8-rocksdb-smoke-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }

        let options = rocksdb_options_create()!
        defer { rocksdb_options_destroy(options) }
        rocksdb_options_set_create_if_missing(options, 1)

        var error: UnsafeMutablePointer<CChar>?
        let db = rocksdb_open(options, dir.path, &error)
        XCTAssertNil(error.map { String(cString: $0) })
        guard let db else { return XCTFail("rocksdb_open returned nil") }
        defer { rocksdb_close(db) }

        let writeOptions = rocksdb_writeoptions_create()!
        defer { rocksdb_writeoptions_destroy(writeOptions) }
        rocksdb_put(db, writeOptions, "answer", 6, "42", 2, &error)
        XCTAssertNil(error.map { String(cString: $0) })

        let readOptions = rocksdb_readoptions_create()!
        defer { rocksdb_readoptions_destroy(readOptions) }
        var length = 0
        let value = rocksdb_get(db, readOptions, "answer", 6, &length, &error)
        XCTAssertNil(error.map { String(cString: $0) })
        guard let value else { return XCTFail("value missing") }
        defer { rocksdb_free(value) }
        let text = String(decoding: UnsafeRawBufferPointer(start: value, count: length), as: UTF8.self)
        XCTAssertEqual(text, "42")

        let missing = rocksdb_get(db, readOptions, "nope", 4, &length, &error)
        XCTAssertNil(missing)
    }

    func testOpenSSLSHA256OfKnownString() {
        let input = Array("abc".utf8)
        var digest = [UInt8](repeating: 0, count: Int(SHA256_DIGEST_LENGTH))
        _ = input.withUnsafeBufferPointer { SHA256($0.baseAddress, $0.count, &digest) }
        let hex = digest.map { String(format: "%02x", $0) }.joined()
        // FIPS 180-2, appendix B.1.
        XCTAssertEqual(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertTrue(String(cString: c8_OpenSSL_version_text()).hasPrefix("OpenSSL 3"))
    }

    func testNCursesVersionString() {
        let version = String(cString: curses_version())
        XCTAssertTrue(version.hasPrefix("ncurses 6."), version)
        // The wide-character API is visible only because the shim defines NCURSES_WIDECHAR.
        var cell = cchar_t()
        var text: [wchar_t] = [wchar_t(UnicodeScalar("é").value), 0]
        XCTAssertEqual(setcchar(&cell, &text, 0, 0, nil), OK)
        XCTAssertEqual(c8_KEY_F(1), KEY_F0 + 1)
        XCTAssertNotEqual(c8_A_BOLD(), 0)
    }
}
