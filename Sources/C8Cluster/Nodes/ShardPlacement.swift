import C8Core

/// Which storage nodes of a region hold each of its 64 shards: a leader and
/// a follower (replicationFactor 2), placed round the ring of nodes so each
/// node leads about a third and follows about a third. A shard is a hash
/// partition of the region's key space: every stored key — documents, index
/// entries, catalog — belongs to exactly one.
struct ShardPlacement: Sendable, Equatable {
    static let shardCount = 64

    /// Leader and follower node of each shard.
    private(set) var leader: [Int]
    private(set) var follower: [Int]

    init(nodes: Int) {
        precondition(nodes >= 2, "replication factor 2 needs two nodes")
        leader = (0..<Self.shardCount).map { $0 % nodes }
        follower = (0..<Self.shardCount).map { ($0 + 1) % nodes }
    }

    /// The shard of a stored key (FNV-1a over its bytes).
    static func shard(of key: UnsafeBufferPointer<UInt8>) -> Int {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in key { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return Int(hash % UInt64(shardCount))
    }

    static func shard(of key: [UInt8]) -> Int {
        key.withUnsafeBufferPointer { shard(of: $0) }
    }

    func holds(_ node: Int, shard: Int) -> Bool {
        leader[shard] == node || follower[shard] == node
    }

    /// Shards `node` leads.
    func shardsLed(by node: Int) -> Int {
        leader.count { $0 == node }
    }

    /// Makes the follower of every shard `node` leads its leader: what a
    /// node going down does to its shards.
    mutating func failOver(from node: Int) {
        for shard in leader.indices where leader[shard] == node {
            (leader[shard], follower[shard]) = (follower[shard], node)
        }
    }

    /// Shards whose every replica is in `down`.
    func orphans(ifDown down: Set<Int>) -> [Int] {
        leader.indices.filter { down.contains(leader[$0]) && down.contains(follower[$0]) }
    }
}
