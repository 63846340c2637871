import C8Core
import C8Crypto
import C8Storage

/// The key session tokens are signed with: random on an engine's first
/// start, then kept in its storage so tokens survive a restart.
enum ServerSecret {
    /// The HMAC-SHA-256 block size; longer keys are hashed down first.
    static let length = 64

    /// - Throws: 500 when a stored secret has the wrong length (damage is
    ///   reported, not papered over with a new secret).
    static func loadOrCreate(_ storage: any StorageEngine) throws(C8Error) -> [UInt8] {
        if let stored = try storage.get(AccessCatalog.serverSecretKey) {
            guard stored.count == length else {
                throw C8Error(.internalError, "the stored token secret has \(stored.count) bytes instead of \(length)")
            }
            return stored
        }
        let secret = SecureRandom.bytes(length)
        try storage.put(AccessCatalog.serverSecretKey, secret, sync: true)
        return secret
    }
}
