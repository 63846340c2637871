/// The server half of the opening handshake (RFC 6455 §4.2).
///
/// A route that serves WebSockets checks the request with ``validate(_:)``
/// (or lets ``response(to:configuration:handler:)`` do it) and returns the
/// 101 response; the transport then hands the connection to its
/// ``WebSocketConnection``.
public enum WebSocketServerHandshake {
    /// The client's `Sec-WebSocket-Key` if `request` is a valid upgrade.
    ///
    /// - Throws: ``WebSocketHandshakeError`` with 400 for anything malformed
    ///   and 426 for a `Sec-WebSocket-Version` other than 13.
    public static func validate(_ request: HTTPRequest) throws(WebSocketHandshakeError) -> String {
        func refuse(_ message: String, status: Int = 400) -> WebSocketHandshakeError {
            WebSocketHandshakeError(status: status, message: message)
        }
        guard request.method == .get else { throw refuse("a WebSocket handshake must be a GET") }
        guard request.version == .http1_1 else { throw refuse("a WebSocket handshake needs HTTP/1.1") }
        guard request.headers["Host"] != nil else { throw refuse("a WebSocket handshake needs a Host header") }
        guard headerTokens(request.headers, "Upgrade").contains("websocket") else {
            throw refuse("missing 'Upgrade: websocket'")
        }
        guard headerTokens(request.headers, "Connection").contains("upgrade") else {
            throw refuse("missing 'Connection: Upgrade'")
        }
        let versions = request.headers.values("Sec-WebSocket-Version")
        guard !versions.isEmpty else { throw refuse("missing Sec-WebSocket-Version") }
        guard versions.count == 1, Substring(versions[0]).trimmingSpaces == "13" else {
            throw refuse("unsupported WebSocket version; this server speaks 13", status: 426)
        }
        let keys = request.headers.values("Sec-WebSocket-Key")
        guard keys.count == 1 else { throw refuse("expected one Sec-WebSocket-Key") }
        let key = String(Substring(keys[0]).trimmingSpaces)
        guard WebSocketAcceptKey.isValidKey(key) else {
            throw refuse("Sec-WebSocket-Key is not 16 bytes in base64")
        }
        return key
    }

    /// The 101 answer to a valid upgrade, its `upgrade` a
    /// ``WebSocketConnection`` serving `handler`; for an invalid one, the
    /// refusal (400 or 426).
    ///
    /// No subprotocol or extension is ever agreed: C8's stream sockets use
    /// neither, and without extensions every reserved bit must be zero.
    public static func response(
        to request: HTTPRequest, configuration: WebSocketConfiguration = WebSocketConfiguration(),
        handler: any WebSocketHandler
    ) -> HTTPResponse {
        let key: String
        do {
            key = try validate(request)
        } catch {
            return error.response
        }
        var headers = HTTPHeaders()
        headers.add("Upgrade", "websocket")
        headers.add("Connection", "Upgrade")
        headers.add("Sec-WebSocket-Accept", WebSocketAcceptKey.accept(forKey: key))
        let connection = WebSocketConnection(request: request, handler: handler, configuration: configuration)
        return HTTPResponse(status: 101, headers: headers, upgrade: connection)
    }

    /// The comma-separated tokens of every `name` field, lowercased.
    static func headerTokens(_ headers: HTTPHeaders, _ name: String) -> [String] {
        headers.values(name).flatMap { $0.split(separator: ",") }
            .map { $0.trimmingSpaces.lowercased() }
    }
}
