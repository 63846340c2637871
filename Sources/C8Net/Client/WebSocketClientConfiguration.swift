/// How a ``WebSocketClient`` connects and waits.
public struct WebSocketClientConfiguration: Sendable {
    /// For resolving and connecting (and the TLS handshake), all together.
    public var connectTimeout: Duration
    /// For the server's answer to the upgrade request.
    public var handshakeTimeout: Duration
    /// For the server to take one frame off our hands.
    public var writeTimeout: Duration
    /// Frame and message limits, fragmentation and the close timeout.
    public var webSocket: WebSocketConfiguration
    /// How `wss` servers are checked.
    public var tlsVerification: TLSServerVerification

    public init(connectTimeout: Duration = .seconds(10), handshakeTimeout: Duration = .seconds(10),
                writeTimeout: Duration = .seconds(30), webSocket: WebSocketConfiguration = WebSocketConfiguration(),
                tlsVerification: TLSServerVerification = .systemTrustStore) {
        self.connectTimeout = connectTimeout
        self.handshakeTimeout = handshakeTimeout
        self.writeTimeout = writeTimeout
        self.webSocket = webSocket
        self.tlsVerification = tlsVerification
    }
}
