import C8Core
import C8Engine
import C8Query
import C8Streams

/// What the routes of one region share: the region's engine, its query
/// engine and stream service, its slow query log — and what every region
/// of the server shares: the region directory, the record of open cursors
/// (a continuation may reach any region), one-time passwords (accounts
/// are federation-wide) and the stores a compaction rewrites (every region's).
public final class APIServices: Sendable {
    public let engine: Engine
    public let queries: QueryEngine
    public let streams: StreamService
    public let configuration: C8APIConfiguration
    public let regions: RegionDirectory
    let cursorOrigins: CursorOrigins
    let slowQueries: SlowQueryLog
    let oneTimePasswords: OneTimePasswords
    let compaction: StoreCompaction

    /// The services of a server with one engine for every configured region.
    /// - Parameter streams: the region's stream service; one is opened over
    ///   `engine` when nil (an engine has one stream service at a time).
    /// - Throws: what opening the stream service throws.
    public convenience init(engine: Engine, queries: QueryEngine? = nil, streams: StreamService? = nil,
                            configuration: C8APIConfiguration) throws(C8Error) {
        try self.init(engine: engine, queries: queries, streams: streams, configuration: configuration,
                      shared: Shared(regions: RegionDirectory(domain: configuration.domain, names: configuration.regions),
                                    compaction: StoreCompaction(engines: [engine])))
    }

    /// What the regions of one server share.
    struct Shared: Sendable {
        let regions: RegionDirectory
        let compaction: StoreCompaction
        let cursorOrigins = CursorOrigins()
        let oneTimePasswords = OneTimePasswords()
    }

    init(engine: Engine, queries: QueryEngine?, streams: StreamService?, configuration: C8APIConfiguration,
         shared: Shared) throws(C8Error) {
        self.engine = engine
        self.queries = queries ?? QueryEngine(engine: engine)
        self.queries.limits = configuration.queryLimits
        if let streams {
            self.streams = streams
        } else {
            self.streams = try StreamService(engine: engine)
        }
        self.configuration = configuration
        regions = shared.regions
        cursorOrigins = shared.cursorOrigins
        oneTimePasswords = shared.oneTimePasswords
        compaction = shared.compaction
        slowQueries = SlowQueryLog(threshold: configuration.slowQueryThreshold, capacity: configuration.maximumSlowQueries)
    }
}
