/// A violation of RFC 6455 by the peer, or a limit it exceeded.
///
/// The receiving side fails the connection (§7.1.7): it sends a close frame
/// with `closeCode` and `reason`, then drops the transport.
public struct WebSocketProtocolError: Error, Sendable, Equatable, CustomStringConvertible {
    public var closeCode: WebSocketCloseCode
    /// Short enough for a close frame (≤ 123 bytes of UTF-8).
    public var reason: String

    public init(_ closeCode: WebSocketCloseCode, _ reason: String) {
        self.closeCode = closeCode
        self.reason = reason
    }

    public var description: String { "WebSocket error \(closeCode): \(reason)" }
}
