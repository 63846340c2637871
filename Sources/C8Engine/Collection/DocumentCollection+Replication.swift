import C8Core
import C8Storage

/// What applying a replicated change did.
public enum ReplicatedApplyOutcome: Sendable, Equatable {
    /// The change is now this region's state of the document.
    case applied
    /// This region already holds a later version (or a later removal) of
    /// the document: last-writer-wins keeps it.
    case superseded
}

extension DocumentCollection {
    /// Applies a change made in another region: last-writer-wins on the
    /// change's stamp against this region's version of the document — its
    /// `_rev`, or the stamp of the tombstone its last removal left. Every
    /// region applies the same rule to the same stamps, so all of them end
    /// with the same winner whatever order the changes arrive in. Stamps are
    /// unique across regions (each region's clock owns a residue of the
    /// logical counter), so there are no ties to break.
    ///
    /// The document keeps the `_rev` it was written with; the region's clock
    /// moves past the stamp (the HLC receive rule), so what is written here
    /// afterwards is stamped later.
    ///
    /// Two regions may each accept a document with the same value of a
    /// unique index. The later one wins here too: the earlier is removed
    /// as if at its own stamp (a tombstone under its key), whichever of
    /// the two arrives first, so every region keeps the same one.
    @discardableResult
    public func applyReplicated(_ change: CollectionChange) throws(C8Error) -> ReplicatedApplyOutcome {
        try applyReplicated([change])[0]
    }

    /// ``applyReplicated(_:)`` for consecutive changes of this collection, in
    /// order, in one transaction: each sees the ones before it; all reach
    /// storage in one batch.
    public func applyReplicated(_ changes: [CollectionChange]) throws(C8Error) -> [ReplicatedApplyOutcome] {
        guard let latest = changes.map(\.revision).max() else { return [] }
        clock.update(received: latest)
        return try ReplicationApply.run { () throws(C8Error) -> [ReplicatedApplyOutcome] in
            let transaction = try WriteTransaction([self])
            let write = try transaction.write(for: self)
            let properties = meta.withLock { $0.properties }
            var staged = ReplicatedStaging(write: write, properties: properties, collection: self)
            var outcomes: [ReplicatedApplyOutcome] = []
            outcomes.reserveCapacity(changes.count)
            for change in changes { outcomes.append(try staged.stage(change)) }
            if outcomes.contains(where: { $0 == .applied }) || staged.staged {
                try transaction.commit()
            } else {
                transaction.abort()
            }
            return outcomes
        }
    }

    static func stamp(of stored: JSONObject) -> HybridTimestamp {
        Revision(validating: StoredDocument.rev(of: stored))?.timestamp ?? .zero
    }

    /// The stamp of the tombstone the last removal of `key` left, if any.
    public func tombstone(_ key: String) throws(C8Error) -> HybridTimestamp? {
        try storage.get(KeySpace.tombstoneKey(collection: objectId, key: key))
            .map { HybridTimestamp(rawValue: KeySpace.decodeCount($0)) }
    }
}

/// Replicated changes staged into one write: last-writer-wins against what
/// the write already holds — stored, or staged by an earlier change of the
/// same batch (tombstones included).
private struct ReplicatedStaging {
    let write: CollectionWrite
    let properties: CollectionProperties
    let collection: DocumentCollection
    /// Tombstones staged by this batch, newer than storage's.
    private var tombstones: [String: HybridTimestamp] = [:]
    /// Whether anything was staged.
    private(set) var staged = false

    init(write: CollectionWrite, properties: CollectionProperties, collection: DocumentCollection) {
        self.write = write
        self.properties = properties
        self.collection = collection
    }

    mutating func stage(_ change: CollectionChange) throws(C8Error) -> ReplicatedApplyOutcome {
        let existing = try write.load(change.key)
        var local = HybridTimestamp.zero
        if let existing {
            local = DocumentCollection.stamp(of: existing)
        } else if let removed = try tombstone(change.key) {
            local = removed
        }
        guard change.revision > local else { return .superseded }
        if change.kind == .remove {
            try remove(change.key, existing: existing, at: change.revision)
            return .applied
        }
        guard case .object(let presented) = change.document else {
            throw C8Error(.documentTypeInvalid, "a replicated document must be an object")
        }
        let edge = try collection.edgeEndpoints(presented, properties: properties)
        let stored = StoredDocument.make(
            key: change.key, rev: Revision(change.revision).string, edge: edge, body: StoredDocument.body(of: presented))
        var losers: [(key: String, document: JSONObject, stamp: HybridTimestamp)] = []
        for owner in try write.uniqueConflicts(of: stored, key: change.key) {
            guard let document = try write.load(owner) else { continue }
            losers.append((owner, document, DocumentCollection.stamp(of: document)))
        }
        if losers.contains(where: { $0.stamp > change.revision }) {
            // A later document holds the value: this one loses, as if
            // removed when it was written.
            try remove(change.key, existing: existing, at: change.revision)
            return .superseded
        }
        for loser in losers { try remove(loser.key, existing: loser.document, at: loser.stamp) }
        try write.stage(key: change.key, old: existing, new: stored, shardKeys: properties.shardKeys, change: change.kind)
        staged = true
        return losers.isEmpty ? .applied : .superseded
    }

    /// Removes `key` (if stored) and leaves its tombstone at `stamp`.
    private mutating func remove(_ key: String, existing: JSONObject?, at stamp: HybridTimestamp) throws(C8Error) {
        if let existing {
            try write.stage(key: key, old: existing, new: nil, shardKeys: properties.shardKeys, change: .remove, removal: stamp)
        } else {
            write.stageTombstone(key: key, revision: stamp)
        }
        tombstones[key] = stamp
        staged = true
    }

    private func tombstone(_ key: String) throws(C8Error) -> HybridTimestamp? {
        if let staged = tombstones[key] { return staged }
        return try collection.tombstone(key)
    }
}
