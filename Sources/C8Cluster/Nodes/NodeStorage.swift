import C8Core
import C8Engine
import C8Storage
import Synchronization

/// A region's storage as its storage nodes hold it: one namespace per node
/// (a key prefix in the region's store), every shard on a leader and a
/// follower node. The region's engine runs on top and sees one ordered
/// key space.
///
/// - A write reaches both replicas of each shard it touches, in one atomic
///   batch of the underlying store, before it is acknowledged.
/// - A point read goes to the shard's leader; a range read merges the up
///   nodes' namespaces, each key once.
/// - A node going down hands the leadership of its shards to their
///   followers; nothing acknowledged is lost and no client sees an error. A
///   node that comes back is rebuilt from its shards' current leaders before
///   it serves again. A node cannot go down while the other replica of one
///   of its shards is down: the region would lose data it acknowledged.
///
/// Keys written before nodes existed (no node prefix) are moved into the
/// nodes when the storage opens.
public final class NodeStorage: StorageEngine, @unchecked Sendable {
    public let nodeIds: [String]
    public var isReadOnly: Bool { base.isReadOnly }
    private let base: any StorageEngine
    /// Writers exclusive, iterator construction shared: the node snapshots
    /// of one range read come from between two writes.
    private let lock = ReadWriteLock()
    private let state: Mutex<State>

    private struct State {
        var placement: ShardPlacement
        var down: Set<Int> = []
    }

    /// First byte of node `i`'s namespace: above every key kind the engine
    /// uses, so node data never mixes with un-migrated keys.
    static let prefixBase: UInt8 = KeySpace.storageNodes

    public static let defaultNodeCount = 3

    public init(base: any StorageEngine, nodes: Int = NodeStorage.defaultNodeCount) throws(C8Error) {
        guard nodes >= 2, nodes <= 16 else {
            throw C8Error(.badParameter, "a region has 2 to 16 storage nodes (replicationFactor 2)")
        }
        self.base = base
        nodeIds = (1...nodes).map { "n\($0)" }
        state = Mutex(State(placement: ShardPlacement(nodes: nodes)))
        try migrateUnprefixedKeys()
    }

    // MARK: - Nodes

    public struct NodeStatus: Sendable, Equatable {
        public let id: String
        public let up: Bool
        public let shardsLed: Int
    }

    public var nodes: [NodeStatus] {
        state.withLock { s in
            nodeIds.indices.map { NodeStatus(id: nodeIds[$0], up: !s.down.contains($0), shardsLed: s.placement.shardsLed(by: $0)) }
        }
    }

    /// Takes a node down or brings it back (after rebuilding its shards).
    /// - Throws: 404 for an unknown node; 409 when going down would leave a
    ///   shard without a replica up.
    public func setNode(_ id: String, up: Bool) throws(C8Error) {
        guard let node = nodeIds.firstIndex(of: id) else {
            throw C8Error(.httpNotFound, "storage node \(id) does not exist; nodes are \(nodeIds.joined(separator: ", "))")
        }
        try lock.writing { () throws(C8Error) in
            if up {
                guard state.withLock({ $0.down.contains(node) }) else { return }
                try rebuild(node)
                state.withLock { _ = $0.down.remove(node) }
            } else {
                try state.withLock { s throws(C8Error) in
                    guard !s.down.contains(node) else { return }
                    let orphans = s.placement.orphans(ifDown: s.down.union([node]))
                    guard orphans.isEmpty else {
                        throw C8Error(.conflict, "storage node \(id) cannot go down: shards \(orphans.prefix(8).map(String.init).joined(separator: ", ")) "
                            + "would have no replica up", httpStatus: 409)
                    }
                    s.down.insert(node)
                    s.placement.failOver(from: node)
                }
            }
        }
    }

    // MARK: - StorageEngine

    public func get(_ key: [UInt8]) throws(C8Error) -> [UInt8]? {
        let placement = state.withLock { $0.placement }
        return try base.get(Self.stored(key, placement))
    }

