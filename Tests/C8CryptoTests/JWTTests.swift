import C8Core
import C8Crypto
import XCTest

final class JWTTests: XCTestCase {
    private let key = Array("a secret of thirty-two bytes....".utf8)
    private let now: Int64 = 1_700_000_000

    private func claims(iat: Int64? = nil, exp: Int64?) -> JSONObject {
        var claims: JSONObject = ["tenant": "c8", "username": "root"]
        if let iat { claims["iat"] = .int(iat) }
        if let exp { claims["exp"] = .int(exp) }
        return claims
    }

    /// A token with any header and payload text, signed like a real one,
    /// for the shapes ``JWT/sign(_:key:)`` would never produce.
    private func forge(header: String, payload: String, key: [UInt8]? = nil) -> String {
        let input = Base64URL.encode(Array(header.utf8)) + "." + Base64URL.encode(Array(payload.utf8))
        return input + "." + Base64URL.encode(HMAC.sha256(key: key ?? self.key, message: Array(input.utf8)))
    }

    private func assertRejected(
        _ token: String, key: [UInt8]? = nil, now: Int64? = nil, as expected: JWTError,
        file: StaticString = #filePath, line: UInt = #line
    ) {
        XCTAssertThrowsError(try JWT.verify(token, key: key ?? self.key, now: now ?? self.now), file: file, line: line) { error in
            XCTAssertEqual(error as? JWTError, expected, file: file, line: line)
        }
    }

    // MARK: - RFC 7515 Appendix A.1

    private let rfcToken = "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9"
        + ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
        + ".dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
    private let rfcKey = Base64URL.decode("AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow")!

    func testRFC7515ExampleVerifiesBeforeItsExpiry() throws {
        let claims = try JWT.verify(rfcToken, key: rfcKey, now: 1_300_819_379)
        XCTAssertEqual(claims["iss"]?.stringValue, "joe")
        XCTAssertEqual(claims["exp"]?.intValue, 1_300_819_380)
        XCTAssertEqual(claims["http://example.com/is_root"]?.boolValue, true)
    }

    func testRFC7515ExampleExpiresAtItsExp() {
        assertRejected(rfcToken, key: rfcKey, now: 1_300_819_380, as: .expired(expiresAt: 1_300_819_380, now: 1_300_819_380))
    }

    func testRFC7515ExampleRejectsAnotherKey() {
        assertRejected(rfcToken, key: key, now: 1_300_819_379, as: .badSignature)
    }

    // MARK: - Signing

