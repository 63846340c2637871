import C8Core

/// Why an upgrade request cannot become a WebSocket: the HTTP status to
/// answer with (400, or 426 for an unsupported protocol version) and what
/// was wrong.
public struct WebSocketHandshakeError: Error, Sendable, Equatable, CustomStringConvertible {
    public var status: Int
    public var message: String

    public init(status: Int, message: String) {
        self.status = status
        self.message = message
    }

    /// The refusal in the C8 error shape. A 426 names the version this
    /// server speaks, as RFC 6455 §4.4 requires.
    public var response: HTTPResponse {
        var headers = HTTPHeaders()
        if status == 426 { headers.set("Sec-WebSocket-Version", "13") }
        let error = C8Error(code: status, errorNum: ErrorCode.httpBadParameter.errorNum, message: message)
        return .json(status, error.json.jsonString(), headers: headers)
    }

    public var description: String { "WebSocket handshake refused (\(status)): \(message)" }
}
