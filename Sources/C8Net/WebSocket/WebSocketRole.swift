/// Which end of a WebSocket this side is. The roles differ only in
/// masking (RFC 6455 §5.1): clients mask every frame they send and servers
/// never do, and each side fails the connection when the other breaks that.
public enum WebSocketRole: Sendable {
    case client
    case server

    /// Whether frames arriving from the peer must carry a masking key.
    var expectsMaskedInput: Bool { self == .server }
}
