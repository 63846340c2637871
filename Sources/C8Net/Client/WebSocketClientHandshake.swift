/// The client half of the opening handshake (RFC 6455 §4.1): sends the
/// upgrade request and checks the 101 that answers it.
enum WebSocketClientHandshake {
    /// Performs the handshake on `stream`; returns the server's response and
    /// any bytes that arrived after it (frames the server sent at once).
    ///
    /// - Parameter headers: extra request headers (`Authorization`, `Origin`).
    /// - Throws: ``NetworkClientError`` `.handshakeFailed` (with the
    ///   response) when the server refuses or answers wrongly.
    static func perform(
        url: ClientURL, headers: HTTPHeaders, on stream: any BlockingByteStream, timeout: Duration
    ) throws -> (response: HTTPResponse, leftover: [UInt8]) {
        let key = WebSocketAcceptKey.makeKey()
        var request = HTTPRequest(method: .get, target: url.target, headers: headers)
        request.headers.set("Upgrade", "websocket")
        request.headers.set("Connection", "Upgrade")
        request.headers.set("Sec-WebSocket-Key", key)
        request.headers.set("Sec-WebSocket-Version", "13")
        let deadline = ContinuousClock.now + timeout
        try stream.write(HTTPRequestEncoder.encode(request, target: url.target, host: url.origin.hostHeader),
                         timeout: timeout)

        let reader = BufferedStreamReader(stream: stream)
        let responseReader = HTTPResponseReader(maxBodySize: 1 << 20)
        let head = try responseReader.readHead(from: reader, deadline: deadline)
        guard head.status == 101 else {
            // The body usually says why (a C8 error envelope); read it if
            // it comes promptly, but the status alone is the answer.
            let body = (try? responseReader.readBody(of: head, method: .get, from: reader, deadline: deadline).body) ?? []
            let response = HTTPResponse(status: head.status, headers: head.headers, body: body)
            throw refusal("server answered \(head.status) \(String(decoding: body.prefix(200), as: UTF8.self))",
                          url: url, response: response)
        }
        let response = HTTPResponse(status: 101, headers: head.headers)
        guard WebSocketServerHandshake.headerTokens(head.headers, "Upgrade").contains("websocket"),
              WebSocketServerHandshake.headerTokens(head.headers, "Connection").contains("upgrade") else {
            throw refusal("101 without 'Upgrade: websocket' and 'Connection: Upgrade'", url: url, response: response)
        }
        guard head.headers["Sec-WebSocket-Accept"] == WebSocketAcceptKey.accept(forKey: key) else {
            throw refusal("wrong Sec-WebSocket-Accept", url: url, response: response)
        }
        // We offered no extension or subprotocol, so the server may not
        // pick one (§4.1, steps 5 and 6).
        if head.headers["Sec-WebSocket-Extensions"] != nil || head.headers["Sec-WebSocket-Protocol"] != nil {
            throw refusal("server chose an extension or subprotocol that was not offered", url: url, response: response)
        }
        return (response, reader.takeBuffered())
    }

    private static func refusal(_ why: String, url: ClientURL, response: HTTPResponse) -> NetworkClientError {
        NetworkClientError(.handshakeFailed, "WebSocket handshake with \(url) failed: \(why)", response: response)
    }
}
