/// The functions `COLLECT … AGGREGATE name = F(expr)` accepts.
///
/// Aliases are resolved here so that the executor sees one spelling per
/// aggregator: COUNT is LENGTH, AVG is AVERAGE, STDDEV is STDDEV_POPULATION,
/// VARIANCE is VARIANCE_POPULATION, COUNT_UNIQUE is COUNT_DISTINCT.
enum AggregateFunction {
    private static let canonicalNames: [String: String] = [
        "LENGTH": "LENGTH", "COUNT": "LENGTH",
        "MIN": "MIN", "MAX": "MAX", "SUM": "SUM",
        "AVERAGE": "AVERAGE", "AVG": "AVERAGE",
        "STDDEV_POPULATION": "STDDEV_POPULATION", "STDDEV": "STDDEV_POPULATION",
        "STDDEV_SAMPLE": "STDDEV_SAMPLE",
        "VARIANCE_POPULATION": "VARIANCE_POPULATION", "VARIANCE": "VARIANCE_POPULATION",
        "VARIANCE_SAMPLE": "VARIANCE_SAMPLE",
        "UNIQUE": "UNIQUE", "SORTED_UNIQUE": "SORTED_UNIQUE",
        "COUNT_DISTINCT": "COUNT_DISTINCT", "COUNT_UNIQUE": "COUNT_DISTINCT",
    ]

    /// The canonical name of the aggregator `name` (already upper-cased)
    /// calls, or nil when it is not an aggregate function.
    static func canonicalName(_ name: String) -> String? { canonicalNames[name] }
}
