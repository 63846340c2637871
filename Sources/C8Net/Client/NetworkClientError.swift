import Glibc

/// A failure of the HTTP or WebSocket client, with what it was doing.
public struct NetworkClientError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case invalidURL
        /// The request cannot be written as HTTP/1.1 (a header with CR or LF).
        case invalidRequest
        case resolveFailed
        case connectFailed
        case timedOut
        /// The peer closed the connection before the exchange was complete.
        case connectionClosed
        /// A read or write failed with a system error.
        case ioFailed
        /// The peer's bytes are not valid HTTP.
        case malformedResponse
        /// A response head or body above the client's limits.
        case responseTooLarge
        /// The server refused or botched the WebSocket upgrade.
        case handshakeFailed
        case tlsFailed
        /// The WebSocket is closed; no more can be sent or received.
        case webSocketClosed
    }

    public var kind: Kind
    /// What failed and where: "connect to api-x.localhost:443: Connection refused".
    public var message: String
    /// The `errno` behind the failure, if one.
    public var systemError: Int32?
    /// For a refused WebSocket handshake, the server's response.
    public var response: HTTPResponse?

    public init(_ kind: Kind, _ message: String, systemError: Int32? = nil, response: HTTPResponse? = nil) {
        self.kind = kind
        self.message = message
        self.systemError = systemError
        self.response = response
    }

    /// An error for a failed system call, its text from `strerror`.
    static func system(_ kind: Kind, _ context: String, errno code: Int32) -> NetworkClientError {
        NetworkClientError(kind, "\(context): \(String(cString: strerror(code)))", systemError: code)
    }

    /// Whether this is what a pooled connection that the server already
    /// closed produces when reused: the write went into a dead socket or
    /// the read found the end of the stream.
    var isStaleConnectionSymptom: Bool {
        switch kind {
        case .connectionClosed: true
        case .ioFailed: systemError == ECONNRESET || systemError == EPIPE || systemError == ECONNABORTED
        default: false
        }
    }

    public var description: String { message }
}
