extension IndexDefinition {
    /// Whether `other` indexes the same thing the same way, so that asking
    /// to create it again returns the existing index instead of a second one
    /// (ArangoDB's `ensureIndex` semantics).
    ///
    /// Compared: the type family (persistent, hash and skiplist are one
    /// index type under three names), the fields in order, `unique`,
    /// `sparse`, and what changes a type's entries — geo's `geoJson`,
    /// fulltext's `minLength`. Names, ids, `deduplicate` and a TTL index's
    /// `expireAfter` are not compared, as in ArangoDB.
    public func isEquivalent(to other: IndexDefinition) -> Bool {
        guard type == other.type || (type.isPersistentFamily && other.type.isPersistentFamily) else { return false }
        guard fields == other.fields, unique == other.unique, sparse == other.sparse else { return false }
        switch type {
        case .geo: return geoJson == other.geoJson
        case .fulltext: return minLength == other.minLength
        default: return true
        }
    }
}
