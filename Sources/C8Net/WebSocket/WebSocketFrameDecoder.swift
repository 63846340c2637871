/// Parses frames out of a byte stream that arrives in chunks of any size.
///
/// Feed bytes with ``append(_:)``, then call ``nextFrame()`` until it
/// returns nil. Every rule that concerns a single frame is checked here
/// (reserved bits and opcodes, masking by role, control frame shape, the
/// frame size limit) before its payload is buffered, so an oversized or
/// malformed frame costs no memory. Rules that span frames (fragmentation,
/// UTF-8, message size) belong to ``WebSocketMessageAssembler``.
public struct WebSocketFrameDecoder: Sendable {
    public let role: WebSocketRole
    /// The largest payload accepted in one frame; bigger frames fail with 1009.
    public let maxFrameSize: Int

    private var buffer: [UInt8] = []
    /// Where unparsed bytes start in `buffer`.
    private var readIndex = 0
    /// Once the stream is broken it stays broken: later bytes cannot be
    /// resynchronised with frame boundaries.
    private var failure: WebSocketProtocolError?

    public init(role: WebSocketRole, maxFrameSize: Int) {
        self.role = role
        self.maxFrameSize = maxFrameSize
    }

    /// The most buffer capacity kept once every byte has been consumed.
    static let retainedCapacity = 64 * 1024

    /// Bytes received but not yet returned as frames.
    public var bufferedByteCount: Int { buffer.count - readIndex }

    public mutating func append(_ bytes: some Collection<UInt8>) {
        if readIndex == buffer.count {
            // Keep a small buffer for the next frames, but not the megabytes
            // one large message needed: idle connections should cost little.
            buffer.removeAll(keepingCapacity: buffer.capacity <= Self.retainedCapacity)
            readIndex = 0
        } else if readIndex > Self.retainedCapacity && readIndex * 2 > buffer.count {
            // Reclaim consumed space once it dominates, so a long-lived
            // connection's buffer does not grow without bound.
            buffer.removeSubrange(0..<readIndex)
            readIndex = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// The next complete frame, or nil when more bytes are needed.
    ///
    /// - Throws: ``WebSocketProtocolError`` with 1002 for a malformed or
    ///   wrongly masked frame and 1009 for one above ``maxFrameSize``; after
    ///   that, every call throws the same error.
    public mutating func nextFrame() throws(WebSocketProtocolError) -> WebSocketFrame? {
        guard let frame = try locateFrame() else { return nil }
        defer { consume(frame) }
        return WebSocketFrame(fin: frame.fin, opcode: frame.opcode, payload: Array(buffer[frame.payload]))
    }

    /// The next complete frame handed to `assembler` with its payload read
    /// where it was received: nil when more bytes are needed, else what the
    /// assembler made of the frame. A payload copied into an array of its
    /// own, and again into the message, was an allocation per frame on
    /// every stream publish and ack.
    /// - Throws: as ``nextFrame()``, and what the assembler throws.
    mutating func nextFrame(
        into assembler: inout WebSocketMessageAssembler
    ) throws(WebSocketProtocolError) -> WebSocketEvent?? {
        guard let frame = try locateFrame() else { return nil }
        defer { consume(frame) }
        let assembled = buffer.withUnsafeBufferPointer { all in
            Result { () throws(WebSocketProtocolError) -> WebSocketEvent? in
                try assembler.assemble(fin: frame.fin, opcode: frame.opcode,
                                       payload: UnsafeBufferPointer(rebasing: all[frame.payload]))
            }
        }
        return .some(try assembled.get())
    }

    /// A complete frame in `buffer`: its header's fields and where its
    /// payload lies, already unmasked.
    private struct LocatedFrame {
        let fin: Bool
        let opcode: WebSocketOpcode
        let payload: Range<Int>
    }

    private mutating func locateFrame() throws(WebSocketProtocolError) -> LocatedFrame? {
        if let failure { throw failure }
        do {
            return try parseFrame()
        } catch {
            failure = error
            throw error
        }
    }

    /// Moves past a frame once its payload has been read.
    private mutating func consume(_ frame: LocatedFrame) {
        readIndex = frame.payload.upperBound
        if readIndex == buffer.count && buffer.capacity > Self.retainedCapacity {
            buffer = [] // see `append`: a large frame's buffer goes with it
            readIndex = 0
        }
    }

    private mutating func parseFrame() throws(WebSocketProtocolError) -> LocatedFrame? {
        let available = buffer.count - readIndex
        guard available >= 2 else { return nil }
        let first = buffer[readIndex], second = buffer[readIndex + 1]

        if first & 0x70 != 0 {
            throw WebSocketProtocolError(.protocolError, "reserved bits set without a negotiated extension")
        }
        guard let opcode = WebSocketOpcode(rawValue: first & 0x0F) else {
            throw WebSocketProtocolError(.protocolError, "reserved opcode \(first & 0x0F)")
        }
        let fin = first & 0x80 != 0
        let masked = second & 0x80 != 0
        if masked != role.expectsMaskedInput {
            throw WebSocketProtocolError(.protocolError, masked ? "server frame is masked" : "client frame is not masked")
        }
        let shortLength = Int(second & 0x7F)
        if opcode.isControl {
            if !fin { throw WebSocketProtocolError(.protocolError, "fragmented control frame") }
            if shortLength > 125 { throw WebSocketProtocolError(.protocolError, "control frame longer than 125 bytes") }
        }

        var headerSize = 2
        let length: Int
        switch shortLength {
        case 126:
            guard available >= 4 else { return nil }
            length = Int(buffer[readIndex + 2]) << 8 | Int(buffer[readIndex + 3])
            headerSize = 4
        case 127:
            guard available >= 10 else { return nil }
            var value: UInt64 = 0
            for i in 2..<10 { value = value << 8 | UInt64(buffer[readIndex + i]) }
            if value >> 63 != 0 {
                throw WebSocketProtocolError(.protocolError, "frame length has the most significant bit set")
            }
            guard value <= UInt64(maxFrameSize) else { throw tooBig(value) }
            length = Int(value)
            headerSize = 10
        default:
            length = shortLength
        }
        guard length <= maxFrameSize else { throw tooBig(UInt64(length)) }

        let maskingKey: WebSocketMaskingKey?
        if masked {
            guard available >= headerSize + 4 else { return nil }
            // Read in place: an array of the 4 key bytes was an allocation per frame.
            let at = readIndex + headerSize
            maskingKey = WebSocketMaskingKey(networkOrder: UInt32(buffer[at]) << 24 | UInt32(buffer[at + 1]) << 16
                | UInt32(buffer[at + 2]) << 8 | UInt32(buffer[at + 3]))
            headerSize += 4
        } else {
            maskingKey = nil
        }
        guard available >= headerSize + length else { return nil }

        let payloadStart = readIndex + headerSize
        let payload = payloadStart..<(payloadStart + length)
        // Unmasked in place: the buffer's bytes are read once, as payload.
        if let maskingKey { maskingKey.apply(to: &buffer, range: payload) }
        return LocatedFrame(fin: fin, opcode: opcode, payload: payload)
    }

    private func tooBig(_ length: UInt64) -> WebSocketProtocolError {
        WebSocketProtocolError(.messageTooBig, "frame of \(length) bytes exceeds the limit of \(maxFrameSize)")
    }
}
