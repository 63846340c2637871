/// The application side of a server WebSocket.
///
/// Called on the connection's event loop, one call at a time and in the
/// order things arrived: hand long work to another thread and answer
/// through the connection's send methods, which work from any thread.
public protocol WebSocketHandler: Sendable {
    /// The handshake completed; the connection can send.
    func didOpen(_ connection: WebSocketConnection)
    func didReceive(_ connection: WebSocketConnection, text: String)
    func didReceive(_ connection: WebSocketConnection, binary: [UInt8])
    /// A pong arrived (pings are answered without the handler).
    func didReceivePong(_ connection: WebSocketConnection, payload: [UInt8])
    /// Every message of one read from the socket has been handed over (and
    /// before ``didClose(_:code:reason:)``): a handler that gathers what the
    /// messages ask for — stream publishes and acks — acts on it now, once
    /// per read instead of once per message.
    func didFinishReading(_ connection: WebSocketConnection)
    /// The connection is over; called exactly once and last. The code is the
    /// peer's, the one this side failed the connection with, or
    /// ``WebSocketCloseCode/abnormalClosure`` if the transport just ended.
    func didClose(_ connection: WebSocketConnection, code: WebSocketCloseCode, reason: String)
}

extension WebSocketHandler {
    public func didOpen(_ connection: WebSocketConnection) {}

    /// Handlers of text protocols (C8 streams) refuse binary messages with
    /// 1003, as RFC 6455 §7.4.1 intends, unless they override this.
    public func didReceive(_ connection: WebSocketConnection, binary: [UInt8]) {
        connection.close(code: .unsupportedData, reason: "binary messages are not accepted")
    }

    public func didReceivePong(_ connection: WebSocketConnection, payload: [UInt8]) {}

    public func didFinishReading(_ connection: WebSocketConnection) {}
}
