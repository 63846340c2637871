import C8Crypto

/// The secret text of an API key, and the digest that is stored instead.
enum APIKeySecret {
    /// 256 bits: beyond guessing, whatever the speed of the hash.
    static let randomByteCount = 32

    /// `<tenant>.<keyid>.<random>`: GDN's shape, from which jsC8 derives the
    /// tenant (everything before the last two dots).
    static func generate(tenant: String, keyId: String) -> String {
        tenant + "." + keyId + "." + Base64URL.encode(SecureRandom.bytes(randomByteCount))
    }

    /// SHA-256 of the whole key text.
    ///
    /// A fast hash is enough here, unlike for passwords: a generated secret
    /// carries 256 random bits, so there is no dictionary to try and a stolen
    /// digest is as hard to invert as the secret is to guess. Being fast
    /// matters because every request with `Authorization: apikey …` pays for
    /// it. (A `--admin-key` is chosen by the operator; its strength is theirs
    /// to pick, as it is on the command line anyway.)
    static func digest(_ secret: some StringProtocol) -> [UInt8] {
        Digest.sha256(secret.utf8)
    }
}
