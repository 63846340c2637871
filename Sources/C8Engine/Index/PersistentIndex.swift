import C8Core
import C8Storage

/// The persistent index (also created as `hash` or `skiplist`): a sorted
/// index over one or more attributes, optionally unique, sparse, or over
/// array elements (`tags[*]`).
///
/// Entry layout (after ``KeySpace/indexPrefix(_:)``):
///
/// | index      | key                                                  | value      |
/// |------------|------------------------------------------------------|------------|
/// | non-unique | encoded value of each field, then encoded `_key` string | `_key` UTF-8 |
/// | unique     | encoded value of each field                          | `_key` UTF-8 |
///
/// Values use ``IndexKeyEncoding`` (a missing attribute is null), so the
/// bytes sort in C8QL order and entries with equal values sort by `_key`.
/// A unique entry's key is the values alone: a second document with the
/// same values finds the entry taken (see
/// ``DocumentIndex/checkUniqueness(of:key:in:)``).
///
/// Sparse indexes skip a document (or, for arrays, an element combination)
/// when any field is null or missing. The planner may only use a sparse
/// index for a condition that excludes null on its fields — otherwise the
/// documents it skipped would be missing from the result.
public struct PersistentIndex: DocumentIndex {
    public let definition: IndexDefinition
    private let prefix: [UInt8]

    public init(definition: IndexDefinition) {
        precondition(definition.type.isPersistentFamily, "PersistentIndex needs a persistent, hash or skiplist definition")
        self.definition = definition
        self.prefix = KeySpace.indexPrefix(definition.objectId)
    }

    public func entries(for document: JSON, key: String) -> [IndexEntry] {
        let value = Array(key.utf8)
        return valueTuples(of: document).map { tuple in
            var bytes = prefix
            for v in tuple { IndexKeyEncoding.append(v, to: &bytes) }
            if !definition.unique { IndexKeyEncoding.append(.string(key), to: &bytes) }
            return IndexEntry(key: bytes, value: value)
        }
    }

    /// The value combinations `document` is indexed under: one per document
    /// without expansions; the cross product of the elements of every
    /// expanded array otherwise (each array's repeats removed when
    /// `deduplicate`). A non-array at an expanded path yields none.
    func valueTuples(of document: JSON) -> [[JSON]] {
        var tuples: [[JSON]] = [[]]
        for path in definition.fields {
            guard var values = path.values(in: document) else { return [] }
            if path.expands && definition.deduplicate { values = Self.distinct(values) }
            if definition.sparse { values.removeAll(where: \.isNull) }
            tuples = tuples.flatMap { tuple in values.map { tuple + [$0] } }
            if tuples.isEmpty { return [] }
        }
        return tuples
    }

    private static func distinct(_ values: [JSON]) -> [JSON] {
        var seen: Set<JSON> = []
        return values.filter { seen.insert($0).inserted }
    }

    // MARK: Lookups

    /// A lazy cursor over the document keys `lookup` selects, in index order.
    /// Array indexes return each document once even when several of its
    /// elements match.
    /// - Throws: 10 (bad parameter) when the lookup constrains more fields
    ///   than the index has, or its tuples differ in length.
    public func cursor(_ lookup: IndexLookup, in storage: any StorageEngine) throws(C8Error) -> IndexCursor {
        IndexCursor(
            storage: storage, ranges: try keyRanges(for: lookup), reverse: lookup.reverse,
            skipRepeats: definition.fields.contains(where: \.expands))
    }

    /// The document whose unique entry has exactly `values` (one per field).
    /// - Throws: 10 when the index is not unique or `values` does not give
    ///   every field; storage errors.
    public func lookupUnique(values: [JSON], in storage: any StorageEngine) throws(C8Error) -> String? {
        guard definition.unique, values.count == definition.fields.count else {
            throw C8Error(.badParameter, "lookupUnique needs a unique index and a value for each of its fields")
        }
        return try storage.get(encodedPrefix(values)).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The storage key ranges a lookup reads, ascending and disjoint.
    func keyRanges(for lookup: IndexLookup) throws(C8Error) -> [KeyRange] {
        let width = lookup.prefixes.first?.count ?? 0
        guard lookup.prefixes.allSatisfy({ $0.count == width }) else {
            throw C8Error(.badParameter, "index lookup tuples must all have the same length")
        }
        guard lookup.constrainedFieldCount <= definition.fields.count else {
            throw C8Error(.badParameter, "index lookup constrains more fields than index \(definition.name) has")
        }
        let ranges = lookup.prefixes.map { tuple in
            range(within: encodedPrefix(tuple), lower: lookup.lower, upper: lookup.upper)
        }
        return KeyRanges.normalize(ranges)
    }

    private func encodedPrefix(_ values: [JSON]) -> [UInt8] {
        var bytes = prefix
        for v in values { IndexKeyEncoding.append(v, to: &bytes) }
        return bytes
    }

    /// The keys under `base` whose next value lies between the bounds. Every
    /// entry with value v starts with `base + encode(v)`, and no other entry
    /// does (the encoding is self-delimiting), so "after every v" is that
    /// prefix's successor.
    private func range(within base: [UInt8], lower: IndexBound?, upper: IndexBound?) -> KeyRange {
        func bound(_ b: IndexBound, after: Bool) -> [UInt8] {
            let key = base + IndexKeyEncoding.encode(b.value)
            return after ? KeyRange.successor(ofPrefix: key) : key
        }
        let start = lower.map { bound($0, after: !$0.inclusive) } ?? base
        let end = upper.map { bound($0, after: $0.inclusive) } ?? KeyRange.successor(ofPrefix: base)
        return KeyRange(start, end)
    }
}
