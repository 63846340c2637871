// libFuzzer harness: the Authorization header and JWT parsing
// (C8Engine AuthorizationCredentials, SessionClaims; C8Crypto JWT, Base64URL).
//
// Each input is tried as:
// 1. an Authorization header value; a bearer token is verified as the
//    server would (JWT.verify, then SessionClaims);
// 2. a bare token;
// 3. `header.payload` signed here with the server key, so the fuzzer gets
//    past the signature check to the header, payload and claim checks;
// 4. a claims object (when it is JSON): signed and verified, it must come
//    back unchanged.
import C8Core
import C8Crypto
@testable import C8Engine

private let key = Array("fuzz-secret-key-0123456789abcdef".utf8)
private let now: Int64 = 1_800_000_000

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAuth(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = fuzzBytes(data, size)
    let text = String(decoding: bytes, as: UTF8.self)

    if let credentials = try? AuthorizationCredentials(header: text) {
        switch credentials {
        case .bearer(let token):
            guard !token.isEmpty else { fuzzFailure("empty bearer token accepted") }
            verify(token)
        case .apiKey(let secret):
            guard !secret.isEmpty else { fuzzFailure("empty API key accepted") }
        }
    }
    verify(text)

    let signingInput = Array(text.utf8.prefix(JWT.maximumLength - 64))
    let signed = String(decoding: signingInput, as: UTF8.self) + "." + Base64URL.encode(HMAC.sha256(key: key, message: signingInput))
    verify(signed)

    _ = Base64URL.decode(text)
    if let decoded = Base64URL.decode(text) {
        guard Base64URL.encode(decoded) == text else { fuzzFailure("base64url is not canonical: \(text)") }
    }

    if case .object(var claims)? = try? JSON.parse(bytes) {
        _ = claims.removeValue(forKey: "nbf")
        _ = claims.removeValue(forKey: "iat")
        _ = claims.removeValue(forKey: "exp")
        claims.appendUnique("exp", .int(now + 60))
        let token = JWT.sign(claims, key: key)
        guard let back = try? JWT.verify(token, key: key, now: now) else {
            if token.utf8.count > JWT.maximumLength { return 0 }
            fuzzFailure("a token signed here does not verify")
        }
        guard JSON.object(back).serialized() == JSON.object(claims).serialized() else {
            fuzzFailure("claims changed through sign and verify")
        }
    }
    return 0
}

private func verify(_ token: String) {
    do {
        let claims = try JWT.verify(token, key: key, now: now, leeway: 5)
        _ = try? SessionClaims(json: claims)
    } catch {
        _ = error.description
    }
}
