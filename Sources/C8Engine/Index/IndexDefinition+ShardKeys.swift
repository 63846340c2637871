import C8Core

extension IndexDefinition {
    /// The shard keys of a collection that does not choose its own.
    public static let defaultShardKeys = ["_key"]

    /// Throws unless a unique index can enforce uniqueness shard by shard.
    ///
    /// Documents are placed by a hash of their shard key values, so two
    /// documents equal on the index fields can only be checked against each
    /// other if they land on the same shard — which holds exactly when every
    /// shard key is one of the index fields (`shardKeys` a,b with index
    /// a,b,c is fine, index a alone is not). With the default shard key
    /// `_key`, every document is unique by itself anyway, so any unique
    /// index is allowed, as in ArangoDB single servers.
    public func validateUnique(shardKeys: [String]) throws(C8Error) {
        guard unique, shardKeys != Self.defaultShardKeys else { return }
        let indexed = Set(fields.map(\.description))
        guard shardKeys.allSatisfy(indexed.contains) else {
            throw C8Error(
                .badParameter, "unique index must contain all shard keys (\(shardKeys.joined(separator: ", ")))")
        }
    }
}
