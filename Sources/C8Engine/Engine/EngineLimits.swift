/// Limits a region's engine enforces, configurable per engine.
public struct EngineLimits: Sendable {
    /// The largest document accepted, in bytes of its stored form (1216
    /// beyond). Macrometa's tenant limit `maxDocumentSize` is 512 KB.
    public var maximumDocumentSize = 512 * 1024

    /// The bound of the engine's document cache (documents as readers see
    /// them, for collections with `cacheEnabled`, the default), in bytes of
    /// their binary form plus per-entry overhead; 0 disables it. 256 MiB
    /// hold about 850,000 documents of 200 bytes.
    public var documentCacheBytes = 256 << 20

    /// The bound of the engine's edge cache (the edges of a vertex in one
    /// direction as the edge index holds them, for graph walks; ArangoDB
    /// caches its edge index the same way), in bytes; 0 disables it. 64 MiB
    /// hold the out-edge lists of about 200,000 vertices of 10 edges.
    public var edgeCacheBytes = 64 << 20

    /// PBKDF2-HMAC-SHA-256 iterations for new passwords (OWASP's 2023
    /// figure). Each login costs this much work, 0.3–0.5 s of one core;
    /// tests lower it.
    public var passwordHashIterations = 600_000

    /// PBKDF2-HMAC-SHA-256 iterations for new API key secrets. Generated
    /// secrets carry 256 random bits, so the count only slows guessing an
    /// operator-chosen `--admin-key`; it is kept modest because the first
    /// request with a key (and every request with a wrong one) pays it.
    /// Stored with each hash, so it can be raised later.
    public var apiKeyHashIterations = 10_000

    public init() {}
}
