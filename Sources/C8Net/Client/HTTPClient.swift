/// A blocking HTTP/1.1 client with a keep-alive connection pool.
///
/// Requests go to a base URL (`https://api-eu.example.com`, optionally
/// with a path prefix) or to any absolute URL; connections are pooled per
/// origin and reused while servers keep them open. Safe to share between
/// threads: each request takes its own connection.
///
/// ```swift
/// let client = try HTTPClient(baseURL: "http://localhost:8529")
/// var request = HTTPRequest(method: .get, target: "/_api/version")
/// request.headers.add("Authorization", "apikey \(key)")
/// let response = try client.send(request)
/// ```
public final class HTTPClient: Sendable {
    public let baseURL: ClientURL
    public let configuration: HTTPClientConfiguration
    private let pool: HTTPConnectionPool
    private let connector: ClientConnector

    /// - Throws: ``NetworkClientError`` `.invalidURL` unless `baseURL` is
    ///   an absolute `http` or `https` URL.
    public convenience init(baseURL: String, configuration: HTTPClientConfiguration = HTTPClientConfiguration()) throws {
        try self.init(baseURL: ClientURL(baseURL), configuration: configuration)
    }

    public init(baseURL: ClientURL, configuration: HTTPClientConfiguration = HTTPClientConfiguration()) throws {
        guard baseURL.scheme == .http || baseURL.scheme == .https else {
            throw NetworkClientError(.invalidURL, "an HTTP client needs an http or https URL, not \(baseURL)")
        }
        self.baseURL = baseURL
        self.configuration = configuration
        pool = HTTPConnectionPool(maxIdlePerOrigin: configuration.maxIdleConnectionsPerOrigin,
                                  idleTimeout: configuration.idleTimeout)
        connector = ClientConnector(connectTimeout: configuration.connectTimeout,
                                    tlsVerification: configuration.tlsVerification)
    }

    deinit { pool.closeAll() }

    /// Sends `request` to the base URL: its target is appended to the base
    /// URL's path (`/_api/version` under `http://h/db` goes to `/db/_api/version`).
    ///
    /// - Throws: ``NetworkClientError``. An HTTP error status is a response,
    ///   not an error.
    public func send(_ request: HTTPRequest) throws -> HTTPResponse {
        try send(request, to: baseURL.origin, target: Self.join(baseURL.target, request.target))
    }

    /// Sends `request` to `origin`, with `target` in the request line.
    ///
    /// A pooled connection that the server closed while it sat idle fails
    /// before any response byte arrives; then the request is sent again on
    /// a new connection if its method is idempotent.
    public func send(_ request: HTTPRequest, to origin: ClientURL.Origin, target: String) throws -> HTTPResponse {
        let bytes = try HTTPRequestEncoder.encode(request, target: target, host: origin.hostHeader)
        let responseReader = HTTPResponseReader(maxBodySize: configuration.maxResponseBodySize)
        var mayReuse = true
        while true {
            let pooled = mayReuse ? pool.checkOut(origin) : nil
            let connection = try pooled ?? HTTPClientConnection(origin: origin, stream: connector.connect(to: origin))
            let bytesBefore = connection.reader.totalBytesRead
            let deadline = ContinuousClock.now + configuration.requestTimeout
            do {
                try connection.stream.write(bytes, timeout: configuration.requestTimeout)
                let (response, reusable) = try responseReader.readResponse(
                    from: connection.reader, method: request.method, deadline: deadline)
                if reusable { pool.checkIn(connection) } else { connection.close() }
                return response
            } catch let error as NetworkClientError {
                connection.close()
                let stale = pooled != nil && error.isStaleConnectionSymptom
                    && connection.reader.totalBytesRead == bytesBefore
                guard stale && request.method.isIdempotent else { throw error }
                // Other pooled connections are as old as this one; go straight
                // to a new connection rather than trying them in turn.
                mayReuse = false
            }
        }
    }

    /// Closes the pooled connections; requests in flight are not affected.
    public func closeIdleConnections() { pool.closeAll() }

    /// Idle pooled connections to `origin` (for tests and diagnostics).
    public func idleConnectionCount(to origin: ClientURL.Origin) -> Int { pool.idleCount(origin) }

    /// A base path and a request target: "/db" + "/_api/x" → "/db/_api/x".
    static func join(_ basePath: String, _ target: String) -> String {
        guard basePath != "/" && !basePath.isEmpty else { return target.hasPrefix("/") ? target : "/" + target }
        let base = basePath.hasSuffix("/") ? String(basePath.dropLast()) : basePath
        return target.hasPrefix("/") ? base + target : base + "/" + target
    }
}
