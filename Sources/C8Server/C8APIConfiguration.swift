import C8Query
/// What a C8 API server is told at start-up (`c8 serve --domain --regions
/// --tenant --trusted-origin`).
public struct C8APIConfiguration: Sendable {
    /// The domain of the API host names: `api-<region>.<domain>`.
    public var domain: String
    /// The regions of the federation; the first is the local one.
    public var regions: [String]
    /// The tenant of requests that name none and carry no credentials
    /// telling otherwise.
    public var tenant: String
    /// What `GET /_api/version` reports.
    public var version: String
    /// Queries slower than this many seconds are listed by
    /// `GET /_api/query/slow` (ArangoDB's default threshold).
    public var slowQueryThreshold: Double
    /// How many slow queries are kept.
    public var maximumSlowQueries: Int
    /// Browser origins whose cross-origin requests may carry credentials
    /// (``CORSPolicy``).
    public var trustedOrigins: Set<String>
    /// Server-wide query bounds: defaults and caps of `memoryLimit` and
    /// `maxRuntime`, and the result size (`c8 serve --query-…`).
    public var queryLimits: QueryLimits

    public init(
        domain: String = "localhost", regions: [String] = ["local"], tenant: String = "c8",
        version: String = "0.1.0", slowQueryThreshold: Double = 10, maximumSlowQueries: Int = 64,
        trustedOrigins: Set<String> = [], queryLimits: QueryLimits = QueryLimits()
    ) {
        precondition(!regions.isEmpty, "a server has at least one region")
        self.domain = domain.lowercased()
        self.regions = regions
        self.tenant = tenant
        self.version = version
        self.slowQueryThreshold = slowQueryThreshold
        self.maximumSlowQueries = maximumSlowQueries
        self.trustedOrigins = trustedOrigins
        self.queryLimits = queryLimits
    }
}
