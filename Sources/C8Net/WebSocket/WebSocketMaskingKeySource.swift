import C8Crypto

/// A client's masking keys (RFC 6455 §5.3: unpredictable, from a strong
/// source of entropy), drawn from the CSPRNG a block at a time.
///
/// A key per frame straight from `SystemRandomNumberGenerator` was a
/// `getrandom` system call per frame — a sixth of a stream producer's CPU
/// in `c8 bench streams`. The bytes are the same CSPRNG output, only
/// fetched 256 keys at once. Owned by one ``WebSocketSession``.
struct WebSocketMaskingKeySource: Sendable {
    static let keysPerBlock = 256

    private var block: [UInt8] = []
    private var next = 0

    mutating func key() -> WebSocketMaskingKey {
        if next + 4 > block.count {
            block = SecureRandom.bytes(Self.keysPerBlock * 4)
            next = 0
        }
        defer { next += 4 }
        return WebSocketMaskingKey(networkOrder: UInt32(block[next]) << 24 | UInt32(block[next + 1]) << 16
                                   | UInt32(block[next + 2]) << 8 | UInt32(block[next + 3]))
    }
}
