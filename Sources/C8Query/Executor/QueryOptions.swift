import C8Core

/// Options of a query run (the `options` of `POST /_api/cursor`).
public struct QueryOptions: Sendable {
    /// Count the rows a top-level LIMIT dropped (`extra.stats.fullCount`).
    public var fullCount = false
    /// Turn the first warning into an error.
    public var failOnWarning = false
    public var maxWarningCount = 10
    /// Bytes that SORT, COLLECT, DISTINCT, subqueries and ranges may hold
    /// (Macrometa's query limit is 256 MB); past it, errorNum 32.
    /// Setting it asks for it: the server's ``QueryLimits`` cap it.
    public var memoryLimit = QueryLimits.defaultMemoryLimit {
        didSet { memoryLimitRequested = memoryLimit }
    }
    /// The `memoryLimit` the request asked for, if any (the server's
    /// ``QueryLimits`` fill in the rest and cap it).
    public var memoryLimitRequested: Int?
    /// Seconds a query may run before it is killed (0 = no limit).
    public var maxRuntime = 0.0
    /// Bytes of results held at once (``QueryLimits/maxResultBytes``).
    public var maxResultBytes = QueryLimits.defaultMaxResultBytes
    /// Profile level for `extra.profile` (0 = off).
    public var profile = 0

    public init() {}

    /// Reads options from a request's `options` object (and, as pyC8 sends
    /// them, from the top level of the body).
    public init(json: JSON) {
        func value(_ name: String) -> JSON {
            let nested = json["options"][name]
            return nested.isNull ? json[name] : nested
        }
        fullCount = value("fullCount").toBool
        failOnWarning = value("failOnWarning").toBool
        if let n = value("maxWarningCount").intValue { maxWarningCount = Int(max(0, n)) }
        if let n = value("memoryLimit").intValue, n > 0 {
            memoryLimit = Int(n)
            memoryLimitRequested = Int(n) // didSet does not run in an initializer
        }
        if let d = value("maxRuntime").doubleValue, d > 0 { maxRuntime = d }
        if let n = value("profile").intValue { profile = Int(n) } else if value("profile").toBool { profile = 1 }
    }
}
