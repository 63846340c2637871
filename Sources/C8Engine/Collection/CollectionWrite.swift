import C8Core
import C8Storage

/// The changes of one write request to one collection, staged so that every
/// item sees the items before it, a failing item changes nothing, and all
/// surviving items reach storage in one atomic batch.
final class CollectionWrite {
    private let collection: DocumentCollection
    private let storage: any StorageEngine
    private let indexes: [any DocumentIndex]
    /// The edge index among `indexes` (edge collections only).
    private let edgeIndex: EdgeIndex?
    private(set) var batch = WriteBatch()
    /// Documents as staged: stored form, or nil for removed.
    private var documents: [String: JSONObject?] = [:]
    /// Unique index entries as staged: owning `_key`, or nil for removed.
    private var uniqueOwners: [[UInt8]: String?] = [:]
    private(set) var shardDeltas: [Int: Int] = [:]
    /// The edge lists the staged edges leave or join (``EdgeIndex/cacheKeys(of:)``).
    private(set) var edgeCacheKeys: Set<String> = []
    private(set) var touchedKeyGenerator = false
    /// The changes staged, for change listeners; nil (nothing recorded)
    /// unless someone listens to a scope of the collection.
    private(set) var changes: [CollectionChange]?
    /// The listened scopes the collection is in (``ChangeScope``).
    let recordedScope: ChangeScope

    init(collection: DocumentCollection, storage: any StorageEngine, indexes: [any DocumentIndex], recordedScope: ChangeScope = []) {
        self.collection = collection
        self.storage = storage
        self.indexes = indexes
        edgeIndex = indexes.lazy.compactMap { $0 as? EdgeIndex }.first
        self.recordedScope = recordedScope
        if !recordedScope.isEmpty { changes = [] }
    }

    /// The stored form of `key` as this write sees it.
    func load(_ key: String) throws(C8Error) -> JSONObject? {
        if let staged = documents[key] { return staged }
        guard let bytes = try storage.get(KeySpace.documentKey(collection: collection.objectId, key: key)) else {
            return nil
        }
        let value: JSON
        do { value = try BinaryJSON.decode(bytes) } catch { throw C8Error(error) }
        guard case .object(let object) = value else {
            throw C8Error(.internalError, "stored document \(key) is not an object")
        }
        return object
    }

    /// Stages `new` in place of `old` under `key`: the document, its index
    /// entries, its shard count. Checks unique indexes first, so a
    /// violation (1210) leaves nothing staged.
    ///
    /// A remove from a replicated collection also stages its tombstone,
    /// stamped `removal` (a fresh clock reading unless given): what
    /// last-writer-wins compares a late write from another region with.
    func stage(
        key: String, old: JSONObject?, new: JSONObject?, shardKeys: [String], change: CollectionChange.Kind,
        removal: HybridTimestamp? = nil
    ) throws(C8Error) {
        let oldDocument = old.map(JSON.object)
        let newDocument = new.map(JSON.object)
        var changes: [(unique: Bool, old: [IndexEntry], new: [IndexEntry])] = []
        changes.reserveCapacity(indexes.count)
        for index in indexes {
            let oldEntries = oldDocument.map { index.entries(for: $0, key: key) } ?? []
            let newEntries = newDocument.map { index.entries(for: $0, key: key) } ?? []
            if index.isUnique {
                var seen = Set<[UInt8]>()
                for entry in newEntries {
                    // A document repeating a value of a unique array index conflicts with itself.
                    guard seen.insert(entry.key).inserted else { throw index.uniqueViolation(conflictingKey: key) }
                    if let owner = try uniqueOwner(entry.key), owner != key {
                        throw index.uniqueViolation(conflictingKey: owner)
                    }
                }
            }
            changes.append((index.isUnique, oldEntries, newEntries))
        }
        if let edgeIndex {
            for document in [oldDocument, newDocument] {
                if let document { edgeCacheKeys.formUnion(edgeIndex.cacheKeys(of: document)) }
            }
        }
        for change in changes {
            let keep = Set(change.new.map(\.key))
            for entry in change.old where !keep.contains(entry.key) {
                batch.delete(entry.key)
                if change.unique { uniqueOwners[entry.key] = .some(nil) }
            }
            for entry in change.new {
                batch.put(entry.key, entry.value)
                if change.unique { uniqueOwners[entry.key] = .some(key) }
            }
        }

        let storageKey = KeySpace.documentKey(collection: collection.objectId, key: key)
        if let new {
            batch.put(storageKey, BinaryJSON.encode(.object(new)))
        } else {
            batch.delete(storageKey)
        }
        documents[key] = .some(new)
        if self.changes != nil, let document = new ?? old {
            var revision = HybridTimestamp.zero
            if let new {
                revision = Revision(validating: StoredDocument.rev(of: new))?.timestamp ?? .zero
            } else if recordedScope.contains(.replicated) {
                revision = removal ?? collection.clock.now()
                stageTombstone(key: key, revision: revision)
            }
            let name = collection.name
            self.changes?.append(CollectionChange(
                tenant: collection.tenant, fabric: collection.fabric, collection: name, kind: change, key: key,
                document: StoredDocument.present(document, collection: name), revision: revision,
                isReplicated: ReplicationApply.isActive))
        }
        if let old, new == nil { shardDeltas[Sharding.shard(of: .object(old), shardKeys: shardKeys), default: 0] -= 1 }
        if old == nil, let new { shardDeltas[Sharding.shard(of: .object(new), shardKeys: shardKeys), default: 0] += 1 }
    }

    /// Records that `key` was removed at `revision`.
    func stageTombstone(key: String, revision: HybridTimestamp) {
        batch.put(KeySpace.tombstoneKey(collection: collection.objectId, key: key), KeySpace.encodeCount(revision.rawValue))
    }

    /// The `_key`s of the documents staged (written or removed).
    var stagedKeys: Dictionary<String, JSONObject?>.Keys { documents.keys }

    /// Stages the key generator's state (autoincrement and traditional keys
    /// must keep increasing after a restart).
    func stageKeyGenerator(lastValue: UInt64) {
        batch.put(KeySpace.keyGeneratorKey(collection: collection.objectId), KeySpace.encodeCount(lastValue))
        touchedKeyGenerator = true
    }

    /// The `_key`s of other documents holding a value of `document` that a
    /// unique index allows only once.
    func uniqueConflicts(of document: JSONObject, key: String) throws(C8Error) -> [String] {
        var owners: [String] = []
        for index in indexes where index.isUnique {
            for entry in index.entries(for: .object(document), key: key) {
                if let owner = try uniqueOwner(entry.key), owner != key, !owners.contains(owner) { owners.append(owner) }
            }
        }
        return owners
    }

    private func uniqueOwner(_ entryKey: [UInt8]) throws(C8Error) -> String? {
        if let staged = uniqueOwners[entryKey] { return staged }
        guard let value = try storage.get(entryKey) else { return nil }
        return String(decoding: value, as: UTF8.self)
    }
}
