import C8Core

/// JSON Web Tokens (RFC 7519) in the one form the server issues and accepts:
/// JWS compact serialization signed with HMAC-SHA-256 (`HS256`, RFC 7518 §3.2).
///
/// Only HS256 is accepted, spelled exactly so. The header's `alg` is chosen
/// by whoever wrote the token, so trusting it invites the classic attacks:
/// `none` (no signature at all) and algorithm confusion. A verifier that knows
/// the one algorithm it expects is immune to both.
///
/// ```swift
/// let token = JWT.sign(["tenant": "c8", "iat": .int(now), "exp": .int(now + 43_200)], key: secret)
/// let claims = try JWT.verify(token, key: secret, now: now)
/// ```
public enum JWT {
    /// The only `alg` accepted.
    public static let algorithm = "HS256"

    /// Tokens longer than this are refused before any decoding: the server's
    /// own are a few hundred bytes, and the limit bounds the work an
    /// unauthenticated request can cause.
    public static let maximumLength = 8 * 1024

    /// `{"alg":"HS256","typ":"JWT"}`, encoded once.
    private static let encodedHeader = Base64URL.encode(Array(#"{"alg":"HS256","typ":"JWT"}"#.utf8))

    /// A token carrying `claims`, signed with `key`.
    ///
    /// The caller sets the registered claims it needs (`iat`, `exp` in
    /// seconds since 1970); ``verify(_:key:now:leeway:)`` requires `exp`.
    public static func sign(_ claims: JSONObject, key: [UInt8]) -> String {
        let signingInput = encodedHeader + "." + Base64URL.encode(JSON.object(claims).serialized())
        return signingInput + "." + Base64URL.encode(HMAC.sha256(key: key, message: Array(signingInput.utf8)))
    }

    /// The claims of `token` once its header, signature and validity period
    /// check out.
    ///
    /// - Parameters:
    ///   - key: The HMAC key the token must have been signed with.
    ///   - now: The current time in seconds since 1970.
    ///   - leeway: Seconds of clock skew tolerated on `exp`, `nbf` and `iat`.
    /// - Throws: ``JWTError``: the token is malformed, names another
    ///   algorithm, carries a wrong signature, has no `exp` or has expired,
    ///   or is not valid yet.
    public static func verify(
        _ token: some StringProtocol, key: [UInt8], now: Int64, leeway: Int64 = 0
    ) throws(JWTError) -> JSONObject {
        guard token.utf8.count <= maximumLength else { throw .malformed("token longer than \(maximumLength) bytes") }
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3 else { throw .malformed("expected three dot-separated parts, found \(parts.count)") }

        try checkHeader(try decodeObject(parts[0], part: "header"))

        guard let signature = Base64URL.decode(parts[2]) else { throw .malformed("signature is not base64url") }
        let signingInput = Array(token.utf8.prefix(parts[0].utf8.count + 1 + parts[1].utf8.count))
        guard ConstantTime.equals(HMAC.sha256(key: key, message: signingInput), signature) else { throw .badSignature }

        let claims = try decodeObject(parts[1], part: "payload")
        try checkValidity(claims, now: now, leeway: leeway)
        return claims
    }

    private static func checkHeader(_ header: JSONObject) throws(JWTError) {
        guard let alg = header["alg"] else { throw .malformed("header has no alg") }
        guard case .string(let name) = alg, name == algorithm else {
            throw .unsupportedAlgorithm(alg.stringValue ?? alg.typeName)
        }
        if let typ = header["typ"] {
            // RFC 7519 §5.1: "JWT" is recommended, compared case-insensitively.
            guard typ.stringValue?.uppercased() == "JWT" else { throw .malformed("header typ is not JWT") }
        }
        // RFC 7515 §4.1.11: extensions a recipient does not understand must be refused.
        if header["crit"] != nil { throw .malformed("header has critical extensions") }
    }

    private static func checkValidity(_ claims: JSONObject, now: Int64, leeway: Int64) throws(JWTError) {
        guard let exp = try numericDate(claims, "exp") else { throw .malformed("payload has no exp") }
        if now >= exp + leeway { throw .expired(expiresAt: exp, now: now) }
        if let nbf = try numericDate(claims, "nbf"), now + leeway < nbf { throw .notYetValid(validFrom: nbf, now: now) }
        if let iat = try numericDate(claims, "iat"), now + leeway < iat { throw .notYetValid(validFrom: iat, now: now) }
    }

    /// RFC 7519 NumericDate: seconds, possibly fractional; truncated here.
    private static func numericDate(_ claims: JSONObject, _ name: String) throws(JWTError) -> Int64? {
        guard let value = claims[name] else { return nil }
        guard let seconds = value.doubleValue, seconds.isFinite, abs(seconds) < 9.2e18 else {
            throw .malformed("claim \(name) is not a number")
        }
        return Int64(seconds.rounded(.down))
    }

    private static func decodeObject(_ encoded: some StringProtocol, part: String) throws(JWTError) -> JSONObject {
        guard let bytes = Base64URL.decode(encoded) else { throw .malformed("\(part) is not base64url") }
        guard let json = try? JSON.parse(bytes), case .object(let object) = json else {
            throw .malformed("\(part) is not a JSON object")
        }
        return object
    }
}

/// Why a token was refused. The server answers every case with 401; the
/// case is kept for logs and tests.
public enum JWTError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Not three base64url parts of JSON objects, or a required part missing.
    case malformed(String)
    /// The header names an algorithm other than exactly `HS256` (its name,
    /// or the JSON type when it is not a string).
    case unsupportedAlgorithm(String)
    /// The signature does not match.
    case badSignature
    /// `exp` has passed.
    case expired(expiresAt: Int64, now: Int64)
    /// `nbf` or `iat` lies in the future.
    case notYetValid(validFrom: Int64, now: Int64)

    public var description: String {
        switch self {
        case .malformed(let what): "malformed token: \(what)"
        case .unsupportedAlgorithm(let alg): "unsupported token algorithm '\(alg)' (only \(JWT.algorithm) is accepted)"
        case .badSignature: "token signature does not match"
        case .expired(let exp, let now): "token expired \(now - exp) s ago"
        case .notYetValid(let from, let now): "token not valid for another \(from - now) s"
        }
    }
}
