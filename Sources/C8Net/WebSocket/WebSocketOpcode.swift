/// The frame types of RFC 6455 §5.2.
///
/// Opcodes 0x3–0x7 and 0xB–0xF are reserved for future definition; a frame
/// carrying one is a protocol error (1002), so they have no case here.
public enum WebSocketOpcode: UInt8, Sendable {
    case continuation = 0x0
    case text = 0x1
    case binary = 0x2
    case close = 0x8
    case ping = 0x9
    case pong = 0xA

    /// Close, ping and pong: they may arrive between the fragments of a
    /// message, so they must be short (≤ 125 bytes) and unfragmented (§5.5).
    public var isControl: Bool { rawValue & 0x8 != 0 }
}
