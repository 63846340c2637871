/// The protocol of one WebSocket, apart from how its bytes travel.
///
/// Incoming bytes go in, and out come the bytes to send back (pongs, close
/// replies), the events for the application, and whether the transport
/// should now be dropped. The server's ``WebSocketConnection`` (pushed bytes
/// by an event loop) and the blocking ``WebSocketClient`` both drive one, so
/// the close handshake and failure rules exist once. Not thread-safe: its
/// owner serialises access.
struct WebSocketSession: Sendable {
    enum State: Sendable, Equatable {
        case open
        /// This side sent a close frame and waits for the peer's.
        case closeSent
        /// Both close frames were exchanged, or the connection failed.
        case closed
    }

    /// What one call asks the owner to do, in this order: write `bytes`,
    /// deliver `events`, then drop the transport if `closeTransport`.
    struct Output: Sendable {
        var bytes: [UInt8] = []
        var events: [WebSocketEvent] = []
        var closeTransport = false
    }

    let role: WebSocketRole
    let configuration: WebSocketConfiguration
    private(set) var state = State.open
    private var decoder: WebSocketFrameDecoder
    private var assembler: WebSocketMessageAssembler
    private var maskingKeys = WebSocketMaskingKeySource()

    init(role: WebSocketRole, configuration: WebSocketConfiguration) {
        self.role = role
        self.configuration = configuration
        decoder = WebSocketFrameDecoder(role: role, maxFrameSize: configuration.maxFrameSize)
        assembler = WebSocketMessageAssembler(maxMessageSize: configuration.maxMessageSize)
    }

    /// Processes bytes from the peer.
    mutating func receive(_ bytes: some Collection<UInt8>) -> Output {
        var output = Output()
        guard state != .closed else { return output }
        decoder.append(bytes)
        do {
            while state != .closed, let assembled = try decoder.nextFrame(into: &assembler) {
                guard let event = assembled else { continue }
                switch event {
                case .ping(let payload):
                    if state == .open { encodeFrame(.pong, fin: true, payload: payload, into: &output.bytes) }
                case .close(let code, _):
                    if state == .open {
                        // Echo the peer's code (§5.5.1); a close without one
                        // is answered with an empty close.
                        let reply: [UInt8] = code == .noStatusReceived ? [] : Self.closePayload(code, "")
                        encodeFrame(.close, fin: true, payload: reply, into: &output.bytes)
                    }
                    state = .closed
                    output.closeTransport = true
                case .text, .binary, .pong:
                    break
                }
                output.events.append(event)
            }
        } catch {
            fail(error, into: &output)
        }
        return output
    }

    /// The frames of a data message, or nil once a close frame was sent.
    mutating func encodeMessage(_ opcode: WebSocketOpcode, _ payload: some Collection<UInt8>) -> [UInt8]? {
        precondition(opcode == .text || opcode == .binary, "a message is text or binary")
        guard state == .open else { return nil }
        var bytes: [UInt8] = []
        let fragmentSize = configuration.outgoingFragmentSize
        if payload.count <= fragmentSize {
            encodeFrame(opcode, fin: true, payload: payload, into: &bytes)
            return bytes
        }
        let all = Array(payload)
        var start = 0
        while start < all.count {
            let end = min(start + fragmentSize, all.count)
            encodeFrame(start == 0 ? opcode : .continuation, fin: end == all.count,
                        payload: all[start..<end], into: &bytes)
            start = end
        }
        return bytes
    }

    /// A ping frame, or nil once a close frame was sent.
    /// - Precondition: `payload` has at most 125 bytes.
    mutating func encodePing(_ payload: [UInt8]) -> [UInt8]? {
        guard state == .open else { return nil }
        var bytes: [UInt8] = []
        encodeFrame(.ping, fin: true, payload: payload, into: &bytes)
        return bytes
    }

    /// Starts the closing handshake: the close frame to send, or nil when
    /// one was already sent. Data messages can no longer be sent.
    /// - Precondition: `code` may appear on the wire.
    mutating func encodeClose(_ code: WebSocketCloseCode, reason: String) -> [UInt8]? {
        precondition(code.isAllowedOnWire, "close code \(code) is reserved and cannot be sent")
        guard state == .open else { return nil }
        state = .closeSent
        var bytes: [UInt8] = []
        encodeFrame(.close, fin: true, payload: Self.closePayload(code, reason), into: &bytes)
        return bytes
    }

    /// The transport ended, or the peer did not answer a close frame in
    /// time: the final event, unless one was already produced.
    mutating func end(reason: String) -> WebSocketEvent? {
        guard state != .closed else { return nil }
        state = .closed
        return .close(.abnormalClosure, reason: reason)
    }

    /// Fails the connection (§7.1.7): a close frame with the error's code,
    /// unless one was already sent, and the transport goes at once.
    private mutating func fail(_ error: WebSocketProtocolError, into output: inout Output) {
        if state == .open {
            encodeFrame(.close, fin: true, payload: Self.closePayload(error.closeCode, error.reason), into: &output.bytes)
        }
        state = .closed
        output.events.append(.close(error.closeCode, reason: error.reason))
        output.closeTransport = true
    }

    private mutating func encodeFrame(_ opcode: WebSocketOpcode, fin: Bool, payload: some Collection<UInt8>,
                                      into bytes: inout [UInt8]) {
        let key: WebSocketMaskingKey? = role == .client ? maskingKeys.key() : nil
        WebSocketFrameEncoder.encode(opcode: opcode, fin: fin, payload: payload, maskingKey: key, into: &bytes)
    }

    /// A close payload: the code, then the reason cut to fit the 125-byte
    /// control frame limit at a character boundary.
    static func closePayload(_ code: WebSocketCloseCode, _ reason: String) -> [UInt8] {
        var reasonBytes = Array(reason.utf8)
        if reasonBytes.count > 123 {
            var end = 123
            while end > 0 && reasonBytes[end] & 0xC0 == 0x80 { end -= 1 }
            reasonBytes.removeSubrange(end...)
        }
        return [UInt8(code.rawValue >> 8), UInt8(code.rawValue & 0xFF)] + reasonBytes
    }
}
