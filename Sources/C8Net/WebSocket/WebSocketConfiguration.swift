/// Limits and timing of one WebSocket, the same for either role.
public struct WebSocketConfiguration: Sendable {
    /// The largest payload accepted in one incoming frame (else 1009).
    public var maxFrameSize: Int
    /// The largest incoming message after joining fragments (else 1009).
    public var maxMessageSize: Int
    /// Outgoing messages longer than this are sent as several frames.
    public var outgoingFragmentSize: Int
    /// How long a side that sent a close frame waits for the peer's before
    /// dropping the transport anyway (RFC 6455 §7.1.1).
    public var closeTimeout: Duration

    /// 16 MiB frames and messages: far above any stream message pyC8 sends,
    /// small enough that a hostile peer cannot exhaust memory cheaply.
    public init(maxFrameSize: Int = 16 << 20, maxMessageSize: Int = 16 << 20,
                outgoingFragmentSize: Int = 1 << 20, closeTimeout: Duration = .seconds(5)) {
        precondition(maxFrameSize >= 125 && maxMessageSize >= 0 && outgoingFragmentSize >= 1,
                     "WebSocket limits must admit control frames and non-empty fragments")
        self.maxFrameSize = maxFrameSize
        self.maxMessageSize = maxMessageSize
        self.outgoingFragmentSize = outgoingFragmentSize
        self.closeTimeout = closeTimeout
    }
}
