/// Which consumer of a Key_Shared subscription a key belongs to: FNV-1a
/// over the key's UTF-8 bytes, modulo the number of consumers (in connect
/// order). Deterministic across runs, so the mapping is stable while the
/// set of consumers is unchanged. Messages without a key all hash as the
/// empty key (Pulsar does the same): they share one consumer.
enum StickyKeyHash {
    static func hash(_ key: String?) -> UInt32 {
        var hash: UInt32 = 2_166_136_261
        for byte in (key ?? "").utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 16_777_619
        }
        return hash
    }

    static func consumerIndex(for key: String?, consumers: Int) -> Int {
        Int(hash(key) % UInt32(max(1, consumers)))
    }
}