    func testSignedTokenHasTheFixedHeaderAndRoundTrips() throws {
        let token = JWT.sign(claims(iat: now, exp: now + 60), key: key)
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        XCTAssertEqual(parts.count, 3)
        XCTAssertEqual(Base64URL.decode(parts[0]).map { String(decoding: $0, as: UTF8.self) }, #"{"alg":"HS256","typ":"JWT"}"#)
        XCTAssertEqual(Base64URL.decode(parts[2])?.count, 32)
        let verified = try JWT.verify(token, key: key, now: now)
        XCTAssertEqual(verified["tenant"]?.stringValue, "c8")
        XCTAssertEqual(verified["username"]?.stringValue, "root")
        XCTAssertEqual(verified["exp"]?.intValue, now + 60)
    }

    func testTokensSignedWithDifferentKeysDiffer() {
        let a = JWT.sign(claims(exp: now + 60), key: key)
        let b = JWT.sign(claims(exp: now + 60), key: Array("another key".utf8))
        XCTAssertNotEqual(a, b)
        assertRejected(b, as: .badSignature)
    }

    // MARK: - Tampering

    func testTamperedPayloadIsRejected() {
        let token = JWT.sign(claims(exp: now + 60), key: key)
        let parts = token.split(separator: ".").map(String.init)
        var raised = claims(exp: now + 60)
        raised["username"] = "admin"
        let forgedPayload = Base64URL.encode(JSON.object(raised).serialized())
        assertRejected(parts[0] + "." + forgedPayload + "." + parts[2], as: .badSignature)
    }

    func testExtendedExpiryIsRejected() {
        let token = JWT.sign(claims(exp: now - 1), key: key)
        let parts = token.split(separator: ".").map(String.init)
        let extended = Base64URL.encode(JSON.object(claims(exp: now + 3600)).serialized())
        assertRejected(parts[0] + "." + extended + "." + parts[2], as: .badSignature)
    }

    func testEveryAlteredSignatureCharacterIsRejected() throws {
        let token = JWT.sign(claims(exp: now + 60), key: key)
        let signatureStart = token.lastIndex(of: ".")!
        var chars = Array(token)
        let first = token.distance(from: token.startIndex, to: signatureStart) + 1
        for i in first..<chars.count {
            let original = chars[i]
            chars[i] = original == "A" ? "B" : "A"
            XCTAssertThrowsError(try JWT.verify(String(chars), key: key, now: now), "position \(i)")
            chars[i] = original
        }
        XCTAssertNoThrow(try JWT.verify(String(chars), key: key, now: now))
    }

    func testEmptyOrTruncatedSignatureIsRejected() {
        let token = JWT.sign(claims(exp: now + 60), key: key)
        let unsigned = String(token[..<token.lastIndex(of: ".")!])
        assertRejected(unsigned + ".", as: .badSignature)
        // 40 characters are exactly 30 bytes, so the shortened signature
        // still decodes and must fail on its value, not its spelling.
        assertRejected(String(token.dropLast(3)), as: .badSignature)
    }

    // MARK: - Algorithms

    func testAlgNoneIsRejectedWithOrWithoutASignature() {
        let payload = JSON.object(claims(exp: now + 60)).jsonString()
        let unsigned = Base64URL.encode(Array(#"{"alg":"none","typ":"JWT"}"#.utf8)) + "." + Base64URL.encode(Array(payload.utf8)) + "."
        assertRejected(unsigned, as: .unsupportedAlgorithm("none"))
        assertRejected(forge(header: #"{"alg":"none"}"#, payload: payload), as: .unsupportedAlgorithm("none"))
    }

    func testOnlyTheExactSpellingHS256IsAccepted() {
        let payload = JSON.object(claims(exp: now + 60)).jsonString()
        for alg in ["hs256", "Hs256", "hS256", "HS256 ", " HS256", "HS384", "HS512", "RS256", "ES256", "NONE", "None", ""] {
            let header = #"{"alg":"# + JSON.string(alg).jsonString() + #","typ":"JWT"}"#
            assertRejected(forge(header: header, payload: payload), as: .unsupportedAlgorithm(alg))
        }
        XCTAssertNoThrow(try JWT.verify(forge(header: #"{"alg":"HS256"}"#, payload: payload), key: key, now: now))
    }

    func testNonStringOrMissingAlgIsRejected() {
        let payload = JSON.object(claims(exp: now + 60)).jsonString()
        assertRejected(forge(header: #"{"alg":256,"typ":"JWT"}"#, payload: payload), as: .unsupportedAlgorithm("number"))
        assertRejected(forge(header: #"{"alg":null}"#, payload: payload), as: .unsupportedAlgorithm("null"))
        assertRejected(forge(header: #"{"typ":"JWT"}"#, payload: payload), as: .malformed("header has no alg"))
    }

    func testForeignTypAndCriticalExtensionsAreRejected() {
        let payload = JSON.object(claims(exp: now + 60)).jsonString()
        assertRejected(forge(header: #"{"alg":"HS256","typ":"JWE"}"#, payload: payload), as: .malformed("header typ is not JWT"))
        assertRejected(forge(header: #"{"alg":"HS256","crit":["exp"]}"#, payload: payload),
                       as: .malformed("header has critical extensions"))
        XCTAssertNoThrow(try JWT.verify(forge(header: #"{"alg":"HS256","typ":"jwt"}"#, payload: payload), key: key, now: now))
    }

    // MARK: - Time

    func testExpiryIsExclusiveAndLeewayStretchesIt() throws {
        let token = JWT.sign(claims(iat: now - 100, exp: now), key: key)
        assertRejected(token, as: .expired(expiresAt: now, now: now))
        XCTAssertNoThrow(try JWT.verify(token, key: key, now: now - 1))
        XCTAssertNoThrow(try JWT.verify(token, key: key, now: now + 4, leeway: 5))
        XCTAssertThrowsError(try JWT.verify(token, key: key, now: now + 5, leeway: 5))
    }

    func testTokenWithoutExpiryIsRejected() {
        assertRejected(JWT.sign(claims(iat: now, exp: nil), key: key), as: .malformed("payload has no exp"))
    }

    func testTokenIssuedInTheFutureIsNotYetValid() {
        let token = JWT.sign(claims(iat: now + 30, exp: now + 90), key: key)
        assertRejected(token, as: .notYetValid(validFrom: now + 30, now: now))
        XCTAssertNoThrow(try JWT.verify(token, key: key, now: now + 30))
        XCTAssertNoThrow(try JWT.verify(token, key: key, now: now, leeway: 30))
    }

    func testNonNumericTimeClaimIsMalformed() {
        var bad = claims(exp: nil)
        bad["exp"] = "tomorrow"
        assertRejected(JWT.sign(bad, key: key), as: .malformed("claim exp is not a number"))
    }

    func testFractionalNumericDateIsTruncated() throws {
        var fractional = claims(exp: nil)
        fractional["exp"] = .double(Double(now) + 0.75)
        let token = JWT.sign(fractional, key: key)
        XCTAssertNoThrow(try JWT.verify(token, key: key, now: now - 1))
        assertRejected(token, as: .expired(expiresAt: now, now: now))
    }

    // MARK: - Shape

    func testMalformedShapesAreRejected() {
        let token = JWT.sign(claims(exp: now + 60), key: key)
        let parts = token.split(separator: ".").map(String.init)
        assertRejected(parts[0] + "." + parts[1], as: .malformed("expected three dot-separated parts, found 2"))
        assertRejected(token + ".x", as: .malformed("expected three dot-separated parts, found 4"))
        assertRejected("", as: .malformed("expected three dot-separated parts, found 1"))
        assertRejected(parts[0] + "=." + parts[1] + "." + parts[2], as: .malformed("header is not base64url"))
        assertRejected(parts[0] + "." + parts[1] + "." + parts[2] + "=", as: .malformed("signature is not base64url"))
        assertRejected(forge(header: "not json", payload: "{}"), as: .malformed("header is not a JSON object"))
        assertRejected(forge(header: #"{"alg":"HS256"}"#, payload: "[1,2]"), as: .malformed("payload is not a JSON object"))
        let huge = String(repeating: "a", count: JWT.maximumLength + 1)
        assertRejected(huge, as: .malformed("token longer than \(JWT.maximumLength) bytes"))
    }

    func testErrorsDescribeThemselves() {
        XCTAssertEqual(JWTError.expired(expiresAt: 100, now: 160).description, "token expired 60 s ago")
        XCTAssertTrue(JWTError.unsupportedAlgorithm("none").description.contains("'none'"))
    }
}

final class Base64URLTests: XCTestCase {
    /// RFC 4648 §10 vectors, without padding.
    func testRFC4648Vectors() {
        let vectors = [("", ""), ("f", "Zg"), ("fo", "Zm8"), ("foo", "Zm9v"), ("foob", "Zm9vYg"), ("fooba", "Zm9vYmE"), ("foobar", "Zm9vYmFy")]
        for (plain, encoded) in vectors {
            XCTAssertEqual(Base64URL.encode(Array(plain.utf8)), encoded)
            XCTAssertEqual(Base64URL.decode(encoded), Array(plain.utf8))
        }
    }

    func testURLSafeAlphabet() {
        XCTAssertEqual(Base64URL.encode([0xfb, 0xff, 0xbf]), "-_-_")
        XCTAssertEqual(Base64URL.decode("-_-_"), [0xfb, 0xff, 0xbf])
        XCTAssertNil(Base64URL.decode("+/+/"))
    }

    func testEveryLengthRoundTrips() {
        for length in 0...40 {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) }
            XCTAssertEqual(Base64URL.decode(Base64URL.encode(bytes)), bytes, "length \(length)")
        }
    }

    func testPaddingImpossibleLengthsAndNonCanonicalEndingsAreRejected() {
        XCTAssertNil(Base64URL.decode("Zg=="))
        XCTAssertNil(Base64URL.decode("Zm9vY"))
        XCTAssertNil(Base64URL.decode("Zh"), "'h' leaves non-zero bits after the byte")
        XCTAssertNil(Base64URL.decode("Zm9"), "'9' leaves non-zero bits after two bytes")
        XCTAssertNil(Base64URL.decode("Zm 8"))
    }
}
