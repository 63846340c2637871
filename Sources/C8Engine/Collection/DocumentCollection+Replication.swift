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
        clock.update(received: change.revision)
        return try ReplicationApply.run { () throws(C8Error) -> ReplicatedApplyOutcome in
            let transaction = try WriteTransaction([self])
            let write = try transaction.write(for: self)
            let properties = meta.withLock { $0.properties }
            let existing = try write.load(change.key)
            var local = HybridTimestamp.zero
            if let existing {
                local = Self.stamp(of: existing)
            } else if let removed = try tombstone(change.key) {
                local = removed
            }
            guard change.revision > local else {
                transaction.abort()
                return .superseded
            }
            if change.kind == .remove {
                if let existing {
                    try write.stage(key: change.key, old: existing, new: nil, shardKeys: properties.shardKeys, change: .remove,
                                    removal: change.revision)
                } else {
                    write.stageTombstone(key: change.key, revision: change.revision)
                }
            } else {
                guard case .object(let presented) = change.document else {
                    throw C8Error(.documentTypeInvalid, "a replicated document must be an object")
                }
                let edge = try edgeEndpoints(presented, properties: properties)
                let stored = StoredDocument.make(
                    key: change.key, rev: Revision(change.revision).string, edge: edge, body: StoredDocument.body(of: presented))
                var losers: [(key: String, document: JSONObject, stamp: HybridTimestamp)] = []
                for owner in try write.uniqueConflicts(of: stored, key: change.key) {
                    guard let document = try write.load(owner) else { continue }
                    losers.append((owner, document, Self.stamp(of: document)))
                }
                if losers.contains(where: { $0.stamp > change.revision }) {
                    // A later document holds the value: this one loses, as if
                    // removed when it was written.
                    if let existing {
                        try write.stage(key: change.key, old: existing, new: nil, shardKeys: properties.shardKeys, change: .remove,
                                        removal: change.revision)
                    } else {
                        write.stageTombstone(key: change.key, revision: change.revision)
                    }
                    try transaction.commit()
                    return .superseded
                }
                for loser in losers {
                    try write.stage(key: loser.key, old: loser.document, new: nil, shardKeys: properties.shardKeys, change: .remove,
                                    removal: loser.stamp)
                }
                try write.stage(key: change.key, old: existing, new: stored, shardKeys: properties.shardKeys, change: change.kind)
                if !losers.isEmpty {
                    try transaction.commit()
                    return .superseded
                }
            }
            try transaction.commit()
            return .applied
        }
    }

    private static func stamp(of stored: JSONObject) -> HybridTimestamp {
        Revision(validating: StoredDocument.rev(of: stored))?.timestamp ?? .zero
    }

    /// The stamp of the tombstone the last removal of `key` left, if any.
    public func tombstone(_ key: String) throws(C8Error) -> HybridTimestamp? {
        try storage.get(KeySpace.tombstoneKey(collection: objectId, key: key))
            .map { HybridTimestamp(rawValue: KeySpace.decodeCount($0)) }
    }
}
