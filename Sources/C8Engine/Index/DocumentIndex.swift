import C8Core
import C8Storage

/// One storage entry an index keeps for a document.
public struct IndexEntry: Sendable, Hashable {
    /// The full storage key (starts with ``KeySpace/indexPrefix(_:)``).
    public var key: [UInt8]
    /// What the entry stores: the document's `_key` bytes (or more).
    public var value: [UInt8]

    public init(key: [UInt8], value: [UInt8]) {
        self.key = key
        self.value = value
    }
}

/// A secondary index: which entries a document contributes, and the lookups
/// the query planner uses.
///
/// The collection writes a document and its entries in one batch; on update
/// it removes the old document's entries and adds the new one's. For a
/// unique index, an existing entry with the same key that belongs to
/// another document is a unique constraint violation (1210).
public protocol DocumentIndex: Sendable {
    var definition: IndexDefinition { get }

    /// The entries `document` (stored under `key`) contributes; empty when a
    /// sparse index skips it.
    func entries(for document: JSON, key: String) -> [IndexEntry]
}

extension DocumentIndex {
    public var isUnique: Bool { definition.unique }
}
