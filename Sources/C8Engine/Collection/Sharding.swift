import C8Core
import C8Storage

/// Places documents on shards: 64 per collection, as the seed describes,
/// chosen by a hash of the shard key values.
public enum Sharding {
    public static let shardCount = 64

    /// The shard of a document with these shard key values (missing = null).
    public static func shard(of document: JSON, shardKeys: [String]) -> Int {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for name in shardKeys {
            for byte in IndexKeyEncoding.encode(document[name]) {
                hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
            }
        }
        return Int(hash % UInt64(shardCount))
    }

    /// The shard of a document placed by `_key` alone: the same as
    /// `shard(of:shardKeys: ["_key"])`, without building a document.
    public static func shard(ofKey key: String) -> Int {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        IndexKeyEncoding.forEachByte(ofString: key) { byte in  // no array per key
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return Int(hash % UInt64(shardCount))
    }
}
