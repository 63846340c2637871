import C8Core
import C8Engine
import C8Query
import C8Streams

/// What the routes share: the engine of the region(s), its query engine
/// and stream service, the region directory and the server's own
/// bookkeeping of cursors, slow queries and one-time passwords.
public final class APIServices: Sendable {
    public let engine: Engine
    public let queries: QueryEngine
    public let streams: StreamService
    public let configuration: C8APIConfiguration
    public let regions: RegionDirectory
    let cursorOrigins: CursorOrigins
    let slowQueries: SlowQueryLog
    let oneTimePasswords = OneTimePasswords()

    /// - Parameter streams: the region's stream service; one is opened over
    ///   `engine` when nil (an engine has one stream service at a time).
    /// - Throws: what opening the stream service throws.
    public init(engine: Engine, queries: QueryEngine? = nil, streams: StreamService? = nil,
                configuration: C8APIConfiguration) throws(C8Error) {
        self.engine = engine
        self.queries = queries ?? QueryEngine(engine: engine)
        if let streams {
            self.streams = streams
        } else {
            self.streams = try StreamService(engine: engine)
        }
        self.configuration = configuration
        regions = RegionDirectory(domain: configuration.domain, names: configuration.regions)
        cursorOrigins = CursorOrigins()
        slowQueries = SlowQueryLog(threshold: configuration.slowQueryThreshold, capacity: configuration.maximumSlowQueries)
    }
}
