/// Turns frames into messages: joins fragments, interprets control
/// frames, and enforces the rules that span frames (RFC 6455 §5.4, §5.5,
/// §8.1).
struct WebSocketMessageAssembler: Sendable {
    /// The largest complete message; anything bigger fails with 1009.
    let maxMessageSize: Int

    /// The opcode of a fragmented message in progress (text or binary).
    private var fragmentedOpcode: WebSocketOpcode?
    private var fragments: [UInt8] = []
    private var textValidator = UTF8StreamValidator()

    init(maxMessageSize: Int) {
        self.maxMessageSize = maxMessageSize
    }

    /// The event a frame completes, or nil for a non-final fragment. The
    /// payload is lent: what the event keeps is copied out of it.
    ///
    /// - Throws: ``WebSocketProtocolError``: 1002 for misplaced continuation
    ///   or data frames and malformed close frames, 1007 for invalid UTF-8,
    ///   1009 for a message above ``maxMessageSize``.
    mutating func assemble(fin: Bool, opcode: WebSocketOpcode,
                           payload: UnsafeBufferPointer<UInt8>) throws(WebSocketProtocolError) -> WebSocketEvent? {
        switch opcode {
        case .ping: return .ping(Array(payload))
        case .pong: return .pong(Array(payload))
        case .close: return try Self.closeEvent(payload)
        case .text, .binary:
            if fragmentedOpcode != nil {
                throw WebSocketProtocolError(.protocolError, "new message before the fragmented one finished")
            }
            if fin { return try Self.message(opcode, payload, limit: maxMessageSize) }
            fragmentedOpcode = opcode
            fragments = []
            textValidator = UTF8StreamValidator()
            return try append(payload, fin: fin)
        case .continuation:
            if fragmentedOpcode == nil {
                throw WebSocketProtocolError(.protocolError, "continuation frame without a message to continue")
            }
            return try append(payload, fin: fin)
        }
    }

    private mutating func append(_ payload: UnsafeBufferPointer<UInt8>,
                                 fin: Bool) throws(WebSocketProtocolError) -> WebSocketEvent? {
        guard let opcode = fragmentedOpcode else { return nil }
        guard fragments.count + payload.count <= maxMessageSize else {
            throw WebSocketProtocolError(.messageTooBig, "message exceeds the limit of \(maxMessageSize) bytes")
        }
        if opcode == .text && !textValidator.feed(payload) {
            throw WebSocketProtocolError(.invalidPayloadData, "text message is not valid UTF-8")
        }
        fragments.append(contentsOf: payload)
        guard fin else { return nil }
        fragmentedOpcode = nil
        let payload = fragments
        fragments = []
        if opcode == .text {
            guard textValidator.isAtCharacterBoundary else {
                throw WebSocketProtocolError(.invalidPayloadData, "text message ends inside a UTF-8 character")
            }
            return .text(String(decoding: payload, as: UTF8.self))
        }
        return .binary(payload)
    }

    private static func message(
        _ opcode: WebSocketOpcode, _ payload: UnsafeBufferPointer<UInt8>, limit: Int
    ) throws(WebSocketProtocolError) -> WebSocketEvent {
        guard payload.count <= limit else {
            throw WebSocketProtocolError(.messageTooBig, "message exceeds the limit of \(limit) bytes")
        }
        guard opcode == .text else { return .binary(Array(payload)) }
        guard UTF8StreamValidator.isValid(payload) else {
            throw WebSocketProtocolError(.invalidPayloadData, "text message is not valid UTF-8")
        }
        return .text(String(decoding: payload, as: UTF8.self))
    }

    /// A close frame's payload: empty, or a 2-byte code plus a UTF-8 reason (§5.5.1).
    private static func closeEvent(_ payload: UnsafeBufferPointer<UInt8>) throws(WebSocketProtocolError) -> WebSocketEvent {
        if payload.isEmpty { return .close(.noStatusReceived, reason: "") }
        guard payload.count >= 2 else {
            throw WebSocketProtocolError(.protocolError, "close frame with a 1-byte payload")
        }
        let code = WebSocketCloseCode(UInt16(payload[0]) << 8 | UInt16(payload[1]))
        guard code.isAllowedOnWire else {
            throw WebSocketProtocolError(.protocolError, "close code \(code) may not be sent")
        }
        guard let reason = String(validating: payload[2...], as: UTF8.self) else {
            throw WebSocketProtocolError(.invalidPayloadData, "close reason is not valid UTF-8")
        }
        return .close(code, reason: reason)
    }
}