    /// Keys the region keeps for itself, outside every node (KeySpace.regionMetadata).
    private static func isRegionMetadata(_ key: [UInt8]) -> Bool {
        (key.first ?? 0) >= KeySpace.regionMetadata
    }

    public func getMany(
        _ keys: [[UInt8]], _ body: (_ position: Int, _ value: UnsafeBufferPointer<UInt8>) throws(C8Error) -> Void
    ) throws(C8Error) {
        let placement = state.withLock { $0.placement }
        try base.getMany(keys.map { Self.stored($0, placement) }, body)
    }

    /// Where a point read of `key` goes: region metadata as it is, anything
    /// else in the namespace of its shard's leader.
    private static func stored(_ key: [UInt8], _ placement: ShardPlacement) -> [UInt8] {
        isRegionMetadata(key) ? key : prefixed(key, node: placement.leader[ShardPlacement.shard(of: key)])
    }

    public func write(_ batch: WriteBatch, sync: Bool) throws(C8Error) {
        try lock.writing { () throws(C8Error) in
            let (placement, down) = state.withLock { ($0.placement, $0.down) }
            var routed = WriteBatch()
            for operation in batch.operations {
                switch operation {
                case .put(let key, let value) where Self.isRegionMetadata(key):
                    routed.put(key, value)
                case .delete(let key) where Self.isRegionMetadata(key):
                    routed.delete(key)
                case .put(let key, let value):
                    for node in replicas(of: key, placement, down) { routed.put(Self.prefixed(key, node: node), value) }
                case .delete(let key):
                    for node in replicas(of: key, placement, down) { routed.delete(Self.prefixed(key, node: node)) }
                case .deleteRange(let start, let end) where Self.isRegionMetadata(start):
                    routed.deleteRange(KeyRange(start, end))
                case .deleteRange(let start, let end):
                    for node in nodeIds.indices where !down.contains(node) {
                        routed.deleteRange(KeyRange(Self.prefixed(start, node: node), Self.prefixedEnd(end, node: node)))
                    }
                }
            }
            try base.write(routed, sync: sync)
        }
    }

    public func makeIterator(_ range: KeyRange, reverse: Bool) -> any StorageIterator {
        if Self.isRegionMetadata(range.lowerBound) { return base.makeIterator(range, reverse: reverse) }
        return merged(range, reverse: reverse) { base.makeIterator($0, reverse: reverse) }
    }

    public func ingest(_ entries: SortedEntries) throws(C8Error) {
        try lock.writing { () throws(C8Error) in
            let (placement, down) = state.withLock { ($0.placement, $0.down) }
            var routed = SortedEntries()
            // Node namespaces in prefix order, each in the entries' order: sorted.
            for node in nodeIds.indices where !down.contains(node) {
                try entries.forEach { (key: UnsafeBufferPointer<UInt8>, value: UnsafeBufferPointer<UInt8>) throws(C8Error) in
                    guard placement.holds(node, shard: ShardPlacement.shard(of: key)) else { return }
                    try routed.append(key: Self.prefixed(Array(key), node: node), value: Array(value))
                }
            }
            try base.ingest(routed)
        }
    }

    public func sync() throws(C8Error) { try base.sync() }

    /// Every node's namespace lives in the one base store: compacting it
    /// compacts them all.
    public func compact() throws(C8Error) { try base.compact() }

    /// Half of what the up nodes hold in `range` (each key is on two).
    public func approximateSize(_ range: KeyRange) -> Int {
        let down = state.withLock { $0.down }
        let total = nodeIds.indices.filter { !down.contains($0) }.reduce(0) { sum, node in
            sum + base.approximateSize(KeyRange(Self.prefixed(range.lowerBound, node: node), Self.prefixedEnd(range.upperBound, node: node)))
        }
        return total / 2
    }

    public func close() { base.close() }

    // MARK: - Routing

