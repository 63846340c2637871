/// Several text messages of a server WebSocket, framed into one buffer and
/// sent with one ``WebSocketConnection/send(_:)``: stream receipts and
/// deliveries are written a group at a time, and a frame each through
/// ``WebSocketConnection/send(textUTF8:)`` cost two allocations and three
/// lock rounds per message.
///
/// Server frames are unmasked and unfragmented; the caller writes each
/// message's UTF-8 bytes straight into the buffer (they are not checked:
/// they must be valid UTF-8).
public struct WebSocketTextBatch: Sendable {
    public private(set) var bytes: [UInt8] = []
    public private(set) var count = 0

    public init() {}

    public var isEmpty: Bool { count == 0 }

    public mutating func reserveCapacity(_ capacity: Int) { bytes.reserveCapacity(capacity) }

    /// Appends one text message that `write` appends to the buffer.
    /// `expectedLength` (a guess of the message's size) picks the header
    /// room reserved up front; a wrong guess costs a move of the message.
    public mutating func appendText(expectedLength: Int = 0, _ write: (inout [UInt8]) -> Void) {
        let start = bytes.count
        let reserved = Self.headerSize(expectedLength)
        bytes.append(0x80 | WebSocketOpcode.text.rawValue)
        for _ in 1..<reserved { bytes.append(0) }
        write(&bytes)
        let length = bytes.count - start - reserved
        count += 1
        let needed = Self.headerSize(length)
        if needed != reserved {
            // The length field has the minimal size RFC 6455 §5.2 asks for.
            let filler = [UInt8](repeating: 0, count: abs(needed - reserved))
            if needed > reserved {
                bytes.insert(contentsOf: filler, at: start + 1)
            } else {
                bytes.removeSubrange((start + 1)..<(start + 1 + reserved - needed))
            }
        }
        switch needed {
        case 2:
            bytes[start + 1] = UInt8(length)
        case 4:
            bytes[start + 1] = 126
            bytes[start + 2] = UInt8(length >> 8)
            bytes[start + 3] = UInt8(length & 0xFF)
        default:
            bytes[start + 1] = 127
            for index in 0..<8 {
                bytes[start + 2 + index] = UInt8(truncatingIfNeeded: UInt64(length) >> UInt64(56 - 8 * index))
            }
        }
    }

    /// Header bytes (no mask) of a frame of `length` payload bytes.
    private static func headerSize(_ length: Int) -> Int {
        length <= 125 ? 2 : length <= 0xFFFF ? 4 : 10
    }

    /// Appends one text message given as its UTF-8 bytes.
    public mutating func appendText(utf8 payload: some Collection<UInt8>) {
        appendText { $0.append(contentsOf: payload) }
    }
}
