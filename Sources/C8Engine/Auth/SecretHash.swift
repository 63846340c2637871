import C8Core
import C8Crypto

/// A secret as stored: PBKDF2-HMAC-SHA-256 (OpenSSL's
/// `PKCS5_PBKDF2_HMAC`) over a random per-entry salt. Passwords are stored
/// so, and API key secrets (``APIKeySecret``).
///
/// The iteration count is stored with each hash, so raising
/// ``EngineLimits/passwordHashIterations`` applies to new secrets without
/// invalidating the old ones, and a login rehashes an old password at the
/// new count (``needsRehash(iterations:)``).
struct SecretHash: Sendable, Equatable {
    static let algorithm = "pbkdf2-sha256"
    static let saltLength = 16
    static let hashLength = 32

    let iterations: Int
    let salt: [UInt8]
    let hash: [UInt8]

    /// Hashes `password` with a fresh salt.
    init(password: String, iterations: Int) {
        self.init(secret: Array(password.utf8), iterations: iterations)
    }

    /// Hashes the bytes of `secret` with a fresh salt.
    init(secret: [UInt8], iterations: Int) {
        let salt = SecureRandom.bytes(Self.saltLength)
        self.init(iterations: iterations, salt: salt,
                  hash: PBKDF2.sha256(password: secret, salt: salt, iterations: iterations, length: Self.hashLength))
    }

    private init(iterations: Int, salt: [UInt8], hash: [UInt8]) {
        self.iterations = iterations
        self.salt = salt
        self.hash = hash
    }

    /// Whether `password` is the one hashed, compared in constant time.
    func matches(_ password: String) -> Bool {
        matches(secret: Array(password.utf8))
    }

    /// Whether `secret` is the one hashed, compared in constant time.
    func matches(secret: [UInt8]) -> Bool {
        let candidate = PBKDF2.sha256(password: secret, salt: salt, iterations: iterations, length: hash.count)
        return ConstantTime.equals(candidate, hash)
    }

    /// Whether the hash was made with fewer iterations than are asked for
    /// now, so that it should be remade once the secret is at hand.
    func needsRehash(iterations current: Int) -> Bool {
        iterations < current
    }

    var json: JSON {
        ["algorithm": .string(Self.algorithm), "iterations": .int(Int64(iterations)),
         "salt": .string(Hex.encode(salt)), "hash": .string(Hex.encode(hash))]
    }

    init(json: JSON) throws(C8Error) {
        guard json["algorithm"].stringValue == Self.algorithm,
              let iterations = json["iterations"].intValue, iterations >= 1, iterations <= Int64(Int32.max),
              let salt = json["salt"].stringValue.flatMap(Hex.decode), !salt.isEmpty,
              let hash = json["hash"].stringValue.flatMap(Hex.decode), !hash.isEmpty
        else { throw C8Error(.internalError, "stored secret hash is damaged") }
        self.init(iterations: Int(iterations), salt: salt, hash: hash)
    }
}
