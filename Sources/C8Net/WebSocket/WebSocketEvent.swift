/// What one side of a WebSocket observes from the other, in order.
public enum WebSocketEvent: Sendable, Equatable {
    /// A complete text message, UTF-8 already validated.
    case text(String)
    /// A complete binary message.
    case binary([UInt8])
    /// A ping; the pong has already been queued.
    case ping([UInt8])
    case pong([UInt8])
    /// The connection is closed: the peer's close frame (code
    /// ``WebSocketCloseCode/noStatusReceived`` when it carried none), the
    /// code this side failed the connection with, or
    /// ``WebSocketCloseCode/abnormalClosure`` when the transport ended
    /// without a close frame. Always the last event.
    case close(WebSocketCloseCode, reason: String)
}
