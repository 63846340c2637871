import C8Core

/// Builds the index object that maintains a stored definition.
enum IndexFactory {
    static func make(_ definition: IndexDefinition) -> any DocumentIndex {
        switch definition.type {
        case .edge: EdgeIndex(definition: definition)
        case .persistent, .hash, .skiplist: PersistentIndex(definition: definition)
        case .ttl: TTLIndex(definition: definition)
        case .fulltext: FulltextIndex(definition: definition)
        case .geo: GeoIndex(definition: definition)
        case .primary: preconditionFailure("the primary index is implicit and never stored")
        }
    }
}
