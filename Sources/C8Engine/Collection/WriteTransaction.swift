import C8Core
import C8Storage

/// Writes to one or more collections that reach storage together, in one
/// atomic batch, or not at all. A C8QL query with data modifications runs
/// in one; so does every single or batch document operation.
///
/// It holds the writer locks of its collections (taken in object-id order,
/// so two transactions never deadlock) until ``commit(sync:)`` or
/// ``abort()``. Reads through it see its own staged writes.
public final class WriteTransaction {
    private let collections: [DocumentCollection]
    private var writes: [UInt64: CollectionWrite] = [:]
    private var finished = false

    /// Locks `collections` for writing.
    /// - Throws: 1203 when one of them was dropped.
    public init(_ collections: [DocumentCollection]) throws(C8Error) {
        var seen = Set<UInt64>()
        self.collections = collections.filter { seen.insert($0.objectId).inserted }.sorted { $0.objectId < $1.objectId }
        // Before any lock: the fabric lookup takes catalog locks, which
        // are taken before writer locks elsewhere.
        for collection in self.collections { try collection.checkSpotRegion() }
        for collection in self.collections { collection.writer.lock() }
        for collection in self.collections {
            let (dropped, indexes, name, scope) = collection.meta.withLock {
                ($0.dropped, $0.indexes, $0.properties.name, $0.properties.changeScope)
            }
            if dropped {
                abort()
                throw C8Error(.collectionNotFound, detail: name)
            }
            writes[collection.objectId] = CollectionWrite(
                collection: collection, storage: collection.storage, indexes: indexes,
                recordedScope: scope.intersection(collection.context.changeListeners.listenedScopes))
        }
    }

    deinit {
        if !finished { abort() }
    }

    public func insert(_ body: JSON, into collection: DocumentCollection, options: WriteOptions = WriteOptions()) throws(C8Error) -> DocumentResult {
        try collection.insert(body, options: options, in: try write(for: collection))
    }

    public func replace(_ selector: DocumentSelector, with body: JSON, in collection: DocumentCollection, options: WriteOptions = WriteOptions()) throws(C8Error) -> DocumentResult {
        try collection.modify(selector, body, options: options, merge: false, in: try write(for: collection))
    }

    public func update(_ selector: DocumentSelector, with patch: JSON, in collection: DocumentCollection, options: WriteOptions = WriteOptions()) throws(C8Error) -> DocumentResult {
        try collection.modify(selector, patch, options: options, merge: true, in: try write(for: collection))
    }

    public func remove(_ selector: DocumentSelector, from collection: DocumentCollection, options: WriteOptions = WriteOptions()) throws(C8Error) -> DocumentResult {
        try collection.remove(selector, options: options, in: try write(for: collection))
    }

    /// The document as this transaction sees it (its staged writes
    /// included), with `_id`.
    public func document(_ key: String, in collection: DocumentCollection) throws(C8Error) -> JSON? {
        guard let stored = try write(for: collection).load(key) else { return nil }
        return StoredDocument.present(stored, collection: collection.name)
    }

    /// Writes everything staged in one batch; `sync` (or any collection's
    /// `waitForSync`) makes it durable before returning. Unlocks — after
    /// the caches have dropped the written keys (``DocumentCache``:
    /// readers bypass the cache for them while the batch is written).
    public func commit(sync: Bool = false) throws(C8Error) {
        guard !finished else { return }
        defer { abort() }
        var batch = WriteBatch()
        var newCounts: [(DocumentCollection, [Int])] = []
        var mustSync = sync
        for collection in collections {
            guard let write = writes[collection.objectId], !write.batch.isEmpty else { continue }
            batch.append(contentsOf: write.batch)
            let (counts, waitForSync) = collection.meta.withLock { m in
                var counts = m.shardCounts
                for (shard, delta) in write.shardDeltas { counts[shard] += delta }
                return (counts, m.properties.waitForSync)
            }
            mustSync = mustSync || waitForSync
            for shard in write.shardDeltas.keys {
                batch.put(KeySpace.counterKey(collection: collection.objectId, shard: shard), KeySpace.encodeCount(UInt64(max(0, counts[shard]))))
            }
            newCounts.append((collection, counts))
        }
        guard let storage = collections.first?.storage, !batch.isEmpty else { return }
        let context = collections.first?.context
        let written = newCounts.compactMap { collection, _ in writes[collection.objectId].map { (collection.objectId, $0) } }
        for (objectId, write) in written {
            context?.documentCache?.beginWrite(collection: objectId, keys: write.stagedKeys)
            if !write.edgeCacheKeys.isEmpty { context?.edgeCache?.beginWrite(collection: objectId, keys: write.edgeCacheKeys) }
        }
        defer {
            for (objectId, write) in written {
                context?.documentCache?.endWrite(collection: objectId, keys: write.stagedKeys)
                if !write.edgeCacheKeys.isEmpty { context?.edgeCache?.endWrite(collection: objectId, keys: write.edgeCacheKeys) }
            }
        }
        try storage.write(batch, sync: mustSync)
        for (collection, counts) in newCounts { collection.meta.withLock { $0.shardCounts = counts } }
        // Still under the writer locks: listeners see one collection's
        // commits in order.
        for (collection, _) in newCounts {
            if let write = writes[collection.objectId], let changes = write.changes {
                collection.context.changeListeners.notify(changes, scope: write.recordedScope)
            }
        }
    }

    /// Drops everything staged and unlocks.
    public func abort() {
        guard !finished else { return }
        finished = true
        for collection in collections.reversed() { collection.writer.unlock() }
    }

    func write(for collection: DocumentCollection) throws(C8Error) -> CollectionWrite {
        guard !finished else { throw C8Error(.transactionInternal, "the transaction has already ended") }
        guard let write = writes[collection.objectId] else {
            throw C8Error(.transactionUnregisteredCollection, detail: collection.name)
        }
        return write
    }
}
