/// How an ``HTTPClient`` connects, waits and pools.
public struct HTTPClientConfiguration: Sendable {
    /// For resolving and connecting (and the TLS handshake), all together.
    public var connectTimeout: Duration
    /// From writing a request to reading the last byte of its response.
    public var requestTimeout: Duration
    /// Idle connections kept per origin; more are closed when returned.
    public var maxIdleConnectionsPerOrigin: Int
    /// How long a connection may sit in the pool before it is dropped rather
    /// than reused.
    public var idleTimeout: Duration
    /// Larger responses fail with `.responseTooLarge`.
    public var maxResponseBodySize: Int
    /// How `https` servers are checked.
    public var tlsVerification: TLSServerVerification

    /// The request timeout is pyC8's (260 s), since queries may run long;
    /// the idle timeout stays under the 120 s after which `c8 serve` closes
    /// idle connections, so a pooled connection is rarely found dead.
    public init(connectTimeout: Duration = .seconds(10), requestTimeout: Duration = .seconds(260),
                maxIdleConnectionsPerOrigin: Int = 8, idleTimeout: Duration = .seconds(60),
                maxResponseBodySize: Int = 512 << 20, tlsVerification: TLSServerVerification = .systemTrustStore) {
        self.connectTimeout = connectTimeout
        self.requestTimeout = requestTimeout
        self.maxIdleConnectionsPerOrigin = maxIdleConnectionsPerOrigin
        self.idleTimeout = idleTimeout
        self.maxResponseBodySize = maxResponseBodySize
        self.tlsVerification = tlsVerification
    }
}
