import XCTest
@testable import C8Crypto

final class SupportTests: XCTestCase {
    func testHexRoundTrip() {
        XCTAssertEqual(Hex.encode([0x00, 0x7f, 0xab, 0xff]), "007fabff")
        XCTAssertEqual(Hex.encode([0xab, 0x0c], uppercase: true), "AB0C")
        XCTAssertEqual(Hex.decode("007FabFF"), [0x00, 0x7f, 0xab, 0xff])
        XCTAssertNil(Hex.decode("abc"))
        XCTAssertNil(Hex.decode("zz"))
        XCTAssertEqual(Hex.decode(""), [])
    }

    func testSecureRandomLengthsAndVariety() {
        XCTAssertEqual(SecureRandom.bytes(0), [])
        let a = SecureRandom.bytes(32)
        let b = SecureRandom.bytes(32)
        XCTAssertEqual(a.count, 32)
        // 2^-256 chance of a false failure.
        XCTAssertNotEqual(a, b)
        for _ in 0..<200 { XCTAssertLessThan(SecureRandom.uniform(7), 7) }
    }

    func testConstantTimeEquals() {
        XCTAssertTrue(ConstantTime.equals([1, 2, 3], [1, 2, 3]))
        XCTAssertFalse(ConstantTime.equals([1, 2, 3], [1, 2, 4]))
        XCTAssertFalse(ConstantTime.equals([1, 2, 3], [1, 2]))
        XCTAssertTrue(ConstantTime.equals([UInt8](), []))
    }
}
