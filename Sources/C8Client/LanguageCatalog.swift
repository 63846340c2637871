import C8Query

/// The words of C8QL for editors: keywords and function names, for syntax
/// colours and completion. The same for every endpoint (the language does
/// not change with the server), so the console gets it without a request.
public enum LanguageCatalog {
    /// Keywords, upper case.
    public static let keywords: [String] = [
        "ALL", "AND", "ANY", "ASC", "COLLECT", "DESC", "DISTINCT", "FALSE", "FILTER", "FOR", "GRAPH", "IN",
        "INBOUND", "INSERT", "INTO", "LET", "LIMIT", "NONE", "NOT", "NULL", "OR", "OUTBOUND", "REMOVE", "REPLACE",
        "RETURN", "SHORTEST_PATH", "SORT", "TRUE", "UPDATE", "UPSERT", "WITH", "AGGREGATE", "KEEP", "LIKE",
        "K_SHORTEST_PATHS", "PRUNE", "SEARCH", "TO", "OPTIONS", "COUNT", "CURRENT", "NEW", "OLD",
    ]

    /// Function names, upper case, sorted.
    public static let functions: [String] = FunctionRegistry.standard.names.sorted()
}
