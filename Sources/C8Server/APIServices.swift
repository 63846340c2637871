import C8Core
import C8Engine
import C8Query

/// What the routes share: the engine of the region(s), its query engine,
/// the region directory and the server's own bookkeeping of cursors and
/// slow queries.
public final class APIServices: Sendable {
    public let engine: Engine
    public let queries: QueryEngine
    public let configuration: C8APIConfiguration
    public let regions: RegionDirectory
    let cursorOrigins: CursorOrigins
    let slowQueries: SlowQueryLog

    public init(engine: Engine, queries: QueryEngine? = nil, configuration: C8APIConfiguration) {
        self.engine = engine
        self.queries = queries ?? QueryEngine(engine: engine)
        self.configuration = configuration
        regions = RegionDirectory(domain: configuration.domain, names: configuration.regions)
        cursorOrigins = CursorOrigins()
        slowQueries = SlowQueryLog(threshold: configuration.slowQueryThreshold, capacity: configuration.maximumSlowQueries)
    }
}
