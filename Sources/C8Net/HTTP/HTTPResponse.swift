/// One response. The writer adds `Content-Length` (and `Connection` when
/// the connection closes); a handler sets everything else.
public struct HTTPResponse: Sendable {
    public var status: Int
    public var headers: HTTPHeaders
    public var body: [UInt8]
    /// Set when the response switches protocols (101 to a WebSocket): the
    /// transport writes the response, then hands the connection's bytes to
    /// the upgrade instead of the HTTP parser.
    public var upgrade: (any ConnectionUpgrade)?

    public init(status: Int, headers: HTTPHeaders = HTTPHeaders(), body: [UInt8] = [],
                upgrade: (any ConnectionUpgrade)? = nil) {
        self.status = status
        self.headers = headers
        self.body = body
        self.upgrade = upgrade
    }

    /// A response with a UTF-8 JSON body already serialized.
    public static func json(_ status: Int, _ text: String, headers: HTTPHeaders = HTTPHeaders()) -> HTTPResponse {
        var headers = headers
        headers.set("Content-Type", "application/json; charset=utf-8")
        return HTTPResponse(status: status, headers: headers, body: Array(text.utf8))
    }
}

/// What a connection becomes after a 101 response. The transport calls it
/// on the connection's event loop only, one call at a time.
public protocol ConnectionUpgrade: AnyObject, Sendable {
    /// Starts the protocol; `output` writes bytes to the peer (in order,
    /// with back-pressure handled by the transport) and `close` ends the
    /// connection after pending output is written.
    func start(output: ConnectionOutput)
    /// Bytes from the peer, in order.
    func received(_ bytes: UnsafeRawBufferPointer)
    /// The peer went away or the server is stopping.
    func closed()
}

/// The write side of a connection, safe to call from any thread.
public protocol ConnectionOutput: AnyObject, Sendable {
    func write(_ bytes: [UInt8])
    func close()
}

/// What serves requests. `handle` may block (queries, batch writes): the
/// transport calls it on its bounded worker pool, never on an event loop.
public protocol HTTPHandler: Sendable {
    func handle(_ request: HTTPRequest, peer: PeerInfo) -> HTTPResponse
}

/// Who sent a request.
public struct PeerInfo: Sendable, Equatable {
    public var address: String
    public var port: Int
    public var isTLS: Bool
    /// The local port the request arrived on (80 and 443 drop out of URLs).
    public var localPort: Int

    public init(address: String, port: Int, isTLS: Bool, localPort: Int) {
        self.address = address
        self.port = port
        self.isTLS = isTLS
        self.localPort = localPort
    }
}
