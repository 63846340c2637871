import XCTest
@testable import C8Crypto

/// RFC 4231 test cases for HMAC-SHA-256.
final class HMACTests: XCTestCase {
    private func check(key: [UInt8], data: [UInt8], expected: String, line: UInt = #line) {
        XCTAssertEqual(Hex.encode(HMAC.sha256(key: key, message: data)), expected, line: line)
    }

    func testCase1() {
        check(key: [UInt8](repeating: 0x0b, count: 20), data: Array("Hi There".utf8),
              expected: "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7")
    }

    func testCase2ShortKey() {
        check(key: Array("Jefe".utf8), data: Array("what do ya want for nothing?".utf8),
              expected: "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    func testCase3() {
        check(key: [UInt8](repeating: 0xaa, count: 20), data: [UInt8](repeating: 0xdd, count: 50),
              expected: "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe")
    }

    func testCase4() {
        check(key: Array(1...25), data: [UInt8](repeating: 0xcd, count: 50),
              expected: "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b")
    }

    func testCase6KeyLargerThanBlock() {
        check(key: [UInt8](repeating: 0xaa, count: 131),
              data: Array("Test Using Larger Than Block-Size Key - Hash Key First".utf8),
              expected: "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54")
    }
}
