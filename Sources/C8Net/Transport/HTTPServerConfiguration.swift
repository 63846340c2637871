import Glibc
import C8Core

/// One address the server accepts connections on.
public struct HTTPListenerConfiguration: Sendable {
    /// An address or name to bind (`127.0.0.1`, `0.0.0.0`, `::`, `localhost`).
    public var host: String
    /// 0 lets the kernel choose a free port (tests); the bound port is in
    /// `HTTPServer.listeners` after `start()`.
    public var port: Int
    /// Set for a TLS listener (`--tls-port`): connections on it speak TLS
    /// with this server context.
    public var tls: TLSContext?

    public init(host: String, port: Int, tls: TLSContext? = nil) {
        self.host = host
        self.port = port
        self.tls = tls
    }
}

/// How an `HTTPServer` listens, what it accepts and how many threads it
/// runs.
public struct HTTPServerConfiguration: Sendable {
    public var listeners: [HTTPListenerConfiguration]
    public var limits: HTTPLimits
    /// Event loop threads; one per core by default.
    public var eventLoopCount: Int
    /// Threads running handlers. Handlers block (storage, queries), so
    /// there are more workers than cores.
    public var workerCount: Int
    /// Requests of one connection taken before earlier ones are answered;
    /// beyond this the connection is not read until responses go out.
    public var maxPipelinedRequests: Int
    /// Unsent output above which a connection is not read (a client that
    /// sends requests but does not read responses); reading resumes when
    /// half of it has gone out.
    public var maxUnsentOutputBytes: Int
    /// After the last response on a closing connection, how long unread
    /// bytes are drained before the socket closes, so the client gets the
    /// response rather than a reset.
    public var lingerTimeout: Duration
    /// How long `stop()` lets in-flight requests finish.
    public var shutdownGracePeriod: Duration
    public var listenBacklog: Int32
    /// Connections open at once; a connection accepted beyond this is
    /// answered 503 and closed at once, so the descriptors left serve the
    /// clients already connected (and the data files).
    public var maxConnections: Int
    public var log: HTTPServerLog

    /// Three quarters of the process's open-file limit (the rest is for
    /// data files, listeners and the client side of tests), at least 64.
    public static var defaultMaxConnections: Int {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 10_000 }
        return max(64, Int(min(limit.rlim_cur, 1 << 20)) * 3 / 4)
    }

    public init(listeners: [HTTPListenerConfiguration],
                limits: HTTPLimits = HTTPLimits(),
                eventLoopCount: Int = Parallel.coreCount,
                workerCount: Int = max(8, Parallel.coreCount * 4),
                maxPipelinedRequests: Int = 16,
                maxUnsentOutputBytes: Int = 1024 * 1024,
                lingerTimeout: Duration = .seconds(2),
                shutdownGracePeriod: Duration = .seconds(10),
                listenBacklog: Int32 = 1024,
                maxConnections: Int = HTTPServerConfiguration.defaultMaxConnections,
                log: HTTPServerLog = .standardError) {
        self.listeners = listeners
        self.limits = limits
        self.eventLoopCount = eventLoopCount
        self.workerCount = workerCount
        self.maxPipelinedRequests = maxPipelinedRequests
        self.maxUnsentOutputBytes = maxUnsentOutputBytes
        self.lingerTimeout = lingerTimeout
        self.shutdownGracePeriod = shutdownGracePeriod
        self.listenBacklog = listenBacklog
        self.maxConnections = maxConnections
        self.log = log
    }

    /// The command line's shape (`--host`, `--port`, `--tls-port` with its
    /// certificate): plain HTTP on `port` and TLS on `tls.port`, both on
    /// `host`; either may be left out.
    public init(host: String, port: Int?, tls: (port: Int, context: TLSContext)? = nil,
                limits: HTTPLimits = HTTPLimits(), log: HTTPServerLog = .standardError) {
        var listeners: [HTTPListenerConfiguration] = []
        if let port { listeners.append(HTTPListenerConfiguration(host: host, port: port)) }
        if let tls { listeners.append(HTTPListenerConfiguration(host: host, port: tls.port, tls: tls.context)) }
        self.init(listeners: listeners, limits: limits, log: log)
    }

    /// How often each loop checks deadlines: fine enough that the shortest
    /// timeout fires within about a tenth of itself, never busier than
    /// every 10 ms.
    var tickInterval: Duration {
        let shortest = min(limits.bodyWaitTimeout, limits.idleTimeout, limits.headerTimeout, lingerTimeout)
        return max(.milliseconds(10), min(.seconds(1), shortest / 10))
    }
}
