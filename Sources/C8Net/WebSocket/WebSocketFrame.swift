/// One frame (RFC 6455 §5.2) with its payload unmasked.
///
/// The reserved bits are not modelled: no extension is ever negotiated, so
/// the decoder refuses frames that set them and the encoder never does.
public struct WebSocketFrame: Sendable, Equatable {
    /// Whether this is the last frame of its message.
    public var fin: Bool
    public var opcode: WebSocketOpcode
    public var payload: [UInt8]

    public init(fin: Bool = true, opcode: WebSocketOpcode, payload: [UInt8] = []) {
        self.fin = fin
        self.opcode = opcode
        self.payload = payload
    }
}
