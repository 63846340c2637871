import XCTest
@testable import C8Crypto

/// PBKDF2-HMAC-SHA-256 vectors in the style of RFC 6070 (which covers
/// SHA-1), as published for SHA-256, plus RFC 7914 §11.
final class PBKDF2Tests: XCTestCase {
    private func derive(_ password: String, _ salt: String, _ iterations: Int, _ length: Int) -> String {
        Hex.encode(PBKDF2.sha256(password: Array(password.utf8), salt: Array(salt.utf8),
                                 iterations: iterations, length: length))
    }

    func testOneIteration() {
        XCTAssertEqual(derive("password", "salt", 1, 32),
                       "120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b")
    }

    func testTwoIterations() {
        XCTAssertEqual(derive("password", "salt", 2, 32),
                       "ae4d0c95af6b46d32d0adff928f06dd02a303f8ef3c251dfd6e2d85a95474c43")
    }

    func test4096Iterations() {
        XCTAssertEqual(derive("password", "salt", 4096, 32),
                       "c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a")
    }

    func testLongPasswordAndSaltMultipleBlocks() {
        XCTAssertEqual(derive("passwordPASSWORDpassword", "saltSALTsaltSALTsaltSALTsaltSALTsalt", 4096, 40),
                       "348c89dbcbd32b2f32d814b8116e84cf2b17347ebc1800181c4e2a1fb8dd53e1c635518c7dac47e9")
    }

    func testRFC7914() {
        XCTAssertEqual(derive("passwd", "salt", 1, 64),
                       "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
                           + "49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783")
    }
}
