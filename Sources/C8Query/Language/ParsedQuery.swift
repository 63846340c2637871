import C8Core

/// A query checked by ``QueryParser``: its syntax tree plus what it
/// references, so the caller can validate bind variables (1551/1552) and
/// resolve collections before planning.
public struct ParsedQuery: Sendable {
    public var query: Query
    /// Value bind parameters (`@name`, listed without `@`), in order of
    /// first use, without duplicates.
    public var bindParameters: [String]
    /// Collection bind parameters (`@@name`, listed without `@@`), in order
    /// of first use, without duplicates.
    public var collectionBindParameters: [String]
    /// Collections named literally — FOR sources, data-modification targets,
    /// WITH, edge collections of traversals, and collection arguments of
    /// functions — in order of first use. Named graphs are not collections.
    public var collections: [String]
    /// Collections named literally as the target of a data modification.
    public var modifiedCollections: [String]
    /// Whether the query writes anywhere — subqueries included, and targets
    /// given as `@@` parameters — so a read-only caller can refuse it
    /// before it runs.
    public var modifiesData: Bool
    /// Warnings found while parsing (1504 number out of range, whose
    /// literal then reads as `null`), each carrying a ``QueryErrorPosition``.
    public var warnings: [C8Error]

    public init(query: Query, bindParameters: [String] = [], collectionBindParameters: [String] = [],
                collections: [String] = [], modifiedCollections: [String] = [], modifiesData: Bool? = nil,
                warnings: [C8Error] = []) {
        self.query = query
        self.bindParameters = bindParameters
        self.collectionBindParameters = collectionBindParameters
        self.collections = collections
        self.modifiedCollections = modifiedCollections
        self.modifiesData = modifiesData ?? !modifiedCollections.isEmpty
        self.warnings = warnings
    }
}
