import C8Core
import C8Crypto

/// The secret text of an API key, the hash that is stored instead, and
/// where to look for the key a presented secret belongs to.
///
/// The stored form is a ``SecretHash`` (PBKDF2-HMAC-SHA-256, random salt,
/// iteration count recorded) of the SHA-256 of the key text. The inner
/// SHA-256 changes nothing for an attacker — guessing a key still costs a
/// PBKDF2 per guess — but lets digests stored by older versions (plain
/// SHA-256, looked up by value) be rehashed when storage is opened, without
/// their secrets (``AccessControl/migrateLegacyAPIKeyDigests()``).
///
/// A salted hash cannot be looked up by value, so the key is found by
/// name: a generated secret is `<tenant>.<keyid>.<random>`, and an
/// operator-chosen `--admin-key` secret belongs to the `admin` key of a
/// tenant that has one (``AccessCatalog/adminKeyTenants``).
enum APIKeySecret {
    /// 256 bits: beyond guessing, whatever the speed of the hash.
    static let randomByteCount = 32

    /// `<tenant>.<keyid>.<random>`: GDN's shape, from which jsC8 derives the
    /// tenant (everything before the last two dots).
    static func generate(tenant: String, keyId: String) -> String {
        tenant + "." + keyId + "." + Base64URL.encode(SecureRandom.bytes(randomByteCount))
    }

    /// What PBKDF2 is computed over: the SHA-256 of the whole key text.
    static func prehash(_ secret: some StringProtocol) -> [UInt8] {
        Digest.sha256(secret.utf8)
    }

    /// The stored form of `secret`, with a fresh salt.
    static func hash(_ secret: some StringProtocol, iterations: Int) -> SecretHash {
        SecretHash(secret: prehash(secret), iterations: iterations)
    }

    /// The `(tenant, keyid)` a generated secret names, if it has the shape.
    static func owner(of secret: some StringProtocol) -> AccountPointer? {
        let parts = secret.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 3, !parts[parts.count - 2].isEmpty else { return nil }
        let tenant = parts.dropLast(2).joined(separator: ".")
        guard !tenant.isEmpty else { return nil }
        return AccountPointer(tenant: tenant, id: String(parts[parts.count - 2]))
    }
}
