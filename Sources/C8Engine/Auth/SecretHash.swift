import C8Core
import C8Crypto

/// A password as stored: PBKDF2-HMAC-SHA-256 over a random salt.
///
/// The iteration count is stored with each hash, so raising
/// ``EngineLimits/passwordHashIterations`` applies to new passwords without
/// invalidating the old ones.
struct PasswordHash: Sendable, Equatable {
    static let algorithm = "pbkdf2-sha256"
    static let saltLength = 16
    static let hashLength = 32

    let iterations: Int
    let salt: [UInt8]
    let hash: [UInt8]

    /// Hashes `password` with a fresh salt.
    init(password: String, iterations: Int) {
        let salt = SecureRandom.bytes(Self.saltLength)
        self.init(iterations: iterations, salt: salt,
                  hash: PBKDF2.sha256(password: password.utf8, salt: salt, iterations: iterations, length: Self.hashLength))
    }

    private init(iterations: Int, salt: [UInt8], hash: [UInt8]) {
        self.iterations = iterations
        self.salt = salt
        self.hash = hash
    }

    /// Whether `password` is the one hashed, compared in constant time.
    func matches(_ password: String) -> Bool {
        let candidate = PBKDF2.sha256(password: password.utf8, salt: salt, iterations: iterations, length: hash.count)
        return ConstantTime.equals(candidate, hash)
    }

    var json: JSON {
        ["algorithm": .string(Self.algorithm), "iterations": .int(Int64(iterations)),
         "salt": .string(Hex.encode(salt)), "hash": .string(Hex.encode(hash))]
    }

    init(json: JSON) throws(C8Error) {
        guard json["algorithm"].stringValue == Self.algorithm,
              let iterations = json["iterations"].intValue, iterations >= 1, iterations <= Int64(Int32.max),
              let salt = json["salt"].stringValue.flatMap(Hex.decode),
              let hash = json["hash"].stringValue.flatMap(Hex.decode), !hash.isEmpty
        else { throw C8Error(.internalError, "stored password hash is damaged") }
        self.init(iterations: Int(iterations), salt: salt, hash: hash)
    }
}
