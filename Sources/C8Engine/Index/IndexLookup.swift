import C8Core

/// One end of a range condition on an index field: `value` itself included
/// (`>=`, `<=`) or not (`>`, `<`).
public struct IndexBound: Sendable, Hashable {
    public var value: JSON
    public var inclusive: Bool

    public init(_ value: JSON, inclusive: Bool) {
        self.value = value
        self.inclusive = inclusive
    }

    public static func inclusive(_ value: JSON) -> IndexBound { IndexBound(value, inclusive: true) }
    public static func exclusive(_ value: JSON) -> IndexBound { IndexBound(value, inclusive: false) }
}

/// What the planner asks of a persistent index: equality on the first `k`
/// fields — one tuple of values, or several for an `IN` list — optionally a
/// range on field `k + 1`, read forward or in reverse.
///
/// Results come in index order, which is C8QL `SORT` order on the fields
/// (ties by `_key`): an `IN` list's tuples are visited in sorted order, not
/// the order given, and a repeated tuple counts once. Comparisons use
/// C8QL's total order across types, exactly as `FILTER` does — `x > 5`
/// includes every string, array and object.
public struct IndexLookup: Sendable {
    /// Values for the first fields; all tuples have the same length. `[[]]`
    /// (the default) constrains nothing; `[]` (an empty `IN` list) matches
    /// nothing.
    public var prefixes: [[JSON]]
    /// The range on the field after the prefix; nil ends are open.
    public var lower: IndexBound?
    public var upper: IndexBound?
    public var reverse: Bool

    public init(prefixes: [[JSON]] = [[]], lower: IndexBound? = nil, upper: IndexBound? = nil, reverse: Bool = false) {
        self.prefixes = prefixes
        self.lower = lower
        self.upper = upper
        self.reverse = reverse
    }

    /// Every entry, in index order: a sorted full scan.
    public static func scan(reverse: Bool = false) -> IndexLookup {
        IndexLookup(reverse: reverse)
    }

    /// `field1 == values[0] && field2 == values[1] …`
    public static func equal(_ values: [JSON], reverse: Bool = false) -> IndexLookup {
        IndexLookup(prefixes: [values], reverse: reverse)
    }

    /// `[field1, …, fieldK] IN tuples`: the union of several equality lookups.
    public static func oneOf(_ tuples: [[JSON]], reverse: Bool = false) -> IndexLookup {
        IndexLookup(prefixes: tuples, reverse: reverse)
    }

    /// Equality on the first fields, then `lower <(=) field < (=) upper`.
    public static func range(
        equal prefix: [JSON] = [], lower: IndexBound?, upper: IndexBound?, reverse: Bool = false
    ) -> IndexLookup {
        IndexLookup(prefixes: [prefix], lower: lower, upper: upper, reverse: reverse)
    }

    /// How many fields the lookup constrains.
    var constrainedFieldCount: Int {
        (prefixes.first?.count ?? 0) + (lower != nil || upper != nil ? 1 : 0)
    }
}
