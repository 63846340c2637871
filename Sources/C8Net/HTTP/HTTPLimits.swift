/// The bounds a request must stay within, and how long the server waits
/// for a client that stops mid-request or sits idle.
///
/// The defaults are the seed's HTTP rules (16 KB URL, 1 MB of headers,
/// 512 MB of body, 90 s for a body that stops short); tests shrink them.
public struct HTTPLimits: Sendable, Equatable {
    /// Longest request target, in bytes; longer → 414.
    public var maxTargetLength: Int
    /// Longest request head (request line plus header lines), in bytes;
    /// longer → 431.
    public var maxHeaderBytes: Int
    /// Largest `Content-Length` accepted; larger → 413 before any of the
    /// body is read.
    public var maxBodyBytes: Int
    /// How long a connection may hold a partial request (head or body)
    /// without sending another byte before it is closed.
    public var bodyWaitTimeout: Duration
    /// How long a keep-alive connection may sit with nothing in flight
    /// before it is closed.
    public var idleTimeout: Duration
    /// How long a request head (request line and headers) may take to
    /// arrive in full, from its first byte, however steadily it trickles:
    /// a slowloris client sending a byte a second is answered 408 and
    /// closed when this passes, where `bodyWaitTimeout` alone would wait
    /// forever.
    public var headerTimeout: Duration

    public init(maxTargetLength: Int = 16 * 1024,
                maxHeaderBytes: Int = 1024 * 1024,
                maxBodyBytes: Int = 512 * 1024 * 1024,
                bodyWaitTimeout: Duration = .seconds(90),
                idleTimeout: Duration = .seconds(120),
                headerTimeout: Duration = .seconds(30)) {
        self.maxTargetLength = maxTargetLength
        self.maxHeaderBytes = maxHeaderBytes
        self.maxBodyBytes = maxBodyBytes
        self.bodyWaitTimeout = bodyWaitTimeout
        self.idleTimeout = idleTimeout
        self.headerTimeout = headerTimeout
    }
}