    private func replicas(of key: [UInt8], _ placement: ShardPlacement, _ down: Set<Int>) -> [Int] {
        let shard = ShardPlacement.shard(of: key)
        return [placement.leader[shard], placement.follower[shard]].filter { !down.contains($0) }
    }

    private func merged(
        _ range: KeyRange, reverse: Bool, _ make: (KeyRange) -> any StorageIterator
    ) -> any StorageIterator {
        lock.reading {
            let down = state.withLock { $0.down }
            let sources = nodeIds.indices.filter { !down.contains($0) }.map { node in
                NodeIterator(make(KeyRange(Self.prefixed(range.lowerBound, node: node), Self.prefixedEnd(range.upperBound, node: node))),
                             node: node)
            }
            return DeduplicatingMergeIterator(sources, reverse: reverse)
        }
    }

    static func prefixed(_ key: [UInt8], node: Int) -> [UInt8] {
        var bytes: [UInt8] = [prefixBase + UInt8(node)]
        bytes.reserveCapacity(key.count + 1)
        bytes.append(contentsOf: key)
        return bytes
    }

    /// The end of a range within a node's namespace: an empty end (no upper
    /// bound) becomes the end of the namespace.
    static func prefixedEnd(_ end: [UInt8], node: Int) -> [UInt8] {
        end.isEmpty ? [prefixBase + UInt8(node) + 1] : prefixed(end, node: node)
    }

    // MARK: - Catching up

    /// Rebuilds `node`'s namespace from the current leaders of its shards.
    private func rebuild(_ node: Int) throws(C8Error) {
        let placement = state.withLock { $0.placement }
        var batch = WriteBatch()
        batch.deleteRange(KeyRange([Self.prefixBase + UInt8(node)], [Self.prefixBase + UInt8(node) + 1]))
        try base.write(batch, sync: false)
        for source in nodeIds.indices where source != node {
            let iterator = base.makeIterator(
                KeyRange([Self.prefixBase + UInt8(source)], [Self.prefixBase + UInt8(source) + 1]), reverse: false)
            try copy(iterator, into: node) { key in
                let shard = ShardPlacement.shard(of: key)
                return placement.holds(node, shard: shard) && placement.leader[shard] == source
            }
        }
    }

    /// Moves keys without a node prefix (storage from before nodes) into
    /// the nodes that hold their shards.
    private func migrateUnprefixedKeys() throws(C8Error) {
        let legacy = KeyRange([], [Self.prefixBase])
        guard base.makeIterator(legacy, reverse: false).next() else { return }
        let placement = state.withLock { $0.placement }
        for node in nodeIds.indices {
            try copy(base.makeIterator(legacy, reverse: false), into: node, stripping: false) { key in
                placement.holds(node, shard: ShardPlacement.shard(of: key))
            }
        }
        var batch = WriteBatch()
        batch.deleteRange(legacy)
        try base.write(batch, sync: true)
    }

    private func copy(
        _ iterator: any StorageIterator, into node: Int, stripping: Bool = true,
        where include: (UnsafeBufferPointer<UInt8>) -> Bool
    ) throws(C8Error) {
        var batch = WriteBatch()
        while iterator.next() {
            let key = stripping ? UnsafeBufferPointer(rebasing: iterator.key.dropFirst()) : iterator.key
            guard include(key) else { continue }
            batch.put(Self.prefixed(Array(key), node: node), Array(iterator.value))
            if batch.count == 10_000 {
                try base.write(batch, sync: false)
                batch = WriteBatch()
            }
        }
        try base.write(batch, sync: true)
    }
}

/// A node's iterator with the node prefix taken off its keys.
private final class NodeIterator: StorageIterator {
    private let inner: any StorageIterator
    private let node: Int

    init(_ inner: any StorageIterator, node: Int) {
        self.inner = inner
        self.node = node
    }

    func next() -> Bool { inner.next() }
    var key: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: inner.key.dropFirst()) }
    var value: UnsafeBufferPointer<UInt8> { inner.value }
    func seek(_ key: [UInt8]) { inner.seek(NodeStorage.prefixed(key, node: node)) }
}
